import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Server } from 'node:http';
import { httpDouble } from '../support/http-double';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/db/migrations';
import { sealedSize } from '../../electron/core/media/blob-crypto';
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
