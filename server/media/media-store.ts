import type { Readable } from 'node:stream';

/**
 * Where media blobs live, by SHA-256. Every server process of a facility
 * must see the same store: today a shared folder (`FileMediaStore`); an
 * object store (S3 and the like) is another implementation of this.
 */
export interface MediaStore {
  has(sha256: string): Promise<boolean>;
  size(sha256: string): Promise<number>;
  /** The whole blob in memory (videograms are at most 60 MB; read to measure their length). */
  readAll(sha256: string): Promise<Buffer>;
  /** The blob, or one byte range of it (inclusive), as a stream. */
  read(sha256: string, range?: { start: number; end: number }): Readable;
  /**
   * Streams `source` in; resolves with its size, or rejects (and keeps nothing) on a hash mismatch, over
   * `maxBytes`, or when `accept` (handed the finished temp file) throws: a refused upload leaves no file.
   */
  put(sha256: string, source: Readable, maxBytes: number, accept?: Accept): Promise<number>;
  /** Streams a blob whose hash is not known yet (a family's upload); resolves with its hash and size. */
  putUnknown(source: Readable, maxBytes: number, accept?: Accept): Promise<{ sha256: string; bytes: number }>;
  /** Stores bytes already in memory (the seed, portal uploads after re-encoding); resolves with the hash. */
  putBytes(bytes: Uint8Array): Promise<string>;
  /** A new folder, on the store's own file system, for files `adopt` will move in (an import's staged media). */
  stagingDir(name: string): string;
  /** Moves a staged file, already checked to hash to `sha256`, in as that blob (kept if the blob is there already). */
  adopt(sha256: string, stagedFile: string): Promise<void>;
}

/** Looks at a finished upload (its temp file) before it becomes a blob; throwing refuses it. */
export type Accept = (tempFile: string) => void | Promise<void>;

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
