import type { Database } from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import type { DeviceReport } from '../../../shared/sync/protocol';

export type AuditItem = DeviceReport['items'][number];

interface AuditRow {
  id: string;
  at: number;
  kind: AuditItem['kind'];
  technician_id: string | null;
  action: string;
  detail: string;
}

const toItem = (row: AuditRow): AuditItem => ({
  id: row.id,
  at: row.at,
  kind: row.kind,
  technicianId: row.technician_id,
  action: row.action,
  detail: JSON.parse(row.detail) as AuditItem['detail'],
});

/**
 * Every technician action, written before the action runs (so an action
 * that crashes the device is still on record), kept in the encrypted cache
 * until the server acknowledged it, then sent with the device reports.
 */
export class AuditLog {
  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {}

  record(entry: {
    kind?: AuditItem['kind'];
    technicianId: string | null;
    action: string;
    detail?: AuditItem['detail'];
  }): AuditItem {
    const item: AuditItem = {
      id: uuidv7(),
      at: this.now(),
      kind: entry.kind ?? 'audit',
      technicianId: entry.technicianId,
      action: entry.action,
      detail: entry.detail ?? {},
    };
    this.db
      .prepare('INSERT INTO audit_log (id, at, kind, technician_id, action, detail) VALUES (?, ?, ?, ?, ?, ?)')
      .run(item.id, item.at, item.kind, item.technicianId, item.action, JSON.stringify(item.detail));
    return item;
  }

  /** The oldest records the server has not acknowledged yet, at most `limit`. */
  unreported(limit = 200): AuditItem[] {
    const sql =
      'SELECT id, at, kind, technician_id, action, detail FROM audit_log WHERE reported = 0 ORDER BY at, id LIMIT ?';
    return (this.db.prepare(sql).all(limit) as AuditRow[]).map(toItem);
  }

  markReported(ids: readonly string[]): void {
    const mark = this.db.prepare('UPDATE audit_log SET reported = 1 WHERE id = ?');
    this.db.transaction(() => ids.forEach((id) => mark.run(id)))();
  }

  recent(limit = 50): AuditItem[] {
    const sql = 'SELECT id, at, kind, technician_id, action, detail FROM audit_log ORDER BY at DESC, id DESC LIMIT ?';
    return (this.db.prepare(sql).all(limit) as AuditRow[]).map(toItem);
  }
}
