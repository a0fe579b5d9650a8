/**
 * Which video container a file is, from its first bytes: WebM (the EBML magic 1A 45 DF A3, what
 * browsers' MediaRecorder writes) or MP4 ('ftyp' at offset 4); null for anything else. The one
 * check behind every videogram upload and the duration reader.
 */
export function videoContainer(bytes: Uint8Array): 'video/webm' | 'video/mp4' | null {
  if (bytes.length >= 4 && bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3)
    return 'video/webm';
  if (bytes.length >= 8 && String.fromCharCode(...bytes.subarray(4, 8)) === 'ftyp') return 'video/mp4';
  return null;
}
