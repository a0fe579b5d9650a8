import type { Kysely } from 'kysely';
import { serialPrimaryKey } from './portable';

/**
 * The first schema. Written with Kysely's schema builder only (no SQLite
 * dialect SQL), so the same migration runs on PostgreSQL; the one
 * dialect-specific column (the change log's auto-numbered seq) goes through
 * portable.ts. Never edit a shipped migration: add the next file. (The one
 * exception, making `seq` portable, left the SQLite statement byte for byte
 * the same; tests/unit/server/migrations-portable.test.ts holds it to that.)
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const s = db.schema;
  await s
    .createTable('facilities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('fee_schedule', 'text', (c) => c.notNull())
    .addColumn('review_policy', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await s
    .createTable('units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('facility_id', 'text', (c) => c.notNull().references('facilities.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();
  await s
    .createTable('inmates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('facility_id', 'text', (c) => c.notNull().references('facilities.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('doc_number', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('pin_hash', 'text', (c) => c.notNull())
    .addColumn('pin_version', 'integer', (c) => c.notNull())
    .addColumn('security_question', 'text', (c) => c.notNull())
    .addColumn('security_answer_hash', 'text', (c) => c.notNull())
    .addColumn('pin_reset', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('inmates_doc_per_facility', ['facility_id', 'doc_number'])
    .execute();
  await s
    .createTable('family_accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('security_question', 'text', (c) => c.notNull())
    .addColumn('security_answer_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await s
    .createTable('contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inmate_id', 'text', (c) => c.notNull().references('inmates.id'))
    .addColumn('family_id', 'text', (c) => c.notNull().references('family_accounts.id'))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('relationship', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('contacts_once', ['inmate_id', 'family_id'])
    .execute();
  await s
    .createTable('staff_users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('facility_id', 'text', (c) => c.notNull().references('facilities.id'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await s
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inmate_id', 'text', (c) => c.notNull().references('inmates.id'))
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('photos', 'text', (c) => c.notNull())
    .addColumn('ecard', 'text')
    .addColumn('videogram', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rejection_reason', 'text')
    .addColumn('client_op_id', 'text', (c) => c.unique())
    .addColumn('stamp_cents', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('deliver_at', 'bigint', (c) => c.notNull())
    .addColumn('delivery_announced', 'integer', (c) => c.notNull())
    .addColumn('read_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await s.createIndex('messages_by_inmate').on('messages').columns(['inmate_id', 'created_at']).execute();
  await s.createIndex('messages_review').on('messages').columns(['status', 'created_at']).execute();
  await s.createIndex('messages_scheduled').on('messages').columns(['delivery_announced', 'deliver_at']).execute();
  await s
    .createTable('ledger')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inmate_id', 'text', (c) => c.notNull().references('inmates.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('ref_id', 'text')
    .execute();
  await s.createIndex('ledger_by_inmate').on('ledger').columns(['inmate_id', 'at']).execute();
  await s
    .createTable('accounts')
    .addColumn('inmate_id', 'text', (c) => c.primaryKey().references('inmates.id'))
    .addColumn('release_card_status', 'text', (c) => c.notNull())
    .addColumn('release_card_last_four', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await s
    .createTable('scheduled_deposits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inmate_id', 'text', (c) => c.notNull().references('inmates.id'))
    .addColumn('family_id', 'text', (c) => c.notNull().references('family_accounts.id'))
    .addColumn('from_name', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('next_at', 'bigint', (c) => c.notNull())
    .addColumn('recurrence', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .execute();
  await s
    .createTable('catalog')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('files', 'text', (c) => c.notNull())
    .addColumn('course', 'text')
    .addColumn('game_id', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await s
    .createTable('catalog_approvals')
    .addColumn('facility_id', 'text', (c) => c.notNull().references('facilities.id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('catalog.id'))
    .addColumn('price_cents', 'bigint', (c) => c.notNull())
    .addColumn('approved_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('catalog_approvals_pk', ['facility_id', 'item_id'])
    .execute();
  await s
    .createTable('entitlements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inmate_id', 'text', (c) => c.notNull().references('inmates.id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('catalog.id'))
    .addColumn('client_op_id', 'text', (c) => c.unique())
    .addColumn('price_paid_cents', 'bigint', (c) => c.notNull())
    .addColumn('acquired_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('entitlements_once', ['inmate_id', 'item_id'])
    .execute();
  await s
    .createTable('progress')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inmate_id', 'text', (c) => c.notNull().references('inmates.id'))
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await s
    .createTable('tickets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inmate_id', 'text', (c) => c.notNull().references('inmates.id'))
    .addColumn('client_op_id', 'text', (c) => c.unique())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('replies', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await s
    .createTable('announcements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('facility_id', 'text', (c) => c.notNull().references('facilities.id'))
    .addColumn('unit_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('posted_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .execute();
  await s
    .createTable('technicians')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('facility_id', 'text', (c) => c.notNull().references('facilities.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .execute();
  await s
    .createTable('devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('facility_id', 'text', (c) => c.notNull().references('facilities.id'))
    .addColumn('unit_id', 'text')
    .addColumn('inmate_id', 'text')
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('app_version', 'text', (c) => c.notNull())
    .addColumn('enrolled_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .execute();
  await s
    .createTable('enrollment_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('facility_id', 'text', (c) => c.notNull().references('facilities.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .addColumn('device_id', 'text')
    .execute();
  // The one auto-numbered key: its SQL differs per database (see portable.ts); on SQLite it is unchanged.
  await serialPrimaryKey(db, s.createTable('changes'), 'seq')
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('row_id', 'text', (c) => c.notNull())
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text')
    .addColumn('inmate_id', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await s.createIndex('changes_scope').on('changes').columns(['facility_id', 'seq']).execute();
  await s
    .createTable('outbox_receipts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await s
    .createTable('media')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await s
    .createTable('media_refs')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('inmate_id', 'text')
    .execute();
  await s.createIndex('media_refs_by_sha').on('media_refs').columns(['sha256', 'facility_id']).execute();
  await s
    .createTable('device_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('technician_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('The first migration is not reversible: restore from a backup instead.'));
}
