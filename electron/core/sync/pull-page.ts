import type { Database } from 'better-sqlite3';
import type { PullResponse } from '../../../shared/sync/protocol';
import type { CacheStore } from '../cache/cache-store';
import { refetchableWrite } from '../db/durability';
import type { SettingsStore } from '../db/settings';

export const CURSOR_KEY = 'sync.cursor';

export interface PullPageTarget {
  readonly db: Database;
  readonly cache: CacheStore;
  readonly settings: SettingsStore;
}

/**
 * Applies one pulled page and stores its cursor in the same transaction, so a
 * crash replays at most this page and never skips one. `inside` runs last
 * inside the transaction (fault tests kill the process there).
 */
export function applyPullPage(target: PullPageTarget, page: PullResponse, inside?: () => void): void {
  refetchableWrite(target.db, () =>
    target.db.transaction(() => {
      for (const change of page.changes) target.cache.apply(change);
      target.settings.set(CURSOR_KEY, page.cursor);
      inside?.();
    })(),
  );
}
