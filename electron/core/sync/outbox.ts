import type { Database } from 'better-sqlite3';
import { OutboxOp, type PushItem, type PushResult } from '../../../shared/sync/protocol';
import type { OutboxJournal } from './outbox-journal';

export interface OutboxRow {
  id: string;
  inmateId: string;
  op: OutboxOp;
  createdAt: number;
  status: 'queued' | 'sent' | 'rejected';
  attempts: number;
  result: { reason: string; message: string } | null;
}

interface RawRow {
  id: string;
  inmate_id: string;
  op: string;
  created_at: number;
  status: OutboxRow['status'];
  attempts: number;
  result: string | null;
}

const toRow = (raw: RawRow): OutboxRow => ({
  id: raw.id,
  inmateId: raw.inmate_id,
  op: OutboxOp.parse(JSON.parse(raw.op)),
  createdAt: raw.created_at,
  status: raw.status,
  attempts: raw.attempts,
  result: raw.result ? (JSON.parse(raw.result) as OutboxRow['result']) : null,
});

/**
 * What the inmate did that the server has not acknowledged. A row is
 * written in the same transaction as the local change it stands for, keeps
 * its client-made id for every retry (the server's idempotency key), and
 * leaves only after the server answered.
 */
export class Outbox {
  constructor(
    private readonly db: Database,
    private readonly journal: OutboxJournal | null = null,
  ) {}

  /** Call inside the transaction of the local change. */
  add(item: { id: string; inmateId: string; op: OutboxOp; createdAt: number }): void {
    this.journal?.append(item);
    this.db
      .prepare(
        'INSERT INTO outbox (id, inmate_id, kind, op, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
      )
      .run(item.id, item.inmateId, item.op.kind, JSON.stringify(OutboxOp.parse(item.op)), item.createdAt);
  }

  /** Items to push now, oldest first (order matters: a reply before its read receipt). */
  due(now: number, limit: number): PushItem[] {
    const rows = this.db
      .prepare("SELECT * FROM outbox WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY created_at, id LIMIT ?")
      .all(now, limit) as RawRow[];
    return rows.map((raw) => {
      const row = toRow(raw);
      return { id: row.id, inmateId: row.inmateId, createdAt: row.createdAt, op: row.op };
    });
  }

  get(id: string): OutboxRow | null {
    const raw = this.db.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as RawRow | undefined;
    return raw ? toRow(raw) : null;
  }

  forInmate(inmateId: string, kinds: readonly OutboxOp['kind'][]): OutboxRow[] {
    const rows = this.db
      .prepare('SELECT * FROM outbox WHERE inmate_id = ? ORDER BY created_at DESC')
      .all(inmateId) as RawRow[];
    return rows.map(toRow).filter((row) => kinds.includes(row.op.kind));
  }

  depth(): number {
    return (this.db.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'queued'").get() as { n: number }).n;
  }

  /** Records the server's answers. Accepted messages stay as 'sent' until their server row arrives. */
  settle(results: readonly PushResult[], now: number, retryDelayMs: (attempts: number) => number): void {
    const tx = this.db.transaction(() => {
      for (const result of results) {
        const row = this.get(result.id);
        if (!row) continue;
        if (result.status === 'accepted') {
          const keepUntilPulled =
            row.op.kind === 'message.send' || row.op.kind === 'videogram.send' || row.op.kind === 'ticket.open';
          if (keepUntilPulled) this.db.prepare("UPDATE outbox SET status = 'sent' WHERE id = ?").run(result.id);
          else this.db.prepare('DELETE FROM outbox WHERE id = ?').run(result.id);
        } else if (result.status === 'rejected') {
          // A refused purchase must not stay "owned" on this device.
          if (row.op.kind === 'purchase')
            this.db.prepare("DELETE FROM sync_rows WHERE table_name = 'entitlements' AND id = ?").run(row.id);
          this.db
            .prepare("UPDATE outbox SET status = 'rejected', result = ? WHERE id = ?")
            .run(JSON.stringify({ reason: result.reason, message: result.message }), result.id);
        } else {
          this.db
            .prepare('UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ?')
            .run(now + retryDelayMs(row.attempts + 1), result.id);
        }
      }
    });
    tx();
  }

  /** Drops 'sent' rows once the server's own row (with our id as its clientOpId) is in the cache. */
  forgetDelivered(): void {
    this.db.exec(`
      DELETE FROM outbox WHERE status = 'sent' AND (
        id IN (SELECT client_op_id FROM messages WHERE client_op_id IS NOT NULL)
        OR id IN (SELECT json_extract(row, '$.clientOpId') FROM sync_rows WHERE table_name = 'tickets')
      )`);
  }

  /** Re-queues a journal item into a rebuilt cache (not journaled again). */
  restore(item: { id: string; inmateId: string; op: OutboxOp; createdAt: number }): void {
    this.db
      .prepare(
        'INSERT INTO outbox (id, inmate_id, kind, op, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
      )
      .run(item.id, item.inmateId, item.op.kind, JSON.stringify(item.op), item.createdAt);
  }

  /** After the server answered: the journal keeps only what is still unsent. */
  compactJournal(): void {
    this.journal?.compact(this.unsent());
  }

  /** Unsent items, to carry over when a corrupt cache is rebuilt. */
  unsent(): { id: string; inmateId: string; op: OutboxOp; createdAt: number }[] {
    const rows = this.db
      .prepare("SELECT * FROM outbox WHERE status IN ('queued', 'sent') ORDER BY created_at")
      .all() as RawRow[];
    return rows.map(toRow).map(({ id, inmateId, op, createdAt }) => ({ id, inmateId, op, createdAt }));
  }
}
