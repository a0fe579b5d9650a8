import { rmSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { plainRangeStream } from '../../../shared/node/sealed-media';

/**
 * What a host serves for `/media/<token>`: the plain range of the blob core resolved, decrypted chunk by
 * chunk. A blob that fails its check mid-way is deleted here (core sees it gone and fetches it again)
 * and the response is cut off: torn or altered bytes never reach the screen.
 */
export function servedMediaStream(
  file: { path: string; sha256: string; key: string },
  range: { start: number; end: number },
  log?: (message: string, detail: Record<string, unknown>) => void,
): Readable {
  return plainRangeStream(file.path, { key: Buffer.from(file.key, 'hex'), sha256: file.sha256 }, range, (error) => {
    log?.('media blob failed its check while served; deleted to be fetched again', {
      sha256: file.sha256,
      error: error.message,
    });
    rmSync(file.path, { force: true });
  });
}
