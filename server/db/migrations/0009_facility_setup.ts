import type { Kysely } from 'kysely';

/**
 * A real facility from zero (issue 14):
 * - staff_links: one-time links for staff, stored hashed: the first start's
 *   setup link, an invitation, a password reset made on the server host;
 * - audit_log: every administrative change, who, when, old → new;
 * - staff_users: invited / active / deactivated, and a security question;
 * - facilities: the locale and currency chosen at setup.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('staff_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .execute();
  await db.schema.createIndex('audit_log_by_facility').on('audit_log').columns(['facility_id', 'at']).execute();
  await db.schema
    .alterTable('staff_users')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .execute();
  await db.schema.alterTable('staff_users').addColumn('security_question', 'text').execute();
  await db.schema.alterTable('staff_users').addColumn('security_answer_hash', 'text').execute();
  await db.schema
    .alterTable('facilities')
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('en'))
    .execute();
  await db.schema
    .alterTable('facilities')
    .addColumn('currency', 'text', (c) => c.notNull().defaultTo('USD'))
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Not reversible: restore from a backup instead.'));
}
