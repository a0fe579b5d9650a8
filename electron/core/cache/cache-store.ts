import type { Database } from 'better-sqlite3';
import type { Change } from '../../../shared/sync/protocol';
import { syncTables, type SyncRow, type SyncTable } from '../../../shared/sync/rows';

/**
 * The device's copy of everything the server sent, in the encrypted cache.
 * Rows are stored as sent (JSON) and parsed with their schema again when
 * read, so a row written by an older app version can never crash a screen.
 */
export class CacheStore {
  private readonly upsertRow;
  private readonly deleteRow;
  private readonly upsertMessage;
  private readonly deleteMessage;
  private readonly selectRow;
  private readonly selectByInmate;
  private readonly selectTable;

  constructor(db: Database) {
    this.upsertRow = db.prepare(
      'INSERT INTO sync_rows (table_name, id, inmate_id, row) VALUES (?, ?, ?, ?) ON CONFLICT (table_name, id) DO UPDATE SET inmate_id = excluded.inmate_id, row = excluded.row',
    );
    this.deleteRow = db.prepare('DELETE FROM sync_rows WHERE table_name = ? AND id = ?');
    this.upsertMessage = db.prepare(`
      INSERT INTO messages (id, inmate_id, contact_id, direction, kind, status, has_photos, body, created_at, read_at, client_op_id, row)
      VALUES (@id, @inmate_id, @contact_id, @direction, @kind, @status, @has_photos, @body, @created_at, @read_at, @client_op_id, @row)
      ON CONFLICT (id) DO UPDATE SET status = excluded.status, body = excluded.body, has_photos = excluded.has_photos, row = excluded.row,
        -- A local read (outbox) is not undone by a page made before the server saw it.
        read_at = COALESCE(excluded.read_at, messages.read_at)`);
    this.deleteMessage = db.prepare('DELETE FROM messages WHERE id = ?');
    this.selectRow = db.prepare('SELECT row FROM sync_rows WHERE table_name = ? AND id = ?');
    this.selectByInmate = db.prepare('SELECT row FROM sync_rows WHERE table_name = ? AND inmate_id = ?');
    this.selectTable = db.prepare('SELECT row FROM sync_rows WHERE table_name = ?');
  }

  /** Applies one change; the caller wraps a whole page and its cursor in one transaction. */
  apply(change: Change): void {
    if (change.table === 'messages') {
      if (change.op === 'delete') this.deleteMessage.run(change.id);
      else {
        const row = change.row;
        this.upsertMessage.run({
          id: row.id,
          inmate_id: row.inmateId,
          contact_id: row.contactId,
          direction: row.direction,
          kind: row.kind,
          status: row.status,
          has_photos: row.photos.length > 0 ? 1 : 0,
          body: row.body,
          created_at: row.createdAt,
          read_at: row.readAt,
          client_op_id: row.clientOpId,
          row: JSON.stringify(row),
        });
      }
      return;
    }
    if (change.op === 'delete') {
      this.deleteRow.run(change.table, change.id);
      return;
    }
    if (change.table === 'entitlements' && change.row.clientOpId) {
      // The server's entitlement replaces the one this device made when the inmate bought it.
      this.deleteRow.run('entitlements', change.row.clientOpId);
    }
    const row = change.row as { inmateId?: string; id: string };
    const inmateId = change.table === 'inmates' || change.table === 'accounts' ? row.id : (row.inmateId ?? null);
    this.upsertRow.run(change.table, row.id, inmateId, JSON.stringify(row));
  }

  get<T extends SyncTable>(table: T, id: string): SyncRow<T> | null {
    const found = this.selectRow.get(table, id) as { row: string } | undefined;
    return found ? this.parse(table, found.row) : null;
  }

  forInmate<T extends SyncTable>(table: T, inmateId: string): SyncRow<T>[] {
    return (this.selectByInmate.all(table, inmateId) as { row: string }[]).flatMap((r) => {
      const row = this.parse(table, r.row);
      return row ? [row] : [];
    });
  }

  all<T extends SyncTable>(table: T): SyncRow<T>[] {
    return (this.selectTable.all(table) as { row: string }[]).flatMap((r) => {
      const row = this.parse(table, r.row);
      return row ? [row] : [];
    });
  }

  /** Upserts a row made on this device (optimistic progress) the way a pulled one would be. */
  putLocal<T extends Exclude<SyncTable, 'messages'>>(table: T, row: SyncRow<T>, inmateId: string | null): void {
    this.upsertRow.run(table, (row as { id: string }).id, inmateId, JSON.stringify(row));
  }

  private parse<T extends SyncTable>(table: T, text: string): SyncRow<T> | null {
    const parsed = syncTables[table].safeParse(JSON.parse(text));
    return parsed.success ? (parsed.data as SyncRow<T>) : null;
  }
}
