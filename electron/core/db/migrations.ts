import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations/migration';
import { settings } from './migrations/0001_settings';
import { auditLog } from './migrations/0002_audit_log';
import { syncedCache } from './migrations/0003_synced_cache';
import { contactDrafts } from './migrations/0004_contact_drafts';
import { bulkSearchIndex } from './migrations/0005_bulk_search_index';
import { lockouts } from './migrations/0006_lockouts';

export type { Migration };

/**
 * The device cache's schema, one numbered step per file in migrations/ (like the server's
 * server/db/migrations). A step that has shipped is history: never edit it, add the next one. Steps
 * import nothing but their type (lint: the core-migrations layer), so editing live code cannot change one.
 */
export const migrations: readonly Migration[] = [
  settings,
  auditLog,
  syncedCache,
  contactDrafts,
  bulkSearchIndex,
  lockouts,
];

/** Applies every pending migration, each in its own transaction with its version bump. */
export function migrate(db: Database, steps: readonly Migration[] = migrations): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  let applied = current;
  for (const step of steps) {
    if (step.version <= current) continue;
    if (step.version !== applied + 1) {
      throw new Error(`Migration ${step.version} (${step.name}) is out of order after ${applied}`);
    }
    db.transaction(() => {
      step.up(db);
      db.pragma(`user_version = ${step.version}`);
    })();
    applied = step.version;
  }
  return applied;
}
