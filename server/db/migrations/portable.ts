import { PostgresAdapter, type CreateTableBuilder, type Kysely } from 'kysely';

/** Whether migrations run against PostgreSQL (any dialect whose adapter is Kysely's Postgres one). */
export function isPostgres(db: Pick<Kysely<unknown>, 'getExecutor'>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * An auto-numbered primary key, written the way each database wants it:
 * `integer primary key autoincrement` on SQLite (a rowid alias whose values
 * are never reused, exactly what the first migration always made), and
 * `bigint generated always as identity` on PostgreSQL, where `autoincrement`
 * is not SQL.
 */
export function serialPrimaryKey<T extends string, C extends string>(
  db: Kysely<unknown>,
  table: CreateTableBuilder<T, C>,
  column: string,
): CreateTableBuilder<T, C> {
  return isPostgres(db)
    ? table.addColumn(column, 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    : table.addColumn(column, 'integer', (c) => c.primaryKey().autoIncrement());
}
