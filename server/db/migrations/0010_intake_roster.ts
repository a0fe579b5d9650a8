import { sql, type Kysely } from 'kysely';

/**
 * The roster and content intake (issue #14): an index to read one person's or item's changes from the audit
 * log (0009), release cards a family can look up, staff uploads of music waiting to become an album, a book's cover, and the index
 * that keeps the roster's name search and keyset paging fast at 100,000 people.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const s = db.schema;
  // A person's or an item's trail in the facility's audit log (0009) is read by its target.
  await s.createIndex('audit_log_by_target').on('audit_log').columns(['facility_id', 'target', 'at']).execute();
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
