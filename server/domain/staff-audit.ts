import type { Db } from './changes';
import type { ServerContext, Writer } from './context';
import { recordAudit } from './facility/audit';

/** Who did something in the staff console: every audited write names them. */
export interface StaffActor {
  id: string;
  facility_id: string;
}

export interface AuditEntry {
  /** 'inmate.add', 'inmate.move', 'inmate.release', 'roster.import', 'catalog.approve', … */
  action: string;
  /** What changed: a person's, a catalog item's or an import's id (the audit log's target). */
  subject: { type: 'inmate' | 'catalog' | 'roster'; id: string };
  /** The fields that changed, as they were (null: the subject is new). */
  before: Record<string, unknown> | null;
  /** The same fields afterwards (null: the subject is gone). */
  after: Record<string, unknown> | null;
}

/**
 * Records a roster or catalog change in the facility's one audit log
 * (audit_log, domain/facility/audit.ts: who, when, what, old → new), in the
 * same transaction as the change itself, so there is never a change without
 * its audit row (or an audit row for a change that rolled back).
 */
export async function audit(w: Writer, actor: StaffActor, entry: AuditEntry): Promise<void> {
  await recordAudit(w.trx, {
    facilityId: actor.facility_id,
    actorId: actor.id,
    at: w.now,
    action: entry.action,
    target: entry.subject.id,
    oldValue: entry.before ?? undefined,
    newValue: entry.after ?? undefined,
  });
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

/** One subject's audit trail (a person's, an item's), newest first, with the staff member's name. */
export async function auditTrail(ctx: ServerContext | { db: Db }, facilityId: string, subjectId: string) {
  const rows = await ctx.db
    .selectFrom('audit_log')
    .leftJoin('staff_users', 'staff_users.id', 'audit_log.actor_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.action',
      'audit_log.old_value',
      'audit_log.new_value',
      'staff_users.display_name as staffName',
    ])
    .where('audit_log.facility_id', '=', facilityId)
    .where('audit_log.target', '=', subjectId)
    .orderBy('audit_log.at', 'desc')
    .orderBy('audit_log.id', 'desc')
    .limit(200)
    .execute();
  const fields = (value: string | null) => (value === null ? null : (JSON.parse(value) as Record<string, unknown>));
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    action: row.action,
    staffName: row.staffName ?? '',
    before: fields(row.old_value),
    after: fields(row.new_value),
  }));
}
