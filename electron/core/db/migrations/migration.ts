import type { Database } from 'better-sqlite3';

/** One step of the device cache's schema (electron/core/db/migrations.ts runs them in order). */
export interface Migration {
  /** Strictly increasing from 1; stored in PRAGMA user_version once applied. */
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}
