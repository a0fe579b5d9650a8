/**
 * What a media file's first bytes say it is, whatever it is labelled: a
 * WebM/Matroska EBML header, an MP4 `ftyp` box, or an Ogg page. A blob is
 * stored under a media type only when its bytes are that type, so a device
 * cannot park arbitrary bytes labelled video/webm.
 */
export type Container = 'webm' | 'mp4' | 'ogg';

/** The container the first bytes are of, whatever the file is called or labelled; null for anything else. */
export function sniffContainer(head: Uint8Array): Container | null {
  if (head.length >= 4 && head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return 'webm';
  if (head.length >= 8 && String.fromCharCode(...head.subarray(4, 8)) === 'ftyp') return 'mp4';
  if (head.length >= 4 && String.fromCharCode(...head.subarray(0, 4)) === 'OggS') return 'ogg';
  return null;
}

const containerOf: Record<string, Container> = {
  'video/webm': 'webm',
  'audio/webm': 'webm',
  'video/mp4': 'mp4',
  'audio/ogg': 'ogg',
};

/** Whether the bytes are of the container the media type names. */
export const bytesMatchType = (mime: string, head: Uint8Array): boolean =>
  containerOf[mime] !== undefined && sniffContainer(head) === containerOf[mime];
