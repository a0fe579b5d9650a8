import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';

/**
 * Blobs by SHA-256 under `<dir>/ab/abcdef…`. A write streams to a temp file
 * while hashing, and lands under its name only if the hash matches what the
 * client announced (a torn or forged upload never becomes a blob).
 */
export class MediaStore {
  constructor(private readonly dir: string) {
    mkdirSync(join(dir, 'tmp'), { recursive: true });
  }

  path(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  has(sha256: string): boolean {
    return existsSync(this.path(sha256));
  }

  size(sha256: string): number {
    return statSync(this.path(sha256)).size;
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
      if (!this.has(sha256)) renameSync(temp, this.path(sha256));
      return { sha256, bytes };
    } finally {
      rmSync(temp, { force: true });
    }
  }

  /** Stores bytes already in memory (the seed, portal uploads after re-encoding). */
  async putBytes(bytes: Uint8Array): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (!this.has(sha256)) {
      const { Readable } = await import('node:stream');
      await this.put(sha256, Readable.from([Buffer.from(bytes)]), bytes.length);
    }
    return sha256;
  }

  read(sha256: string, range?: { start: number; end: number }): Readable {
    return createReadStream(this.path(sha256), range);
  }
}

export class MediaHashMismatchError extends Error {
  constructor(expected: string, actual: string) {
    super(`content hash ${actual} does not match ${expected}`);
    this.name = 'MediaHashMismatchError';
  }
}

export class MediaTooLargeError extends Error {
  constructor(maxBytes: number) {
    super(`larger than ${maxBytes} bytes`);
    this.name = 'MediaTooLargeError';
  }
}
