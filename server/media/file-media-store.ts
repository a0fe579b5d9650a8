import { createHash, randomUUID } from 'node:crypto';
import {
  closeSync,
  constants,
  createReadStream,
  createWriteStream,
  existsSync,
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
import { MediaHashMismatchError, MediaTooLargeError, type Accept, type MediaStore } from './media-store';

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
  private readonly root: string;

  constructor(private readonly dir: string) {
    mkdirSync(join(dir, 'tmp'), { recursive: true });
    this.root = realpathSync(dir);
  }

  path(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  /**
   * Opens a blob for reading. No-follow: a blob that is a symlink (or sits in a folder that leads out of
   * the store) is never opened, so a link planted in the store cannot serve a file from elsewhere.
   */
  private open(sha256: string): { fd: number; size: number } {
    const path = this.path(sha256);
    if (!/^[0-9a-f]{64}$/.test(sha256) || !realpathSync(path).startsWith(this.root + sep))
      throw new Error(`blob ${sha256} is not in the media store`);
    const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      closeSync(fd);
      throw new Error(`blob ${sha256} is not a regular file`);
    }
    return { fd, size: stat.size };
  }

  /** A regular file under the store (never a symlink): routes answer 404 for anything else. */
  has(sha256: string): Promise<boolean> {
    try {
      const path = this.path(sha256);
      return Promise.resolve(lstatSync(path).isFile() && realpathSync(path).startsWith(this.root + sep));
    } catch {
      return Promise.resolve(false);
    }
  }

  size(sha256: string): Promise<number> {
    const blob = this.open(sha256);
    closeSync(blob.fd);
    return Promise.resolve(blob.size);
  }

  readAll(sha256: string): Promise<Buffer> {
    const blob = this.open(sha256);
    try {
      return Promise.resolve(readFileSync(blob.fd));
    } finally {
      closeSync(blob.fd);
    }
  }

  /** Streams `source` in; resolves with its size, or rejects (and keeps nothing) on a hash mismatch or over `maxBytes`. */
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

  stagingDir(name: string): string {
    if (!/^[A-Za-z0-9-]{1,80}$/.test(name)) throw new Error('a staging folder is named by letters, digits and -');
    const dir = join(this.dir, 'tmp', name);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  adopt(sha256: string, stagedFile: string): Promise<void> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) return Promise.reject(new Error(`not a blob name: ${sha256}`));
    mkdirSync(join(this.dir, sha256.slice(0, 2)), { recursive: true });
    if (existsSync(this.path(sha256))) rmSync(stagedFile, { force: true });
    else renameSync(stagedFile, this.path(sha256));
    return Promise.resolve();
  }

  read(sha256: string, range?: { start: number; end: number }): Readable {
    return createReadStream('', { fd: this.open(sha256).fd, autoClose: true, ...(range ?? {}) });
  }
}
