import type { Database, Statement } from 'better-sqlite3';
import { refetchableWrite } from '../db/durability';
import type { Logger } from '../log';

/** FTS5 query from what was typed: each word a quoted prefix, so punctuation can never be query syntax. */
export function ftsQuery(search: string): string | null {
  const words = search
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, 8);
  return words.length === 0 ? null : words.map((word) => `"${word.replace(/"/g, '')}"*`).join(' ');
}

/** Rows indexed per transaction when catching up: large enough to be one cheap FTS5 flush, small enough not to stall the API. */
const SEARCH_INDEX_CHUNK = 5_000;

/**
 * The full-text index of message text (FTS5 `messages_fts`), filled in bulk
 * instead of by a trigger on every insert.
 *
 * Why: FTS5 flushes its pending terms at every statement boundary inside a
 * transaction, so one insert statement per message (a trigger, or a
 * statement per row) writes a tiny index segment per message and then merges
 * them: that was two thirds of the time of applying a pull. One
 * `INSERT … SELECT` over many rows is a single flush.
 *
 * How: `messages_fts_state.indexed_through` is a rowid mark. Every message at
 * or below it is in the index, none above it is (the triggers of device
 * migration 5 keep this true through updates and deletes, including SQLite
 * reusing the highest rowid after a delete). A pull only writes messages;
 * `catchUp` indexes what is above the mark, in chunks, each chunk and the
 * new mark in one transaction, so a crash leaves the index consistent.
 * Search calls `catchUp` first, so it never misses a message it could show.
 */
export class MessageSearchIndex {
  private readonly mark: Statement<[], number>;
  private readonly chunkEnd: Statement<[number, number], number | null>;
  private readonly indexRange: Statement<[number, number]>;
  private readonly setMark: Statement<[number]>;
  private readonly countBacklog: Statement<[], number>;

  constructor(private readonly db: Database) {
    this.mark = db.prepare<[], number>('SELECT indexed_through FROM messages_fts_state').pluck();
    this.chunkEnd = db
      .prepare<[number, number], number | null>(
        'SELECT max(rowid) FROM (SELECT rowid FROM messages WHERE rowid > ? ORDER BY rowid LIMIT ?)',
      )
      .pluck();
    this.indexRange = db.prepare(
      'INSERT INTO messages_fts (rowid, body) SELECT rowid, body FROM messages WHERE rowid > ? AND rowid <= ? ORDER BY rowid',
    );
    this.setMark = db.prepare('UPDATE messages_fts_state SET indexed_through = ?');
    this.countBacklog = db
      .prepare<[], number>(
        'SELECT count(*) FROM messages WHERE rowid > (SELECT indexed_through FROM messages_fts_state)',
      )
      .pluck();
  }

  /** Messages stored but not yet searchable. */
  backlog(): number {
    return this.countBacklog.get() ?? 0;
  }

  /** Indexes up to `limit` messages above the mark in one transaction; returns how many. */
  indexSome(limit = SEARCH_INDEX_CHUNK): number {
    // The index can always be built again from the messages: no need to wait for the disk.
    return refetchableWrite(
      this.db,
      this.db.transaction(() => {
        const from = this.mark.get() ?? 0;
        const through = this.chunkEnd.get(from, limit);
        if (through === null || through === undefined) return 0;
        const indexed = this.indexRange.run(from, through).changes;
        this.setMark.run(through);
        return indexed;
      }),
    );
  }

  /** Indexes everything above the mark now (before a search). Returns how many. */
  catchUp(): number {
    let total = 0;
    for (let n = this.indexSome(); n > 0; n = this.indexSome()) total += n;
    return total;
  }

  /**
   * Indexes everything above the mark a chunk at a time, giving the event loop back between
   * chunks so kiosk calls are answered meanwhile. Resolves with how many were indexed.
   */
  async catchUpInBackground(limit = SEARCH_INDEX_CHUNK): Promise<number> {
    let total = 0;
    for (;;) {
      // Core may have closed the database (shutdown, wipe) while this waited for its turn.
      if (!this.db.open) return total;
      const n = this.indexSome(limit);
      if (n === 0) return total;
      total += n;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}

/**
 * Starts a background catch-up unless one is running (after each sync): the messages it brought
 * become searchable a chunk at a time. Failures are logged; a search indexes what it needs anyway.
 */
export function backgroundIndexer(searchIndex: MessageSearchIndex, log: Logger): () => void {
  let indexing = false;
  return () => {
    if (indexing) return;
    indexing = true;
    searchIndex
      .catchUpInBackground()
      .then((indexed) => {
        // Only a large catch-up (a first sync, a backlog left by a crash) is worth a line in the log.
        if (indexed >= SEARCH_INDEX_CHUNK) log.info('messages indexed for search', { indexed });
      })
      .catch((error: unknown) => {
        log.warn('search indexing failed; searches index what they need', {
          error: error instanceof Error ? error.message : String(error),
        });
      })
      .finally(() => {
        indexing = false;
      });
  };
}
