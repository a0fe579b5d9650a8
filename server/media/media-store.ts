import { createHash, randomUUID } from 'node:crypto';
import {
  closeSync,
  constants,
  createReadStream,
  createWriteStream,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { join, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';

/**
 * Blobs by SHA-256 under `<dir>/ab/abcdef…`. A write streams to a temp file
 * while hashing, and lands under its name only if the hash matches what the
 * client announced (a torn or forged upload never becomes a blob).
 */
export class MediaStore {
  private readonly root: string;

  constructor(private readonly dir: string) {
    mkdirSync(join(dir, 'tmp'), { recursive: true });
    this.root = realpathSync(dir);
  }

  path(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  /**
   * Opens a blob for reading, or null. No-follow: a blob that is a symlink
   * (or sits in a folder that leads out of the store) is never opened, so a
   * link planted in the store cannot serve a file from elsewhere.
   */
  open(sha256: string): { fd: number; size: number } | null {
    if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
    const path = this.path(sha256);
    let fd: number;
    try {
      if (!realpathSync(path).startsWith(this.root + sep)) return null;
      fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
    } catch {
      return null;
    }
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      closeSync(fd);
      return null;
    }
    return { fd, size: stat.size };
  }

  /** A regular file under the store (never a symlink). */
  has(sha256: string): boolean {
    try {
      return lstatSync(this.path(sha256)).isFile() && realpathSync(this.path(sha256)).startsWith(this.root + sep);
    } catch {
      return false;
    }
  }

  size(sha256: string): number {
    const blob = this.open(sha256);
    if (!blob) throw new MediaUnavailableError(sha256);
    closeSync(blob.fd);
    return blob.size;
  }

  /** The whole blob in memory (videogram length checks), opened like `open`. */
  readBytes(sha256: string): Buffer {
    const blob = this.open(sha256);
    if (!blob) throw new MediaUnavailableError(sha256);
    try {
      return readFileSync(blob.fd);
    } finally {
      closeSync(blob.fd);
    }
  }

  /**
   * Streams `source` in; resolves with its size, or rejects (and keeps nothing) on a hash mismatch, over
   * `maxBytes`, or when `accept` (handed the finished temp file) throws: a refused upload leaves no file.
   */
  async put(sha256: string, source: Readable, maxBytes: number, accept?: Accept): Promise<number> {
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
      await accept?.(temp);
      mkdirSync(join(this.dir, sha256.slice(0, 2)), { recursive: true });
      renameSync(temp, this.path(sha256));
      return bytes;
    } finally {
      rmSync(temp, { force: true });
    }
  }

  /** Streams a blob whose hash is not known yet (a family's upload); resolves with its hash and size. */
  async putUnknown(source: Readable, maxBytes: number, accept?: Accept): Promise<{ sha256: string; bytes: number }> {
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
      await accept?.(temp);
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

  /** Streams a blob (or a range of it) from a descriptor `open` gave; the stream closes it. */
  stream(blob: { fd: number }, range?: { start: number; end: number }): Readable {
    return createReadStream('', { fd: blob.fd, autoClose: true, ...(range ?? {}) });
  }
}

/** Looks at a finished upload (its temp file) before it becomes a blob; throwing refuses it. */
export type Accept = (tempFile: string) => void | Promise<void>;

export class MediaHashMismatchError extends Error {
  constructor(expected: string, actual: string) {
    super(`content hash ${actual} does not match ${expected}`);
    this.name = 'MediaHashMismatchError';
  }
}

export class MediaUnavailableError extends Error {
  constructor(sha256: string) {
    super(`blob ${sha256} is missing or not a regular file in the store`);
    this.name = 'MediaUnavailableError';
  }
}

export class MediaTooLargeError extends Error {
  constructor(maxBytes: number) {
    super(`larger than ${maxBytes} bytes`);
    this.name = 'MediaTooLargeError';
  }
}
