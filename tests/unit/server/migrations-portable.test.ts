import { createHash } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../server/db/database';
import { recordingKysely } from '../../support/recording-dialect';

/** What PostgreSQL does not accept, or means differently: SQLite-only syntax in a migration. */
const sqliteOnly: [RegExp, string][] = [
  [/\bautoincrement\b/i, 'AUTOINCREMENT'],
  [/\bpragma\b/i, 'PRAGMA'],
  [/\bwithout\s+rowid\b/i, 'WITHOUT ROWID'],
  [/\)\s*strict\b/i, 'STRICT tables'],
  [/\binsert\s+or\s+(replace|ignore)\b/i, 'INSERT OR …'],
  [/\browid\b/i, 'rowid'],
  [/`/, 'backtick quoting'],
  [/\bdatetime\s*\(/i, 'datetime()'],
];

async function compileAll(kind: 'postgres' | 'sqlite') {
  const byMigration = new Map<string, string[]>();
  for (const [name, migration] of Object.entries(migrations)) {
    const { db, statements } = recordingKysely(kind);
    await migration.up(db);
    byMigration.set(name, statements);
  }
  return byMigration;
}

describe('migrations are portable to PostgreSQL', () => {
  it('every migration compiles with the PostgreSQL dialect to SQL with no SQLite-only syntax', async () => {
    const compiled = await compileAll('postgres');
    expect([...compiled.keys()]).toEqual(Object.keys(migrations));
    for (const [name, statements] of compiled) {
      expect(statements.length, name).toBeGreaterThan(0);
      for (const sql of statements)
        for (const [pattern, what] of sqliteOnly) expect(pattern.test(sql), `${name}: ${what} in ${sql}`).toBe(false);
    }
    const changes = compiled.get('0001_core')?.find((sql) => sql.startsWith('create table "changes"'));
    expect(changes).toContain('"seq" bigint generated always as identity primary key');
  });

  it('leaves the SQLite schema exactly as shipped (existing databases stay valid; applied migrations are known by name)', async () => {
    const sqlite = (await compileAll('sqlite')).get('0001_core') ?? [];
    expect(sqlite.find((sql) => sql.startsWith('create table "changes"'))).toContain(
      '"seq" integer primary key autoincrement',
    );
    // The SHA-256 of 0001's SQLite statements as first shipped.
    expect(createHash('sha256').update(sqlite.join('\n')).digest('hex')).toBe(
      'f4bdd1cddb7178d376181930eea84b3f83aaf2298981f0291618605bfc9c5fd4',
    );
  });

  it('runs for real on SQLite: the change log numbers rows itself', async () => {
    const db = new Kysely<{
      changes: { seq?: number; table_name: string; row_id: string; facility_id: string; at: number };
    }>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
    const { error } = await new Migrator({
      db,
      provider: { getMigrations: () => Promise.resolve(migrations) },
    }).migrateToLatest();
    expect(error).toBeUndefined();
    const row = { table_name: 'units', row_id: 'x', facility_id: 'f', at: 1 };
    const first = await db.insertInto('changes').values(row).returning('seq').executeTakeFirstOrThrow();
    const second = await db.insertInto('changes').values(row).returning('seq').executeTakeFirstOrThrow();
    expect(second.seq).toBe((first.seq ?? 0) + 1);
    await db.destroy();
  });
});
