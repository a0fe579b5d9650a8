import { EpubArchiveError, epubLimits, unpackEpub } from '../../shared/media/epub-archive';
import { HttpError } from '../http/http-error';
import type { MediaStore } from './media-store';

/**
 * Intake of a book into the catalog: the same limits the device's reader
 * holds (shared/media/epub-archive), checked on the server so a book that
 * would be refused on every kiosk never reaches one. Inflates entry by entry
 * and stops at the first limit; nothing is kept.
 */
export function checkEpubBytes(bytes: Uint8Array): void {
  let container = false;
  try {
    unpackEpub(bytes, epubLimits, (name) => {
      if (name === 'META-INF/container.xml') container = true;
    });
  } catch (error) {
    if (error instanceof EpubArchiveError) {
      throw new HttpError(422, error.code === 'over_limits' ? 'book_over_limits' : 'book_broken', error.message);
    }
    throw error;
  }
  if (!container) throw new HttpError(422, 'book_broken', 'no META-INF/container.xml');
}

/** A book already in the media store (size first, so an oversized file is never read whole). */
export async function checkStoredEpub(media: MediaStore, sha256: string): Promise<void> {
  const size = await media.size(sha256);
  if (size > epubLimits.archiveBytes) throw new HttpError(422, 'book_over_limits', `file of ${size} bytes`);
  checkEpubBytes(await media.readAll(sha256));
}
