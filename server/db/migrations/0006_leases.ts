import type { Kysely } from 'kysely';

/**
 * Leases for work exactly one server process may do at a time (the deposit
 * and delivery scheduler): a named row that a process holds until it
 * expires, renewed while the holder lives. A row, not a PostgreSQL advisory
 * lock, so it works the same on SQLite and survives a pooled connection.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Not reversible: restore from a backup instead.'));
}
