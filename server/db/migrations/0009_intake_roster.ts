import { sql, type Kysely } from 'kysely';

/**
 * The roster and content intake (issue #14): a record of every staff change (who, when, old → new), release
 * cards a family can look up, staff uploads of music waiting to become an album, a book's cover, and the index
 * that keeps the roster's name search and keyset paging fast at 100,000 people.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const s = db.schema;
  await s
    .createTable('staff_audit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .execute();
  await s
    .createIndex('staff_audit_by_subject')
    .on('staff_audit')
    .columns(['subject_type', 'subject_id', 'at'])
    .execute();
  await s.createIndex('staff_audit_by_facility').on('staff_audit').columns(['facility_id', 'at']).execute();
  await s
    .createTable('release_cards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('inmate_id', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('last_four', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'bigint', (c) => c.notNull())
    .execute();
  await s.createIndex('release_cards_by_inmate').on('release_cards').column('inmate_id').execute();
  await s
    .createTable('intake_uploads')
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('duration_ms', 'bigint', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('intake_uploads_pk', ['facility_id', 'sha256'])
    .execute();
  await s.alterTable('catalog').addColumn('cover_sha256', 'text').execute();
  await s.alterTable('catalog').addColumn('added_by_facility', 'text').execute();
  // Search by surname prefix and page by (surname, id) walk this index instead of the whole table.
  await s
    .createIndex('inmates_by_name')
    .on('inmates')
    .column('facility_id')
    .expression(sql`lower(last_name)`)
    .column('id')
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Not reversible: restore from a backup instead.'));
}
