import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { parseFile } from 'music-metadata';
import { HttpError } from '../http/http-error';
import { checkMpegFile } from './mpeg-frames';

/** The audio staff may upload: MP3 and Ogg (Vorbis, Opus), whose ends can be checked (see below). */
export const AUDIO_TYPES = { 'audio/mpeg': 'MPEG', 'audio/ogg': 'Ogg' } as const;
export type AudioType = keyof typeof AUDIO_TYPES;
/** An album track: two hours of high-bitrate MP3 fits; more is not a track. */
export const AUDIO_MAX_BYTES = 300 * 1024 * 1024;

export interface AudioFacts {
  title: string;
  artist: string;
  album: string;
  track: number | null;
  durationMs: number;
}

/** Whether an Ogg stream is whole: its last page carries the end-of-stream flag (read from the last 64 KiB). */
function oggEnds(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const tail = Buffer.alloc(Math.min(size, 65_536));
    readSync(fd, tail, 0, tail.length, size - tail.length);
    const last = tail.lastIndexOf('OggS', undefined, 'latin1');
    if (last < 0 || last + 27 > tail.length) return false;
    const segments = tail[last + 26] ?? 0;
    const table = tail.subarray(last + 27, last + 27 + segments);
    const pageEnd = last + 27 + segments + table.reduce((sum, n) => sum + n, 0);
    return ((tail[last + 5] ?? 0) & 0x04) !== 0 && pageEnd === tail.length;
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads an uploaded audio file on disk (its temp file, before it becomes a
 * blob): tags and duration with music-metadata, which streams the file; the
 * container must be the one the upload's type says; and the file must be
 * whole (a truncated MP3 or Ogg would stop early on every kiosk). Throws an
 * HttpError with a reason code otherwise.
 */
export async function readAudioFile(path: string, type: AudioType): Promise<AudioFacts> {
  let parsed;
  try {
    parsed = await parseFile(path, { duration: true, skipCovers: true });
  } catch (error) {
    throw new HttpError(422, 'audio_unreadable', `not audio we can read: ${(error as Error).message}`);
  }
  const { format, common } = parsed;
  if (format.container !== AUDIO_TYPES[type] || !format.hasAudio || !format.duration || format.duration <= 0)
    throw new HttpError(422, 'audio_unreadable', `not ${type} audio (${format.container ?? 'unknown'})`);
  if (type === 'audio/mpeg') {
    const check = checkMpegFile(path);
    if (!check.whole) throw new HttpError(422, 'audio_truncated', `the MP3 is cut short: ${check.reason}`);
  } else if (!oggEnds(path)) {
    throw new HttpError(422, 'audio_truncated', 'the Ogg stream is cut short (no end-of-stream page)');
  }
  return {
    title: (common.title ?? '').trim().slice(0, 300),
    artist: (common.artist ?? common.albumartist ?? '').trim().slice(0, 200),
    album: (common.album ?? '').trim().slice(0, 300),
    track: common.track.no ?? null,
    durationMs: Math.round(format.duration * 1000),
  };
}
