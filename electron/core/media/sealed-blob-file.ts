import { createHash, type Hash } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  lstatSync,
  openSync,
  readSync,
  realpathSync,
  writeSync,
} from 'node:fs';
import { dirname, isAbsolute, relative, sep } from 'node:path';
import {
  chunkCount,
  chunkSpan,
  decodeHeader,
  encodeHeader,
  MEDIA_CHUNK_BYTES,
  MEDIA_HEADER_BYTES,
  MediaTamperedError,
  openChunk,
  sealChunk,
  sealedSize,
  type BlobIdentity,
} from '../../../shared/node/sealed-media';

/** A file's identity on disk: a blob is checked again whenever it changes. */
export function signature(fd: number): string {
  const stat = fstatSync(fd);
  return `${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`;
}

/** Flushes a rename to disk (the folder's entry); folders cannot be opened for this on Windows. */
export function fsyncFolder(dir: string): void {
  try {
    const fd = openSync(dir, constants.O_RDONLY);
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // not supported here
  }
}

export function lstatExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Open flags that refuse a symlink as the last path component (no such flag on Windows: lstat there). */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

function inside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/**
 * Opens a media file for reading only if it is a regular file reached without any symlink and its real
 * path is under `root` (a blob replaced by a symlink, or a symlinked folder, is never read). Returns
 * null when it is missing or not acceptable.
 */
export function openMediaFile(root: string, path: string): number | null {
  let fd: number;
  try {
    if (!inside(realpathSync(root), realpathSync(dirname(path)))) return null;
    fd = openSync(path, constants.O_RDONLY | NO_FOLLOW);
  } catch {
    return null; // missing, or a symlink (ELOOP)
  }
  try {
    if (fstatSync(fd).isFile() && realpathSync(path) === path) return fd;
  } catch {
    // gone between the open and the check
  }
  closeSync(fd);
  return null;
}

function readExactly(fd: number, length: number, position: number): Buffer {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const read = readSync(fd, buffer, done, length - done, position + done);
    if (read === 0) throw new MediaTamperedError('file is shorter than its header says');
    done += read;
  }
  return buffer;
}

/** The header of an open sealed file, checked against the file's length. */
export function readHeader(fd: number): { chunkBytes: number; plainSize: number } {
  const header = decodeHeader(readExactly(fd, MEDIA_HEADER_BYTES, 0));
  if (fstatSync(fd).size !== sealedSize(header.plainSize, header.chunkBytes))
    throw new MediaTamperedError('length does not match the header (torn or extended)');
  return header;
}

/**
 * Every chunk of an open sealed file, authenticated, in order, with the SHA-256 of the plain bytes
 * checked against the blob's name at the end. `each` sees only authenticated bytes.
 */
export function forEachPlainChunk(fd: number, blob: BlobIdentity, each?: (plain: Buffer) => void): number {
  const { chunkBytes, plainSize } = readHeader(fd);
  const hash = createHash('sha256');
  for (let index = 0; index < chunkCount(plainSize, chunkBytes); index += 1) {
    const span = chunkSpan(index, plainSize, chunkBytes);
    const plain = openChunk(blob, plainSize, chunkBytes, index, readExactly(fd, span.plain + 28, span.offset));
    hash.update(plain);
    each?.(plain);
  }
  if (hash.digest('hex') !== blob.sha256) throw new MediaTamperedError('plain bytes do not hash to the blob name');
  return plainSize;
}

/**
 * Writes a sealed blob chunk by chunk (sync: core writes one download at a time), hashing the plain
 * bytes as they go. `resume` opens an existing `.part`: its complete chunks are checked and hashed again
 * and a torn last chunk is cut off, so a download picks up after the last whole chunk.
 */
export class SealedBlobWriter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private index = 0;
  private readonly hash: Hash = createHash('sha256');

  private constructor(
    private readonly fd: number,
    private readonly blob: BlobIdentity,
    private readonly plainSize: number,
  ) {}

  static create(path: string, blob: BlobIdentity, plainSize: number): SealedBlobWriter {
    const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | NO_FOLLOW, 0o600);
    writeSync(fd, encodeHeader(plainSize));
    return new SealedBlobWriter(fd, blob, plainSize);
  }

  /** A writer continuing `path`, or null when it cannot be continued (then start over with create). */
  static resume(path: string, blob: BlobIdentity, plainSize: number): SealedBlobWriter | null {
    let fd: number;
    try {
      fd = openSync(path, constants.O_RDWR | NO_FOLLOW);
    } catch {
      return null;
    }
    try {
      const header = decodeHeader(readExactly(fd, MEDIA_HEADER_BYTES, 0));
      if (header.plainSize !== plainSize || header.chunkBytes !== MEDIA_CHUNK_BYTES) throw new Error('other blob');
      const whole = Math.floor((fstatSync(fd).size - MEDIA_HEADER_BYTES) / (MEDIA_CHUNK_BYTES + 28));
      const writer = new SealedBlobWriter(fd, blob, plainSize);
      for (let index = 0; index < Math.min(whole, chunkCount(plainSize) - 1); index += 1) {
        const span = chunkSpan(index, plainSize, MEDIA_CHUNK_BYTES);
        const sealed = readExactly(fd, span.plain + 28, span.offset);
        writer.hash.update(openChunk(blob, plainSize, MEDIA_CHUNK_BYTES, index, sealed));
        writer.index = index + 1;
      }
      ftruncateSync(fd, chunkSpan(writer.index, plainSize, MEDIA_CHUNK_BYTES).offset);
      return writer;
    } catch {
      closeSync(fd);
      return null;
    }
  }

  /** Plain bytes already written (where a resumed download starts). */
  get plainWritten(): number {
    return this.index * MEDIA_CHUNK_BYTES + this.pendingBytes;
  }

  write(data: Uint8Array): void {
    if (this.plainWritten + data.byteLength > this.plainSize)
      throw new MediaTamperedError('more bytes than the blob has');
    let rest = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    while (rest.length > 0) {
      const take = Math.min(rest.length, MEDIA_CHUNK_BYTES - this.pendingBytes);
      this.pending.push(Buffer.from(rest.subarray(0, take)));
      this.pendingBytes += take;
      rest = rest.subarray(take);
      if (this.pendingBytes === MEDIA_CHUNK_BYTES) this.flushChunk();
    }
  }

  private flushChunk(): void {
    const plain = Buffer.concat(this.pending);
    this.hash.update(plain);
    const { offset } = chunkSpan(this.index, this.plainSize, MEDIA_CHUNK_BYTES);
    writeSync(
      this.fd,
      sealChunk(this.blob, this.plainSize, MEDIA_CHUNK_BYTES, this.index, plain),
      0,
      undefined,
      offset,
    );
    this.index += 1;
    this.pending = [];
    this.pendingBytes = 0;
  }

  /**
   * Seals the last chunk, fsyncs and closes. Returns whether the plain bytes were all there and hash to
   * the blob's name; the caller renames the file into place only then.
   */
  finish(): boolean {
    try {
      if (this.plainWritten !== this.plainSize) return false;
      if (this.pendingBytes > 0 || this.index < chunkCount(this.plainSize)) this.flushChunk();
      fsyncSync(this.fd);
      return this.hash.digest('hex') === this.blob.sha256;
    } finally {
      closeSync(this.fd);
    }
  }

  /** Keeps what is written (a download torn by the network resumes from it). */
  close(): void {
    try {
      fsyncSync(this.fd);
    } finally {
      closeSync(this.fd);
    }
  }
}
