import type { Kysely } from 'kysely';

/**
 * Staff review at volume (issue 16):
 * - messages: why one is held (policy or keyword, and the words), who decided
 *   it and when, a decision waiting out its undo window (nothing is delivered
 *   before it is final), a reviewer's claim with its expiry, the reason as a
 *   code plus an optional note, and when a device first confirmed it had it;
 * - review_reasons: a facility's preset reasons, in English and Spanish;
 * - keyword_lists: a facility's keyword list (one JSON array per facility);
 * - message_events: the trail of every message ("why didn't it arrive");
 * - devices.acked_cursor: how far a device has applied the change feed (a
 *   pull's cursor says so), which is when its messages count as delivered.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const columns: [string, 'text' | 'bigint'][] = [
    ['hold_reason', 'text'],
    ['keyword_hits', 'text'],
    ['reason_note', 'text'],
    ['decided_by', 'text'],
    ['decided_at', 'bigint'],
    ['pending_decision', 'text'],
    ['decision_due_at', 'bigint'],
    ['claimed_by', 'text'],
    ['claim_expires_at', 'bigint'],
    ['delivered_at', 'bigint'],
  ];
  for (const [name, type] of columns) await db.schema.alterTable('messages').addColumn(name, type).execute();
  await db.schema.createIndex('messages_review_queue').on('messages').columns(['status', 'created_at', 'id']).execute();
  await db.schema.createIndex('messages_decided').on('messages').columns(['decided_by', 'decided_at']).execute();
  await db.schema.createIndex('messages_decision_due').on('messages').column('decision_due_at').execute();

  await db.schema
    .createTable('review_reasons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('facility_id', 'text', (c) => c.notNull().references('facilities.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('label_es', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('review_reasons_code', ['facility_id', 'code'])
    .execute();

  await db.schema
    .createTable('keyword_lists')
    .addColumn('facility_id', 'text', (c) => c.primaryKey().references('facilities.id'))
    .addColumn('terms', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('message_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('message_events_by_message').on('message_events').columns(['message_id', 'at']).execute();

  await db.schema
    .alterTable('devices')
    .addColumn('acked_cursor', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Not reversible: restore from a backup instead.'));
}
