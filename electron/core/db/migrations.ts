import type { Database } from 'better-sqlite3';
import { auditLogTableSql } from '../technician/audit-log';

export interface Migration {
  /** Strictly increasing from 1; stored in PRAGMA user_version once applied. */
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}

/**
 * The device cache's schema, one numbered step at a time. Never edit a step
 * that has shipped: add the next one.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'settings',
    up(db) {
      db.exec(`
        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 2,
    name: 'technician audit log',
    up(db) {
      db.exec(auditLogTableSql);
    },
  },
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
