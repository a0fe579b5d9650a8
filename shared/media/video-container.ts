import { sniffContainer } from './sniff';

/**
 * Which video container a file is, from its first bytes: WebM (the EBML magic 1A 45 DF A3, what
 * browsers' MediaRecorder writes) or MP4 ('ftyp' at offset 4); null for anything else. The one
 * check behind every videogram upload and the duration reader, read by sniffContainer.
 */
export function videoContainer(bytes: Uint8Array): 'video/webm' | 'video/mp4' | null {
  const container = sniffContainer(bytes);
  if (container === 'webm') return 'video/webm';
  if (container === 'mp4') return 'video/mp4';
  return null;
}
