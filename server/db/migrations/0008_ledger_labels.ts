import type { Kysely } from 'kysely';

/**
 * Each ledger line keeps what it is as a code and parameters (JSON of shared/domain/ledger-label),
 * which is what devices get; `description` stays as the staff-side record. Older lines have none
 * and are labelled by their kind.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('ledger').addColumn('label', 'text').execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Not reversible: restore from a backup instead.'));
}
