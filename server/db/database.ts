import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, sql, SqliteDialect, type Migration, type MigrationProvider } from 'kysely';
import * as m0001 from './migrations/0001_core';
import * as m0002 from './migrations/0002_accounts';
import * as m0003 from './migrations/0003_deposit_receipts';
import * as m0004 from './migrations/0004_deposit_runs';
import * as m0005 from './migrations/0005_security';
import * as m0006 from './migrations/0006_leases';
import * as m0007 from './migrations/0007_review_volume';
import * as m0008 from './migrations/0008_ledger_labels';
import * as m0009 from './migrations/0009_facility_setup';
import * as m0010 from './migrations/0010_intake_roster';
import * as m0011 from './migrations/0011_export';
import type { Database } from './schema';

/** Every migration, in order. A static list, so bundling or a read-only install cannot lose one. */
export const migrations: Record<string, Migration> = {
  '0001_core': m0001,
  '0002_accounts': m0002,
  '0003_deposit_receipts': m0003,
  '0004_deposit_runs': m0004,
  '0005_security': m0005,
  '0006_leases': m0006,
  '0007_review_volume': m0007,
  '0008_ledger_labels': m0008,
  '0009_facility_setup': m0009,
  '0010_intake_roster': m0010,
  '0011_export': m0011,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

export interface ServerDatabase {
  readonly db: Kysely<Database>;
  readonly kind: 'sqlite' | 'postgres';
  /** PostgreSQL only: where LISTEN connections go (a pooled connection cannot hold a LISTEN). */
  readonly url: string | null;
  /**
   * Runs `work` while no other server process runs work of the same name
   * (PostgreSQL: a session advisory lock on a connection held for it; SQLite:
   * one process per file is the rule, so it just runs).
   */
  exclusively<T>(name: 'demo-seed', work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** `postgres://` or `postgresql://` URLs go to PostgreSQL; anything else is a SQLite file. */
export const isPostgresUrl = (target: string) => /^postgres(ql)?:\/\//i.test(target);

/**
 * int8 (counts, money in cents, epoch ms) and numeric (what sum() of int8
 * returns) come back from pg as strings, since they may exceed 2^53. Ours
 * never do (cents and milliseconds stay far below it), and the domain reads
 * numbers, as it does from SQLite; a value that would lose precision throws.
 */
function exactNumber(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`Integer out of the safe range: ${text}`);
  return value;
}
const INT8 = 20;
const NUMERIC = 1700;
const pgTypes = new pg.TypeOverrides();
pgTypes.setTypeParser(INT8, exactNumber);
pgTypes.setTypeParser(NUMERIC, exactNumber);

/**
 * The embedded default: one SQLite file in WAL mode. synchronous=NORMAL is
 * durable across process crashes (the WAL is fsynced at checkpoints) and
 * loses at most the last transactions on power loss of the server box,
 * which has a UPS in any real facility; it keeps writes fast under load.
 */
function openSqlite(file: string): Kysely<Database> {
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}

/** PostgreSQL for many facilities and more than one server process (docs/DEPLOY.md). */
function openPostgres(url: string, poolSize: number): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: pgTypes });
  // An idle client losing its connection (a database restart) must not crash the server; the pool replaces it.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Advisory lock keys under (4711, n); (4711, 1) is the write lock of db/write-lock.ts. */
const EXCLUSIVE_KEYS = { 'demo-seed': 2 } as const;

/** Opens and migrates the store: a SQLite file path, or a `postgres://` URL. */
export async function openServerDatabase(target: string, options: { poolSize?: number } = {}): Promise<ServerDatabase> {
  const postgres = isPostgresUrl(target);
  const db = postgres ? openPostgres(target, options.poolSize ?? 10) : openSqlite(target);
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    await db.destroy();
    throw new Error(`Database migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${String(error)}`);
  }
  return {
    db,
    kind: postgres ? 'postgres' : 'sqlite',
    url: postgres ? target : null,
    exclusively: (name, work) =>
      postgres
        ? db.connection().execute(async (connection) => {
            await sql`select pg_advisory_lock(4711, ${EXCLUSIVE_KEYS[name]})`.execute(connection);
            try {
              return await work();
            } finally {
              await sql`select pg_advisory_unlock(4711, ${EXCLUSIVE_KEYS[name]})`.execute(connection);
            }
          })
        : work(),
    close: () => db.destroy(),
  };
}
