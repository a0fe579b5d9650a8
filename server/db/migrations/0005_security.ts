import { sql, type Kysely } from 'kysely';

/**
 * What must hold across processes (issue #12), in the database rather than
 * in one process's memory: what the database was seeded as (demo-only
 * features need a demo database), pending security-question challenges, and
 * sign-up confirmation (an account is usable once its email is confirmed,
 * so sign-up can answer the same for known and unknown addresses).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('server_meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('sign_in_challenges')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('family_accounts').addColumn('email_confirmed_at', 'bigint').execute();
  // Accounts made before confirmation existed were usable: they stay so.
  await sql`update family_accounts set email_confirmed_at = created_at`.execute(db);
  await db.schema
    .createTable('email_confirmations')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Not reversible: restore from a backup instead.'));
}
