import type { Kysely, Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/schema';

type Db = Kysely<Database> | Transaction<Database>;

/** One administrative change, written in the same transaction as the change itself. */
export interface AuditEntry {
  facilityId: string;
  /** The staff member; null when done on the server host (the CLI). */
  actorId: string | null;
  at: number;
  /** A code: 'facility.setup', 'settings.change', 'unit.create', 'staff.invite', … */
  action: string;
  /** What changed: a setting's name, a unit's or staff member's id. */
  target: string | null;
  oldValue?: unknown;
  newValue?: unknown;
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

export async function recordAudit(trx: Db, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      id: uuidv7(),
      facility_id: entry.facilityId,
      actor_id: entry.actorId,
      at: entry.at,
      action: entry.action,
      target: entry.target,
      old_value: json(entry.oldValue),
      new_value: json(entry.newValue),
    })
    .execute();
}

/** The newest changes first, with who made them (email), `limit` at a time before `before` (epoch ms). */
export async function auditTrail(db: Db, facilityId: string, options: { before?: number; limit?: number } = {}) {
  let query = db
    .selectFrom('audit_log')
    .leftJoin('staff_users', 'staff_users.id', 'audit_log.actor_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.action',
      'audit_log.target',
      'audit_log.old_value',
      'audit_log.new_value',
      'staff_users.email as actor_email',
    ])
    .where('audit_log.facility_id', '=', facilityId);
  if (options.before !== undefined) query = query.where('audit_log.at', '<', options.before);
  const rows = await query
    .orderBy('audit_log.at', 'desc')
    .orderBy('audit_log.id', 'desc')
    .limit(options.limit ?? 100)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    action: row.action,
    target: row.target,
    actor: row.actor_email ?? null,
    oldValue: row.old_value === null ? null : (JSON.parse(row.old_value) as unknown),
    newValue: row.new_value === null ? null : (JSON.parse(row.new_value) as unknown),
  }));
}
