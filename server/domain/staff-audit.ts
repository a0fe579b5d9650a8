import { uuidv7 } from 'uuidv7';
import type { Db } from './changes';
import type { ServerContext, Writer } from './context';

/** Who did something in the staff console: every audited write names them. */
export interface StaffActor {
  id: string;
  facility_id: string;
}

export interface AuditEntry {
  action: string;
  subject: { type: 'inmate' | 'catalog' | 'roster'; id: string };
  /** The fields that changed, as they were (null: the subject is new). */
  before: Record<string, unknown> | null;
  /** The same fields afterwards (null: the subject is gone). */
  after: Record<string, unknown> | null;
}

/**
 * Records a staff change in the same transaction as the change itself, so
 * there is never a change without its audit row (or an audit row for a change
 * that rolled back).
 */
export async function audit(w: Writer, actor: StaffActor, entry: AuditEntry): Promise<void> {
  await w.trx
    .insertInto('staff_audit')
    .values({
      id: uuidv7(),
      facility_id: actor.facility_id,
      staff_id: actor.id,
      at: w.now,
      action: entry.action,
      subject_type: entry.subject.type,
      subject_id: entry.subject.id,
      before: entry.before === null ? null : JSON.stringify(entry.before),
      after: entry.after === null ? null : JSON.stringify(entry.after),
    })
    .execute();
}

/** Only the fields whose value differs, before and after (an edit records what it changed, not the whole row). */
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): { before: Partial<T>; after: Partial<T> } {
  const was: Partial<T> = {};
  const now: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (after[key] !== undefined && after[key] !== before[key]) {
      was[key] = before[key];
      now[key] = after[key];
    }
  }
  return { before: was, after: now };
}

/** A subject's audit trail, newest first, with the staff member's name. */
export async function auditTrail(ctx: ServerContext | { db: Db }, facilityId: string, subjectId: string) {
  const rows = await ctx.db
    .selectFrom('staff_audit')
    .leftJoin('staff_users', 'staff_users.id', 'staff_audit.staff_id')
    .select([
      'staff_audit.id',
      'staff_audit.at',
      'staff_audit.action',
      'staff_audit.before',
      'staff_audit.after',
      'staff_users.display_name as staffName',
    ])
    .where('staff_audit.facility_id', '=', facilityId)
    .where('staff_audit.subject_id', '=', subjectId)
    .orderBy('staff_audit.at', 'desc')
    .orderBy('staff_audit.id', 'desc')
    .limit(200)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    action: row.action,
    staffName: row.staffName ?? '',
    before: row.before === null ? null : (JSON.parse(row.before) as Record<string, unknown>),
    after: row.after === null ? null : (JSON.parse(row.after) as Record<string, unknown>),
  }));
}
