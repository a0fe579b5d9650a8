import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type Migration, type MigrationProvider } from 'kysely';
import * as m0001 from './migrations/0001_core';
import * as m0002 from './migrations/0002_accounts';
import * as m0003 from './migrations/0003_deposit_receipts';
import * as m0004 from './migrations/0004_deposit_runs';
import * as m0005 from './migrations/0005_ledger_labels';
import type { Database } from './schema';

/** Every migration, in order. A static list, so bundling or a read-only install cannot lose one. */
export const migrations: Record<string, Migration> = {
  '0001_core': m0001,
  '0002_accounts': m0002,
  '0003_deposit_receipts': m0003,
  '0004_deposit_runs': m0004,
  '0005_ledger_labels': m0005,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

export interface ServerDatabase {
  readonly db: Kysely<Database>;
  close(): Promise<void>;
}

/**
 * The embedded default: one SQLite file in WAL mode. synchronous=NORMAL is
 * durable across process crashes (the WAL is fsynced at checkpoints) and
 * loses at most the last transactions on power loss of the server box,
 * which has a UPS in any real facility; it keeps writes fast under load.
 */
export async function openServerDatabase(file: string): Promise<ServerDatabase> {
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    await db.destroy();
    throw new Error(`Database migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${String(error)}`);
  }
  return { db, close: () => db.destroy() };
}
