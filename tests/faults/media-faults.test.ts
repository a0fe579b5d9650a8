import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';
import type { Server } from 'node:http';
import { httpDouble } from '../support/http-double';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/db/migrations';
import { chunkSpan, sealedSize } from '../../shared/node/sealed-media';
import { servedMediaStream } from '../../electron/host/media/served-media';
import { MediaCache, MediaIntegrityError } from '../../electron/core/media/media-cache';

const blob = randomBytes(256 * 1024);
const sha256 = createHash('sha256').update(blob).digest('hex');
const ref = { sha256, mime: 'image/jpeg', bytes: blob.length };
let server: Server | null = null;

afterEach(() => server?.close());

async function serve(handler: Parameters<typeof httpDouble>[0]): Promise<string> {
  const double = await httpDouble(handler);
  server = double.server;
  return double.url;
}

const mediaKey = randomBytes(32);

function cache() {
  const db = new Database(':memory:');
  migrate(db);
  return new MediaCache(db, mkdtempSync(join(tmpdir(), 'kiosk-media-')), mediaKey);
}

describe('media downloads', () => {
  it('resumes a download torn halfway with a Range request, and verifies the whole', async () => {
    const ranges: (string | undefined)[] = [];
    let first = true;
    const url = await serve((req, res) => {
      ranges.push(req.headers.range);
      if (first) {
        first = false;
        res.writeHead(200, { 'content-length': blob.length });
        res.write(blob.subarray(0, blob.length / 2));
        setTimeout(() => res.socket?.destroy(), 50); // the network drops mid-transfer
        return;
      }
      const start = Number(/bytes=(\d+)-/.exec(req.headers.range ?? '')?.[1] ?? 0);
      res.writeHead(206, {
        'content-range': `bytes ${start}-${blob.length - 1}/${blob.length}`,
        'content-length': blob.length - start,
      });
      res.end(blob.subarray(start));
    });
    const media = cache();
    const target = { url, fetch, authorization: 'Device x' };
    await expect(media.ensure(ref, target)).rejects.toThrow();
    const part = `${media.path(sha256)}.part`;
    expect(statSync(part).size).toBeGreaterThan(0);
    expect(media.ready(sha256)).toBeNull(); // nothing half-done is ever shown
    await media.ensure(ref, target);
    // Resumed after the last whole (sealed) chunk that arrived: a multiple of 64 KiB, past the start.
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(ranges[1] ?? '')?.[1]);
    expect(ranges[0]).toBeUndefined();
    expect(resumedAt % 65_536).toBe(0);
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThanOrEqual(blob.length / 2);
    expect(media.readPlain(sha256)?.equals(blob)).toBe(true);
    expect(existsSync(part)).toBe(false);
  });

  it('detects a corrupted download, throws it away and fetches it again', async () => {
    let requests = 0;
    const url = await serve((_req, res) => {
      requests += 1;
      const body = requests === 1 ? Buffer.from(blob).fill(7, 1000, 1010) : blob; // a few flipped bytes the first time
      res.writeHead(200, { 'content-length': body.length });
      res.end(body);
    });
    const media = cache();
    const target = { url, fetch, authorization: 'Device x' };
    await expect(media.ensure(ref, target)).rejects.toBeInstanceOf(MediaIntegrityError);
    expect(media.ready(sha256)).toBeNull();
    expect(existsSync(`${media.path(sha256)}.part`)).toBe(false);
    await media.ensure(ref, target);
    expect(media.readPlain(sha256)?.equals(blob)).toBe(true);
    expect(requests).toBe(2);
  });

  it('seals a plain file left by an older version (no row, rebuilt cache) without fetching it, and refetches a bad one', async () => {
    let requests = 0;
    const url = await serve((_req, res) => {
      requests += 1;
      res.writeHead(200, { 'content-length': blob.length });
      res.end(blob);
    });
    const target = { url, fetch, authorization: 'Device x' };
    // The media folder outlived the database: the blob is there, its row is not.
    const media = cache();
    mkdirSync(dirname(media.path(sha256)), { recursive: true });
    writeFileSync(media.path(sha256), blob);
    expect(media.ready(sha256)).toBeNull();
    await media.ensure(ref, target);
    expect(media.readPlain(sha256)?.equals(blob)).toBe(true);
    expect(requests).toBe(0);
    expect(media.ready(sha256)?.path).toBe(media.path(sha256));
    expect(readFileSync(media.path(sha256)).includes(blob.subarray(0, 64))).toBe(false); // sealed now

    const other = cache();
    mkdirSync(dirname(other.path(sha256)), { recursive: true });
    writeFileSync(other.path(sha256), Buffer.from(blob).fill(1, 0, 10));
    await other.ensure(ref, target);
    expect(other.readPlain(sha256)?.equals(blob)).toBe(true);
    expect(requests).toBe(1);
  });

  it('garbage-collects what nothing references and keeps under its quota', async () => {
    const url = await serve((_req, res) => res.end(blob));
    const db = new Database(':memory:');
    migrate(db);
    const media = new MediaCache(db, mkdtempSync(join(tmpdir(), 'kiosk-media-')), mediaKey, sealedSize(blob.length));
    await media.ensure(ref, { url, fetch, authorization: 'Device x' });
    expect(media.collectGarbage(new Set([sha256]))).toBe(0);
    expect(media.collectGarbage(new Set())).toBe(sealedSize(blob.length));
    expect(media.ready(sha256)).toBeNull();
  });
});

/** A blob of several chunks in a cache, downloaded from a server double that counts its requests. */
async function cached() {
  let requests = 0;
  const url = await serve((_req, res) => {
    requests += 1;
    res.writeHead(200, { 'content-length': blob.length });
    res.end(blob);
  });
  const media = cache();
  const target = { url, fetch, authorization: 'Device x' };
  await media.ensure(ref, target);
  return { media, target, requests: () => requests };
}

function flip(file: string, at: number, count: number) {
  const bytes = readFileSync(file);
  for (let i = at; i < at + count; i += 1) bytes[i] = (bytes[i] ?? 0) ^ 0xff;
  writeFileSync(file, bytes);
}

describe('a cached blob that fails its check is deleted, fetched again, never shown', () => {
  const damages: [string, (file: string) => void][] = [
    ['truncated to half', (file) => truncateSync(file, Math.floor(statSync(file).size / 2))],
    ['64 bytes flipped', (file) => flip(file, 100_000, 64)],
    [
      '64 bytes flipped, times put back',
      (file) => {
        const { atime, mtime } = statSync(file);
        flip(file, 100_000, 64);
        utimesSync(file, atime, mtime);
      },
    ],
    ['missing', (file) => rmSync(file)],
    [
      'its header rewritten to a shorter length',
      (file) => {
        const bytes = readFileSync(file);
        bytes.writeBigUInt64BE(BigInt(blob.length - 65_536), 12);
        writeFileSync(file, bytes.subarray(0, bytes.length - 65_536 - 28));
      },
    ],
  ];
  for (const [what, damage] of damages) {
    it(what, async () => {
      const { media, target, requests } = await cached();
      expect(media.ready(sha256)).not.toBeNull();
      damage(media.path(sha256));
      expect(media.ready(sha256)).toBeNull();
      expect(existsSync(media.path(sha256))).toBe(false);
      await media.ensure(ref, target);
      expect(requests()).toBe(2);
      expect(media.readPlain(sha256)?.equals(blob)).toBe(true);
    });
  }

  it('is sealed at rest: no run of the plain bytes is in the file', async () => {
    const { media } = await cached();
    const onDisk = readFileSync(media.path(sha256));
    expect(onDisk.subarray(0, 8).toString()).toBe('OKMEDIA1');
    for (const at of [0, 70_000, blob.length - 32]) expect(onDisk.includes(blob.subarray(at, at + 32))).toBe(false);
  });

  it('served with Range, a chunk altered after the check cuts the stream before its bytes, and the blob goes', async () => {
    const { media } = await cached();
    const ready = media.ready(sha256);
    if (!ready) throw new Error('not ready');
    flip(ready.path, chunkSpan(2, blob.length, 65_536).offset + 500, 64);
    const served = servedMediaStream(
      { path: ready.path, sha256, key: ready.key.toString('hex') },
      { start: 1_000, end: blob.length - 1 },
    );
    const received: Buffer[] = [];
    await expect(
      (async () => {
        for await (const chunk of served) received.push(chunk as Buffer);
      })(),
    ).rejects.toThrow(/chunk 2 fails its tag/);
    // Chunks 0 and 1 (checked) went out; nothing of chunk 2.
    expect(Buffer.concat(received).equals(blob.subarray(1_000, 2 * 65_536))).toBe(true);
    expect(existsSync(ready.path)).toBe(false);
  });

  it('a Range serves only the chunks it needs, and exactly the plain bytes asked for', async () => {
    const { media } = await cached();
    const ready = media.ready(sha256);
    if (!ready) throw new Error('not ready');
    const file = { path: ready.path, sha256, key: ready.key.toString('hex') };
    for (const [start, end] of [
      [0, 0],
      [65_535, 65_536],
      [100_000, blob.length - 1],
      [0, blob.length - 1],
    ] as const) {
      const parts: Buffer[] = [];
      for await (const chunk of servedMediaStream(file, { start, end })) parts.push(chunk as Buffer);
      expect(Buffer.concat(parts).equals(blob.subarray(start, end + 1)), `${start}-${end}`).toBe(true);
    }
  });
});

describe('symlinks in the media cache are never followed', () => {
  it('a blob replaced by a symlink (even to a valid copy of itself outside) is not served; the link goes', async () => {
    const { media, target, requests } = await cached();
    const outside = join(mkdtempSync(join(tmpdir(), 'outside-')), 'copy');
    writeFileSync(outside, readFileSync(media.path(sha256)));
    rmSync(media.path(sha256));
    symlinkSync(outside, media.path(sha256));
    expect(media.ready(sha256)).toBeNull();
    expect(existsSync(outside)).toBe(true); // the link was removed, not what it pointed at
    expect(lstatSync(media.path(sha256), { throwIfNoEntry: false })).toBeUndefined();
    await media.ensure(ref, target);
    expect(requests()).toBe(2);
    expect(lstatSync(media.path(sha256)).isSymbolicLink()).toBe(false);
  });

  it('a blob folder replaced by a symlink out of the cache is not read', async () => {
    const { media } = await cached();
    const folder = dirname(media.path(sha256));
    const outside = mkdtempSync(join(tmpdir(), 'outside-'));
    renameSync(folder, join(outside, 'moved'));
    symlinkSync(join(outside, 'moved'), folder);
    expect(media.ready(sha256)).toBeNull();
    expect(media.readPlain(sha256)).toBeNull();
  });

  it('the host stream refuses a symlink as the blob file', async () => {
    const { media } = await cached();
    const ready = media.ready(sha256);
    if (!ready) throw new Error('not ready');
    const link = `${ready.path}.link`;
    symlinkSync(ready.path, link);
    const served = servedMediaStream({ path: link, sha256, key: ready.key.toString('hex') }, { start: 0, end: 9 });
    await expect(served.toArray()).rejects.toMatchObject({ code: 'ELOOP' });
  });
});
