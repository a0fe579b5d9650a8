import type { Database } from 'better-sqlite3';
import { existsSync, renameSync } from 'node:fs';
import type { Logger } from '../log';
import { openDatabase } from './open';

/**
 * Opens the device cache, and if it is corrupt or truncated (a power cut on
 * a cheap SD card, a bad sector) moves it aside for the technician and
 * starts an empty one: the cache is a copy of the server and is pulled
 * again; what only this device had (unsent outbox items, drafts, the credential)
 * is restored from their sealed files by the caller.
 */
export function openOrRebuild(
  file: string,
  key: Buffer,
  log: Logger,
  now: () => number = Date.now,
): { db: Database; rebuilt: boolean } {
  try {
    const db = openDatabase({ file, key });
    const check = db.pragma('quick_check', { simple: true });
    if (check === 'ok') return { db, rebuilt: false };
    db.close();
    log.error('device database failed its integrity check; rebuilding from the server', { check: String(check) });
  } catch (error) {
    if (!existsSync(file)) throw error;
    log.error('device database cannot be opened; rebuilding from the server', {
      error: error instanceof Error ? error.message : String(error),
    });
  }
  const aside = `${file}.corrupt-${now()}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
  }
  return { db: openDatabase({ file, key }), rebuilt: true };
}
