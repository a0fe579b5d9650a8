import type { Database } from 'better-sqlite3';
import { ftsQuery, MessageSearchIndex } from './message-search';

export interface InboxPageQuery {
  readonly inmateId: string;
  readonly filter: string;
  readonly search: string;
  readonly offset: number;
  readonly limit: number;
}

export interface InboxPageRow {
  id: string;
  contact_id: string;
  kind: 'text' | 'ecard' | 'videogram';
  body: string;
  created_at: number;
  read_at: number | null;
  has_photos: number;
}

/**
 * The inbox's queries over the messages table (CacheStore writes it): a filtered, searched page,
 * the unread counts, and the read mark this device keeps.
 */
export class InboxStore {
  private readonly searchIndex: MessageSearchIndex;

  constructor(private readonly db: Database) {
    this.searchIndex = new MessageSearchIndex(db);
  }

  page({ inmateId, filter, search, offset, limit }: InboxPageQuery): { total: number; rows: InboxPageRow[] } {
    const where = ['m.inmate_id = @inmateId', "m.direction = 'in'"];
    if (filter === 'unread') where.push('m.read_at IS NULL');
    if (filter === 'photos') where.push('m.has_photos = 1');
    if (filter === 'videogram') where.push("m.kind = 'videogram'");
    const match = ftsQuery(search);
    // Messages of a pull still waiting for the search index are indexed now, so none is missed.
    if (match) this.searchIndex.catchUp();
    if (match) where.push('m.rowid IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH @match)');
    const params = { inmateId, match, limit, offset };
    const sqlWhere = where.join(' AND ');
    const total = (
      this.db.prepare(`SELECT count(*) AS n FROM messages m WHERE ${sqlWhere}`).get(params) as { n: number }
    ).n;
    const rows = this.db
      .prepare(
        `SELECT m.id, m.contact_id, m.kind, m.body, m.created_at, m.read_at, m.has_photos FROM messages m WHERE ${sqlWhere} ORDER BY m.created_at DESC, m.id DESC LIMIT @limit OFFSET @offset`,
      )
      .all(params) as InboxPageRow[];
    return { total, rows };
  }

  unreadCounts(inmateId: string): { unread: number; videos: number | null } {
    return this.db
      .prepare(
        "SELECT count(*) AS unread, sum(kind = 'videogram') AS videos FROM messages WHERE inmate_id = ? AND direction = 'in' AND read_at IS NULL",
      )
      .get(inmateId) as { unread: number; videos: number | null };
  }

  readAt(messageId: string): number | null {
    return (this.db.prepare('SELECT read_at FROM messages WHERE id = ?').get(messageId) as { read_at: number | null })
      .read_at;
  }

  /** Marks an unread message read; true when this call did it (call inside the caller's transaction). */
  markRead(messageId: string, at: number): boolean {
    return (
      this.db.prepare('UPDATE messages SET read_at = ? WHERE id = ? AND read_at IS NULL').run(at, messageId).changes ===
      1
    );
  }
}
