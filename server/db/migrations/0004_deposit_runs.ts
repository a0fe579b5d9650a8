import type { Kysely } from 'kysely';

/**
 * Recurring and scheduled deposits charge the family's payment method on
 * every run: the schedule keeps the processor's payment token, and each run
 * is claimed once (unique per schedule and due time) before the charge, so
 * two schedulers or a restart never charge a run twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('scheduled_deposits').addColumn('payment_token', 'text').execute();
  await db.schema
    .createTable('deposit_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('schedule_id', 'text', (c) => c.notNull().references('scheduled_deposits.id'))
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('payment_reference', 'text')
    .addColumn('problem', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('settled_at', 'bigint')
    .addUniqueConstraint('deposit_runs_once', ['schedule_id', 'due_at'])
    .execute();
  await db.schema.createIndex('deposit_runs_status').on('deposit_runs').columns(['status', 'created_at']).execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Not reversible: restore from a backup instead.'));
}
