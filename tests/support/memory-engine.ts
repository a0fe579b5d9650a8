import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CacheStore } from '../../electron/core/cache/cache-store';
import { migrate } from '../../electron/core/db/migrations';
import { SettingsStore } from '../../electron/core/db/settings';
import { createLogger } from '../../electron/core/log';
import { MediaCache } from '../../electron/core/media/media-cache';
import type { FacilityFetch } from '../../electron/core/provisioning/pinned-fetch';
import { Outbox } from '../../electron/core/sync/outbox';
import { SyncEngine, type SyncEngineOptions } from '../../electron/core/sync/sync-engine';

/**
 * A sync engine over a fresh in-memory device database (no cipher, no outbox
 * journal), talking to `url` with the node fetch: for tests of the engine's
 * own behaviour against a real or a fake server. Log lines go to `logLines`.
 */
export function memoryEngine(
  url: string,
  authorization: string,
  options: { logLines?: string[]; fetch?: FacilityFetch } & Pick<
    SyncEngineOptions,
    'pageSize' | 'intervalMs' | 'requestTimeoutMs'
  > = {},
): { db: Database.Database; settings: SettingsStore; sync: SyncEngine } {
  const { logLines, fetch: facilityFetch = fetch, ...tuning } = options;
  const db = new Database(':memory:');
  migrate(db);
  const settings = new SettingsStore(db);
  const sync = new SyncEngine({
    db,
    cache: new CacheStore(db),
    outbox: new Outbox(db),
    media: new MediaCache(db, mkdtempSync(join(tmpdir(), 'kiosk-media-')), randomBytes(32)),
    settings,
    log: createLogger('test', (line) => logLines?.push(line)),
    target: () => ({ url, fetch: facilityFetch, authorization, fingerprint: null }),
    ...tuning,
  });
  return { db, settings, sync };
}
