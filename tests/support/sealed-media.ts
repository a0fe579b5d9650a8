import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { SealedBlobWriter } from '../../electron/core/media/sealed-blob-file';
import type { MediaFile } from '../../shared/core-host/messages';

/**
 * Writes `data` to `path` sealed the way the media cache stores blobs (its own random key), and returns
 * what core would hand a host to serve it: for host tests that do not run a core.
 */
export function sealedMediaFile(path: string, data: Buffer, mime: string): MediaFile {
  const sha256 = createHash('sha256').update(data).digest('hex');
  const key = randomBytes(32);
  writeFileSync(path, '');
  const writer = SealedBlobWriter.create(path, { key, sha256 }, data.length);
  writer.write(data);
  if (!writer.finish()) throw new Error('sealing failed');
  return { path, mime, size: data.length, sha256, key: key.toString('hex') };
}
