/** The domain's hard limit for a videogram, in seconds (the server rejects longer ones too). */
export const maxVideogramSeconds = 180;
export const countdownSeconds = 3;

/** The first container the browser can record, preferring WebM/VP8 (what Chromium and Electron produce). */
export function pickMimeType(): string {
  const candidates = ['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp8', 'video/webm', 'video/mp4'];
  return candidates.find((type) => typeof MediaRecorder !== 'undefined' && MediaRecorder.isTypeSupported(type)) ?? '';
}
