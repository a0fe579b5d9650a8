import type { Database } from 'better-sqlite3';
import type { MediaTokens } from '../inmate/media-tokens';
import type { Logger } from '../log';
import type { MediaCache } from './media-cache';
import { collectMediaGarbage, collectStaleUploads } from './media-gc';

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The media folder's upkeep, logged and never thrown: stale uploads, and blobs over the quota. */
export function mediaHousekeeping(deps: {
  db: Database;
  media: MediaCache;
  tokens: MediaTokens;
  incomingDir: string;
  log: Logger;
}) {
  const { db, media, tokens, incomingDir, log } = deps;
  const collectUploads = () => {
    try {
      const freed = collectStaleUploads(incomingDir, Date.now());
      if (freed.files > 0) log.info('abandoned uploads removed', { files: freed.files, freedBytes: freed.bytes });
    } catch (error) {
      log.warn('upload cleanup failed', { error: reason(error) });
    }
  };
  const collectGarbage = () => {
    try {
      const freed = collectMediaGarbage({ db, media, inUse: () => tokens.inUse() });
      if (freed > 0) log.info('media cache trimmed', { freedBytes: freed, quotaBytes: media.quota() });
    } catch (error) {
      log.warn('media garbage collection failed', { error: reason(error) });
    }
    collectUploads();
  };
  return { collectUploads, collectGarbage };
}
