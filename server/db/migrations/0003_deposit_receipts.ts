import type { Kysely } from 'kysely';

/**
 * A receipt for every deposit that ran (now, or a scheduled/recurring run),
 * so a family can see its history: the ledger is per inmate and does not say
 * which family paid.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('deposit_receipts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().references('family_accounts.id'))
    .addColumn('inmate_id', 'text', (c) => c.notNull().references('inmates.id'))
    .addColumn('schedule_id', 'text')
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('fee_cents', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('deposit_receipts_by_family')
    .on('deposit_receipts')
    .columns(['family_id', 'at'])
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Not reversible: restore from a backup instead.'));
}
