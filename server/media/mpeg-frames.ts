import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/**
 * Whether an MP3 file is whole: its frames walked header by header (4 bytes
 * read per frame, never the file whole). A file cut short ends inside a frame,
 * or has fewer frames or bytes than its Xing/Info or VBRI header promised.
 * Tags (ID3v2 at the start, ID3v1 and APEv2 at the end) are stepped over.
 */

// Bitrates in kbit/s by [MPEG-1?][layer index 1..3][bitrate index].
const BITRATES: Record<string, number[]> = {
  '1-3': [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  '1-2': [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  '1-1': [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  '2-3': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  '2-2': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  '2-1': [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
};
const SAMPLE_RATES: Record<number, number[]> = {
  3: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  0: [11025, 12000, 8000],
};

interface FrameHeader {
  length: number;
}

/** The length of the frame whose header is these 4 bytes, or null if they are not a frame header. */
function frameLength(h: Buffer): FrameHeader | null {
  if (h[0] !== 0xff || ((h[1] ?? 0) & 0xe0) !== 0xe0) return null;
  const version = ((h[1] ?? 0) >> 3) & 3; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
  const layerBits = ((h[1] ?? 0) >> 1) & 3; // 1: III, 2: II, 3: I
  const bitrateIndex = (h[2] ?? 0) >> 4;
  const rateIndex = ((h[2] ?? 0) >> 2) & 3;
  const padding = ((h[2] ?? 0) >> 1) & 1;
  if (version === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return null;
  const layer = 4 - layerBits;
  const kbps = BITRATES[`${version === 3 ? 1 : 2}-${layer}`]?.[bitrateIndex] ?? 0;
  const rate = SAMPLE_RATES[version]?.[rateIndex] ?? 0;
  if (!kbps || !rate) return null;
  const bps = kbps * 1000;
  if (layer === 1) return { length: (Math.floor((12 * bps) / rate) + padding) * 4 };
  const perSample = layer === 3 && version !== 3 ? 72 : 144;
  return { length: Math.floor((perSample * bps) / rate) + padding };
}

/** Where the audio ends: before an ID3v1 tag and an APEv2 footer, if any. */
function audioEnd(fd: number, size: number): number {
  let end = size;
  const tail = Buffer.alloc(128);
  if (end >= 128 && readSync(fd, tail, 0, 128, end - 128) === 128 && tail.toString('latin1', 0, 3) === 'TAG')
    end -= 128;
  const ape = Buffer.alloc(32);
  if (end >= 32 && readSync(fd, ape, 0, 32, end - 32) === 32 && ape.toString('latin1', 0, 8) === 'APETAGEX')
    end -= ape.readUInt32LE(12) + ((ape.readUInt32LE(20) & 0x80000000) !== 0 ? 32 : 0);
  return end;
}

export type MpegCheck = { whole: true; frames: number } | { whole: false; reason: string };

/** Walks the MP3 at `path` frame by frame (see the top of this file). */
export function checkMpegFile(path: string): MpegCheck {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const header = Buffer.alloc(10);
    let at = 0;
    // ID3v2 tags (possibly more than one), sizes in syncsafe integers, with an optional footer.
    while (readSync(fd, header, 0, 10, at) === 10 && header.toString('latin1', 0, 3) === 'ID3') {
      const tagSize = ((header[6] ?? 0) << 21) | ((header[7] ?? 0) << 14) | ((header[8] ?? 0) << 7) | (header[9] ?? 0);
      at += 10 + tagSize + (((header[5] ?? 0) & 0x10) !== 0 ? 10 : 0);
    }
    const end = audioEnd(fd, size);
    at = firstFrame(fd, at, end);
    const start = at;
    let frames = 0;
    let promised: { frames: number | null; bytes: number | null } | null = null;
    const probe = Buffer.alloc(200);
    while (at + 4 <= end) {
      readSync(fd, probe, 0, 4, at);
      const frame = frameLength(probe);
      if (!frame) break;
      if (frames === 0) promised = readVbrHeader(fd, at, probe);
      if (at + frame.length > end) return { whole: false, reason: `the last frame is cut off at byte ${end}` };
      at += frame.length;
      frames += 1;
    }
    if (frames === 0) return { whole: false, reason: 'no MPEG audio frames' };
    if (promised?.bytes && end - start < promised.bytes)
      return { whole: false, reason: `${end - start} bytes of audio, the header says ${promised.bytes}` };
    // Encoders differ on whether the Xing/Info frame counts itself: fewer than promised either way is cut.
    if (promised?.frames && frames < promised.frames)
      return { whole: false, reason: `${frames} frames, the header says ${promised.frames}` };
    return { whole: true, frames };
  } finally {
    closeSync(fd);
  }
}

/**
 * Where the first frame starts: at `from`, or after some padding or junk
 * (within 64 KiB): a header whose next frame also starts with a header.
 */
function firstFrame(fd: number, from: number, end: number): number {
  const window = Buffer.alloc(Math.min(65_536 + 4096, Math.max(0, end - from)));
  const read = readSync(fd, window, 0, window.length, from);
  for (let i = 0; i + 4 <= Math.min(read, 65_536); i += 1) {
    const frame = frameLength(window.subarray(i, i + 4));
    if (!frame) continue;
    const next = i + frame.length;
    if (next + 4 > read) return from + i;
    if (frameLength(window.subarray(next, next + 4))) return from + i;
  }
  return from;
}

/** A Xing/Info (in the first frame's side data) or VBRI header's frame and byte totals, if there is one. */
function readVbrHeader(fd: number, at: number, probe: Buffer): { frames: number | null; bytes: number | null } | null {
  const read = readSync(fd, probe, 0, probe.length, at);
  const window = probe.subarray(0, read);
  for (const tag of ['Xing', 'Info']) {
    const i = window.indexOf(tag, 4, 'latin1');
    if (i > 0 && i + 16 <= read) {
      const flags = window.readUInt32BE(i + 4);
      let next = i + 8;
      const frames = flags & 1 ? window.readUInt32BE(next) : null;
      if (flags & 1) next += 4;
      const bytes = flags & 2 && next + 4 <= read ? window.readUInt32BE(next) : null;
      return { frames, bytes };
    }
  }
  const v = window.indexOf('VBRI', 4, 'latin1');
  if (v > 0 && v + 18 <= read) return { bytes: window.readUInt32BE(v + 10), frames: window.readUInt32BE(v + 14) };
  return null;
}
