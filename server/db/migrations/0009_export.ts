import type { Kysely } from 'kysely';

/**
 * Exports (issue #18): one row per export asked for, a person's or a whole facility's. It is the
 * audit record of every export (who asked, whose data, when, to whom it was handed) and the
 * state of one being built (progress, the finished file, its hash, a download link's hash).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('export_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('requested_by_kind', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text')
    .addColumn('recipient_family_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress_done', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('progress_total', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('file', 'text')
    .addColumn('bytes', 'bigint')
    .addColumn('sha256', 'text')
    .addColumn('problem', 'text')
    .addColumn('download_token_hash', 'text')
    .addColumn('download_expires_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
  await db.schema.createIndex('export_jobs_by_subject').on('export_jobs').columns(['subject_id']).execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Not reversible: restore from a backup instead.'));
}
