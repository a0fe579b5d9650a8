import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';

/**
 * The format of a media blob at rest (photos, videograms, books, music): AES-256-GCM in 64 KiB chunks,
 * so a Range request decrypts only the chunks it needs and a torn or altered chunk fails its own tag.
 *
 *   header  = "OKMEDIA1" | chunk size (u32 BE) | plain size (u64 BE)           (20 bytes)
 *   chunk i = nonce (12, random) | ciphertext (≤ chunk size) | GCM tag (16)
 *
 * Each chunk's additional data binds the header fields, the blob's SHA-256 and the chunk's index, so
 * chunks cannot be reordered, moved between blobs, or cut off (the plain size in every chunk's AAD, and
 * the file's length must be exactly what it implies). An empty blob still has one (empty) chunk, so its
 * header is authenticated too. The key is per blob, derived from the media key, itself derived from the
 * database key: the crypto-erase of that one key makes every blob unreadable.
 *
 * Core writes this format (electron/core/media) and the hosts read it to serve media
 * (electron/host/media), so it lives here, shared by both.
 */
export const MEDIA_CHUNK_BYTES = 64 * 1024;
export const MEDIA_HEADER_BYTES = 20;
const MAGIC = Buffer.from('OKMEDIA1', 'ascii');
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const CHUNK_OVERHEAD = NONCE_BYTES + TAG_BYTES;

/** A chunk that failed its tag, a header that is not ours, a length that does not add up. */
export class MediaTamperedError extends Error {
  constructor(detail: string) {
    super(`media blob fails its check: ${detail}`);
    this.name = 'MediaTamperedError';
  }
}

/** The key all media keys come from, derived (HKDF) from the database key. */
export function mediaMasterKey(databaseKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', databaseKey, Buffer.alloc(0), 'open-kiosk media at rest', 32));
}

/** One blob's key: what core hands a host to serve that blob, and nothing else. */
export function blobKey(masterKey: Buffer, sha256: string): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), `open-kiosk media blob ${sha256}`, 32));
}

/** How to read one blob: its key, its name (bound into every chunk) and its plain size. */
export interface BlobIdentity {
  readonly key: Buffer;
  readonly sha256: string;
}

export function chunkCount(plainSize: number, chunkBytes = MEDIA_CHUNK_BYTES): number {
  return Math.max(1, Math.ceil(plainSize / chunkBytes));
}

/** The exact length of a sealed blob of `plainSize` bytes. */
export function sealedSize(plainSize: number, chunkBytes = MEDIA_CHUNK_BYTES): number {
  return MEDIA_HEADER_BYTES + chunkCount(plainSize, chunkBytes) * CHUNK_OVERHEAD + plainSize;
}

export function encodeHeader(plainSize: number, chunkBytes = MEDIA_CHUNK_BYTES): Buffer {
  const header = Buffer.alloc(MEDIA_HEADER_BYTES);
  MAGIC.copy(header, 0);
  header.writeUInt32BE(chunkBytes, 8);
  header.writeBigUInt64BE(BigInt(plainSize), 12);
  return header;
}

export function decodeHeader(header: Buffer): { chunkBytes: number; plainSize: number } {
  if (header.length < MEDIA_HEADER_BYTES || !header.subarray(0, 8).equals(MAGIC))
    throw new MediaTamperedError('not a sealed media file');
  const chunkBytes = header.readUInt32BE(8);
  const plainSize = Number(header.readBigUInt64BE(12));
  if (chunkBytes < 1024 || chunkBytes > 16 * 1024 * 1024 || !Number.isSafeInteger(plainSize))
    throw new MediaTamperedError('header out of range');
  return { chunkBytes, plainSize };
}

/** Whether a file begins like a sealed blob (a file from before media was encrypted does not). */
export function isSealed(head: Buffer): boolean {
  return head.length >= MAGIC.length && head.subarray(0, MAGIC.length).equals(MAGIC);
}

function additionalData(blob: BlobIdentity, plainSize: number, chunkBytes: number, index: number): Buffer {
  const aad = Buffer.alloc(8 + 32 + 8 + 4 + 4);
  MAGIC.copy(aad, 0);
  Buffer.from(blob.sha256, 'hex').copy(aad, 8);
  aad.writeBigUInt64BE(BigInt(plainSize), 40);
  aad.writeUInt32BE(chunkBytes, 48);
  aad.writeUInt32BE(index, 52);
  return aad;
}

/** Where chunk `index` starts in the file, and its plain length. */
export function chunkSpan(index: number, plainSize: number, chunkBytes: number): { offset: number; plain: number } {
  return {
    offset: MEDIA_HEADER_BYTES + index * (chunkBytes + CHUNK_OVERHEAD),
    plain: Math.min(chunkBytes, plainSize - index * chunkBytes),
  };
}

export function sealChunk(
  blob: BlobIdentity,
  plainSize: number,
  chunkBytes: number,
  index: number,
  plain: Buffer,
): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', blob.key, nonce);
  cipher.setAAD(additionalData(blob, plainSize, chunkBytes, index));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

/** The plain bytes of one sealed chunk, only once its tag has been checked; else MediaTamperedError. */
export function openChunk(
  blob: BlobIdentity,
  plainSize: number,
  chunkBytes: number,
  index: number,
  sealed: Buffer,
): Buffer {
  const expected = chunkSpan(index, plainSize, chunkBytes).plain + CHUNK_OVERHEAD;
  if (sealed.length !== expected) throw new MediaTamperedError(`chunk ${index} is torn`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', blob.key, sealed.subarray(0, NONCE_BYTES));
    decipher.setAAD(additionalData(blob, plainSize, chunkBytes, index));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    // update() alone would hand out unauthenticated bytes: nothing is returned before final() checked the tag.
    return Buffer.concat([decipher.update(sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new MediaTamperedError(`chunk ${index} fails its tag`);
  }
}

/** The chunks a plain byte range [start, end] (inclusive) touches. */
function chunksFor(start: number, end: number, chunkBytes: number): { first: number; last: number } {
  return { first: Math.floor(start / chunkBytes), last: Math.floor(end / chunkBytes) };
}

/**
 * A plain byte range [start, end] of a sealed blob as a stream, decrypting only the chunks it touches.
 * A chunk that fails its tag is never sent: the stream errors, and `onTampered` runs (the caller deletes
 * the blob so it is fetched again). Used by both hosts to serve `/media/<token>` with Range.
 */
export function plainRangeStream(
  path: string,
  blob: BlobIdentity,
  range: { start: number; end: number },
  onTampered: (error: MediaTamperedError) => void,
): Readable {
  async function* chunks(): AsyncGenerator<Buffer> {
    const handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    try {
      const read = async (length: number, position: number) => {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, position);
        if (bytesRead !== length) throw new MediaTamperedError('file is shorter than its header says');
        return buffer;
      };
      const { chunkBytes, plainSize } = decodeHeader(await read(MEDIA_HEADER_BYTES, 0));
      if ((await handle.stat()).size !== sealedSize(plainSize, chunkBytes))
        throw new MediaTamperedError('length does not match the header (torn or extended)');
      if (range.end >= plainSize) throw new MediaTamperedError('range past the end');
      const { first, last } = chunksFor(range.start, range.end, chunkBytes);
      for (let index = first; index <= last; index += 1) {
        const span = chunkSpan(index, plainSize, chunkBytes);
        const plain = openChunk(blob, plainSize, chunkBytes, index, await read(span.plain + 28, span.offset));
        const from = index === first ? range.start - index * chunkBytes : 0;
        const to = index === last ? range.end - index * chunkBytes + 1 : plain.length;
        yield plain.subarray(from, to);
      }
    } catch (error) {
      if (error instanceof MediaTamperedError) onTampered(error);
      throw error;
    } finally {
      await handle.close();
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}
