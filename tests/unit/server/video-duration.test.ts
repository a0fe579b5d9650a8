import { describe, expect, it } from 'vitest';
import { videoDurationMs } from '../../../shared/media/video-duration';
import { webmWithBlocksUntil, webmWithDuration } from '../../support/webm';

function mp4(durationUnits: number, timescale: number): Uint8Array {
  const box = (type: string, body: number[]) => {
    const size = 8 + body.length;
    return [
      (size >>> 24) & 0xff,
      (size >>> 16) & 0xff,
      (size >>> 8) & 0xff,
      size & 0xff,
      ...Array.from(type, (c) => c.charCodeAt(0)),
      ...body,
    ];
  };
  const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
  const mvhd = box('mvhd', [
    0,
    0,
    0,
    0,
    ...u32(0),
    ...u32(0),
    ...u32(timescale),
    ...u32(durationUnits),
    ...new Array<number>(80).fill(0),
  ]);
  return Uint8Array.from([
    ...box('ftyp', Array.from('isom', (c) => c.charCodeAt(0)).concat(u32(0))),
    ...box('moov', mvhd),
  ]);
}

describe('videoDurationMs', () => {
  it('reads the Duration of a WebM', () => {
    expect(videoDurationMs(webmWithDuration(95_500))).toBe(95_500);
    expect(videoDurationMs(webmWithDuration(181_000))).toBe(181_000);
  });

  it('reads a MediaRecorder-style WebM without Duration from its block timestamps', () => {
    expect(videoDurationMs(webmWithBlocksUntil(42_000))).toBe(42_000);
    expect(videoDurationMs(webmWithBlocksUntil(200_000))).toBe(200_000);
  });

  it('reads the mvhd duration of an MP4', () => {
    expect(videoDurationMs(mp4(90_000 * 30, 90_000))).toBe(30_000);
  });

  it('returns null for what it cannot read, never a guess', () => {
    expect(videoDurationMs(new Uint8Array())).toBeNull();
    expect(videoDurationMs(new TextEncoder().encode('not a video at all'))).toBeNull();
    expect(videoDurationMs(webmWithDuration(95_500).subarray(0, 20))).toBeNull();
    expect(videoDurationMs(Uint8Array.from([0x1a, 0x45, 0xdf, 0xa3, 0xff]))).toBeNull();
  });
});
