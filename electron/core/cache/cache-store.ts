import type { Database } from 'better-sqlite3';
import type { Change } from '../../../shared/sync/protocol';
import { syncTables, type MessageRow, type SyncRow, type SyncTable } from '../../../shared/sync/rows';

const messageColumns =
  'id, inmate_id, contact_id, direction, kind, status, body, created_at, read_at, client_op_id, row';

interface StoredMessage {
  id: string;
  inmate_id: string;
  contact_id: string;
  direction: string;
  kind: string;
  status: string;
  body: string;
  created_at: number;
  read_at: number | null;
  client_op_id: string | null;
  row: string;
}

/**
 * A message from its columns and the JSON of the rest, checked with its schema. The columns win, so a
 * cache written when the JSON still held the whole row reads the same, and read_at is this device's.
 */
function toMessage(stored: StoredMessage): MessageRow | null {
  const parsed = syncTables.messages.safeParse({
    ...(JSON.parse(stored.row) as object),
    id: stored.id,
    inmateId: stored.inmate_id,
    contactId: stored.contact_id,
    direction: stored.direction,
    kind: stored.kind,
    status: stored.status,
    body: stored.body,
    createdAt: stored.created_at,
    readAt: stored.read_at,
    clientOpId: stored.client_op_id,
  });
  return parsed.success ? parsed.data : null;
}

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
  private readonly selectMessage;
  private readonly selectSent;
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
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET status = excluded.status, body = excluded.body, has_photos = excluded.has_photos, row = excluded.row,
        -- A local read (outbox) is not undone by a page made before the server saw it.
        read_at = COALESCE(excluded.read_at, messages.read_at)`);
    this.selectMessage = db.prepare(`SELECT ${messageColumns} FROM messages WHERE id = ? AND inmate_id = ?`);
    this.selectSent = db.prepare(
      `SELECT ${messageColumns} FROM messages WHERE inmate_id = ? AND direction = 'out' ORDER BY created_at DESC LIMIT ?`,
    );
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
        const { id, inmateId, contactId, direction, kind, status, body, createdAt, readAt, clientOpId, ...rest } =
          change.row;
        // What has a column of its own is stored once: the JSON keeps only the rest (half the bytes per row,
        // which is most of the cost of applying a large pull).
        this.upsertMessage.run(
          id,
          inmateId,
          contactId,
          direction,
          kind,
          status,
          rest.photos.length > 0 ? 1 : 0,
          body,
          createdAt,
          readAt,
          clientOpId,
          JSON.stringify(rest),
        );
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

  /** One of this inmate's messages (incoming or sent), or null. */
  message(id: string, inmateId: string): MessageRow | null {
    const found = this.selectMessage.get(id, inmateId) as StoredMessage | undefined;
    return found ? toMessage(found) : null;
  }

  /** This inmate's sent messages as the server has them, newest first. */
  sentMessages(inmateId: string, limit: number): MessageRow[] {
    return (this.selectSent.all(inmateId, limit) as StoredMessage[]).flatMap((r) => {
      const row = toMessage(r);
      return row ? [row] : [];
    });
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
