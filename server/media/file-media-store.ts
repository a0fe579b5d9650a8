import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { MediaHashMismatchError, MediaTooLargeError, type MediaStore } from './media-store';

/**
 * Blobs by SHA-256 under `<dir>/ab/abcdef…`. A write streams to a temp file
 * while hashing, and lands under its name only if the hash matches what the
 * client announced (a torn or forged upload never becomes a blob).
 *
 * Several server processes may share the folder (NFS or any POSIX shared
 * file system, docs/DEPLOY.md): temp names are random, a blob appears by an
 * atomic rename, and two processes storing the same blob write the same bytes.
 */
export class FileMediaStore implements MediaStore {
  constructor(private readonly dir: string) {
    mkdirSync(join(dir, 'tmp'), { recursive: true });
  }

  path(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  has(sha256: string): Promise<boolean> {
    return Promise.resolve(existsSync(this.path(sha256)));
  }

  async size(sha256: string): Promise<number> {
    return (await stat(this.path(sha256))).size;
  }

  readAll(sha256: string): Promise<Buffer> {
    return readFile(this.path(sha256));
  }

  /** Streams `source` in; resolves with its size, or rejects (and keeps nothing) on a hash mismatch or over `maxBytes`. */
  async put(sha256: string, source: Readable, maxBytes: number): Promise<number> {
    const temp = join(this.dir, 'tmp', randomUUID());
    const hash = createHash('sha256');
    let bytes = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        if (bytes > maxBytes) {
          callback(new MediaTooLargeError(maxBytes));
          return;
        }
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(temp));
      const actual = hash.digest('hex');
      if (actual !== sha256) throw new MediaHashMismatchError(sha256, actual);
      mkdirSync(join(this.dir, sha256.slice(0, 2)), { recursive: true });
      renameSync(temp, this.path(sha256));
      return bytes;
    } finally {
      rmSync(temp, { force: true });
    }
  }

  /** Streams a blob whose hash is not known yet (a family's upload); resolves with its hash and size. */
  async putUnknown(source: Readable, maxBytes: number): Promise<{ sha256: string; bytes: number }> {
    const temp = join(this.dir, 'tmp', randomUUID());
    const hash = createHash('sha256');
    let bytes = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        if (bytes > maxBytes) {
          callback(new MediaTooLargeError(maxBytes));
          return;
        }
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(temp));
      const sha256 = hash.digest('hex');
      mkdirSync(join(this.dir, sha256.slice(0, 2)), { recursive: true });
      if (!existsSync(this.path(sha256))) renameSync(temp, this.path(sha256));
      return { sha256, bytes };
    } finally {
      rmSync(temp, { force: true });
    }
  }

  /** Stores bytes already in memory (the seed, portal uploads after re-encoding). */
  async putBytes(bytes: Uint8Array): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (!existsSync(this.path(sha256))) {
      const { Readable } = await import('node:stream');
      await this.put(sha256, Readable.from([Buffer.from(bytes)]), bytes.length);
    }
    return sha256;
  }

  read(sha256: string, range?: { start: number; end: number }): Readable {
    return createReadStream(this.path(sha256), range);
  }
}
