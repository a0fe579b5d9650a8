/**
 * What sealing media at rest costs (electron/core/media/blob-crypto.ts: AES-256-GCM per 64 KiB chunk),
 * on a 50 MB video, each figure next to the plain-file baseline measured in the same run:
 *  - storing a download (arriving in 16 KiB network pieces): plain = write + fsync + hash the file
 *    (what the cache did before); sealed = seal as it arrives, hash inline, fsync;
 *  - the first-use check: plain = hash the file; sealed = every chunk's tag + the hash;
 *  - serving it whole, and serving a 1 MB Range from the middle (a video seek): plain = a file read
 *    stream; sealed = the decrypting stream the hosts use.
 * Side by side: each round measures plain and sealed back to back for every step, in alternating order
 * (plain first in even rounds, sealed first in odd ones), and the ratio reported is the median of the
 * rounds' own ratios, so the machine's drift between rounds (other work on shared cores) cancels out.
 * Nine rounds; the medians of the times are printed beside it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, createReadStream, fsyncSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { blobKey } from '../../shared/node/sealed-media';
import { forEachPlainChunk, openMediaFile, SealedBlobWriter } from '../../electron/core/media/sealed-blob-file';
import { servedMediaStream } from '../../electron/host/media/served-media';

const SIZE = 50 * 1024 * 1024;
const PIECE = 16 * 1024;
const RUNS = 9;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function timed(work: () => unknown): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function drain(stream: Readable): Promise<number> {
  let bytes = 0;
  for await (const chunk of stream) bytes += (chunk as Buffer).length;
  return bytes;
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function run(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-media-'));
  const video = randomBytes(SIZE);
  const sha256 = createHash('sha256').update(video).digest('hex');
  const blob = { key: blobKey(randomBytes(32), sha256), sha256 };
  // Laid out like the cache: blobs one folder below its root.
  mkdirSync(join(dir, 'ab'));
  const plainFile = join(dir, 'ab', 'plain');
  const sealedFile = join(dir, 'ab', 'sealed');
  const range = { start: SIZE / 2, end: SIZE / 2 + 1024 * 1024 - 1 };
  const times: Record<string, number[]> = {};
  const record = (name: string, ms: number) => (times[name] ??= []).push(ms);
  try {
    const file = { path: sealedFile, sha256, key: blob.key.toString('hex') };
    const steps: Record<string, { plain: () => unknown; sealed: () => unknown }> = {
      store: {
        plain: async () => {
          const fd = openSync(plainFile, 'w');
          for (let at = 0; at < SIZE; at += PIECE) writeSync(fd, video, at, PIECE);
          fsyncSync(fd);
          closeSync(fd);
          if ((await hashFile(plainFile)) !== sha256) throw new Error('plain hash');
        },
        sealed: () => {
          const writer = SealedBlobWriter.create(sealedFile, blob, SIZE);
          for (let at = 0; at < SIZE; at += PIECE) writer.write(video.subarray(at, at + PIECE));
          if (!writer.finish()) throw new Error('sealed hash');
        },
      },
      check: {
        plain: () => hashFile(plainFile),
        sealed: () => {
          const fd = openMediaFile(dir, sealedFile);
          if (fd === null) throw new Error('not opened');
          try {
            forEachPlainChunk(fd, blob);
          } finally {
            closeSync(fd);
          }
        },
      },
      'serve whole': {
        plain: () => drain(createReadStream(plainFile)),
        sealed: () => drain(servedMediaStream(file, { start: 0, end: SIZE - 1 })),
      },
      'serve 1 MB range': {
        plain: () => drain(createReadStream(plainFile, range)),
        sealed: () => drain(servedMediaStream(file, range)),
      },
    };
    for (let i = 0; i < RUNS; i += 1) {
      for (const [what, step] of Object.entries(steps)) {
        const order = i % 2 === 0 ? (['plain', 'sealed'] as const) : (['sealed', 'plain'] as const);
        const round: Record<string, number> = {};
        for (const kind of order) round[kind] = await timed(step[kind]);
        record(`${what} plain`, round.plain ?? NaN);
        record(`${what} sealed`, round.sealed ?? NaN);
        record(`${what} ratio`, (round.sealed ?? NaN) / (round.plain ?? NaN));
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const figures: Record<string, number | string> = { 'video MB': SIZE / 1024 / 1024 };
  for (const what of ['store', 'check', 'serve whole', 'serve 1 MB range']) {
    const plain = median(times[`${what} plain`] ?? []);
    const sealed = median(times[`${what} sealed`] ?? []);
    figures[`${what}: plain ms`] = Math.round(plain * 10) / 10;
    figures[`${what}: sealed ms`] = Math.round(sealed * 10) / 10;
    figures[`${what}: sealed / plain (median of ${RUNS} paired rounds)`] =
      Math.round(median(times[`${what} ratio`] ?? []) * 100) / 100;
  }
  figures['size on disk: sealed / plain'] = Math.round(((SIZE + 20 + 800 * 28) / SIZE) * 10_000) / 10_000;
  return figures;
}
