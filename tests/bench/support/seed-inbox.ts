import { sql, type Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { isPostgres } from '../../../server/db/migrations/portable';
import type { Database } from '../../../server/db/schema';

/**
 * Gives the demo inmate Daniel Reyes (DOC 100234) `count` approved incoming
 * letters, a minute apart, and their change-log rows, in one transaction and
 * in SQL (a JS loop would take longer than the benchmarks). Ids are valid
 * UUIDv7: a real prefix and a 12-digit counter. SQL both SQLite and
 * PostgreSQL run, but for the zero-padding.
 */
export async function seedInbox(
  server: { db: Kysely<Database> },
  count: number,
): Promise<{ inmateId: string; unitId: string }> {
  const daniel = await server.db
    .selectFrom('inmates')
    .select(['id', 'facility_id', 'unit_id'])
    .where('doc_number', '=', '100234')
    .executeTakeFirstOrThrow();
  const contact = await server.db
    .selectFrom('contacts')
    .select('id')
    .where('inmate_id', '=', daniel.id)
    .executeTakeFirstOrThrow();
  const now = Date.now();
  const prefix = uuidv7().slice(0, 24);
  const padded = isPostgres(server.db) ? sql`lpad(i::text, 12, '0')` : sql`printf('%012d', i)`;
  const at = sql`CAST(${now} AS BIGINT) - CAST(i AS BIGINT) * 60000`;
  await server.db.transaction().execute(async (trx) => {
    await sql`
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < CAST(${count} AS INTEGER))
      INSERT INTO messages (id, inmate_id, contact_id, direction, kind, body, photos, ecard, videogram, status, rejection_reason,
                            client_op_id, stamp_cents, created_at, deliver_at, delivery_announced, read_at, updated_at)
      SELECT ${prefix} || ${padded}, ${daniel.id}, ${contact.id}, 'in', 'text',
             'Bench letter number ' || i || '. We are all fine here and think of you every day.', '[]', NULL, NULL, 'approved', NULL,
             NULL, 0, ${at}, ${at}, 1, NULL, CAST(${now} AS BIGINT)
      FROM n`.execute(trx);
    await sql`
      INSERT INTO changes (table_name, row_id, facility_id, unit_id, inmate_id, at)
      SELECT 'messages', id, ${daniel.facility_id}, ${daniel.unit_id}, ${daniel.id}, CAST(${now} AS BIGINT) FROM messages WHERE id LIKE ${`${prefix}%`}`.execute(
      trx,
    );
  });
  return { inmateId: daniel.id, unitId: daniel.unit_id };
}
