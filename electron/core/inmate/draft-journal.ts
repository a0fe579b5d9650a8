import type { Database } from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { SealedBox } from '../db/sealed-box';
import type { Logger } from '../log';

/**
 * One row of the `drafts` table, as it is kept outside the database. Not strict: a field a later version
 * adds is dropped, not the draft, if the device rolls back to this one.
 */
export const DraftRecord = z.object({
  id: z.string().min(1),
  inmateId: z.string().min(1),
  replyTo: z.string().nullable(),
  contactId: z.string().nullable(),
  body: z.string(),
  updatedAt: z.number().int(),
});
export type DraftRecord = z.infer<typeof DraftRecord>;

const Entry = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('saved'), draft: DraftRecord }),
  z.object({ kind: z.literal('deleted'), id: z.string().min(1) }),
]);
type Entry = z.infer<typeof Entry>;

/** What the handlers tell the journal; it never throws at them (see `DraftJournal`). */
export interface DraftJournalWriter {
  saved(draft: DraftRecord): void;
  deleted(ids: readonly string[]): void;
}

/** Every draft in the database, for a compaction. */
export function draftsInDatabase(db: Database): DraftRecord[] {
  const rows = db
    .prepare('SELECT id, inmate_id, reply_to, contact_id, body, updated_at FROM drafts ORDER BY updated_at, id')
    .all() as {
    id: string;
    inmate_id: string;
    reply_to: string | null;
    contact_id: string | null;
    body: string;
    updated_at: number;
  }[];
  return rows.map((r) => ({
    id: r.id,
    inmateId: r.inmate_id,
    replyTo: r.reply_to,
    contactId: r.contact_id,
    body: r.body,
    updatedAt: r.updated_at,
  }));
}

/** Puts journaled drafts back into a rebuilt cache; a draft already there (same id) is left as it is. */
export function restoreDrafts(db: Database, drafts: readonly DraftRecord[]): void {
  const insert = db.prepare(
    'INSERT INTO drafts (id, inmate_id, reply_to, contact_id, body, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
  );
  db.transaction(() => {
    for (const d of drafts) insert.run(d.id, d.inmateId, d.replyTo, d.contactId, d.body, d.updatedAt);
  })();
}

/**
 * A copy of the drafts table outside the database, so what an inmate typed
 * but did not send survives a corrupt-cache rebuild (like the outbox
 * journal does for what was sent). Each save or delete appends one sealed,
 * fsynced line: a draft save costs one small write, not a rewrite of every
 * inmate's drafts. Every `compactEvery` lines, and at each core start, the
 * file is rewritten from the database (temp file, fsync, rename).
 *
 * The database stays the primary copy and is written first, so a failed
 * journal write is logged, not thrown at the inmate, and the next write
 * rewrites the file from the database instead of appending to a gap.
 */
export class DraftJournal implements DraftJournalWriter {
  private appended = 0;
  private stale = false;

  constructor(
    private readonly file: string,
    private readonly box: SealedBox,
    private readonly log: Logger,
    /** The drafts as the database has them now. */
    private readonly current: () => readonly DraftRecord[],
    private readonly compactEvery = 200,
  ) {}

  saved(draft: DraftRecord): void {
    this.write([{ kind: 'saved', draft }]);
  }

  deleted(ids: readonly string[]): void {
    if (ids.length > 0) this.write(ids.map((id) => ({ kind: 'deleted', id })));
  }

  /**
   * The drafts the journal holds, replayed in order (the last save of an id
   * wins, a delete removes it). A line torn by a power cut, sealed with
   * another key or not a journal entry is dropped and counted in the log.
   */
  read(): DraftRecord[] {
    if (!existsSync(this.file)) return [];
    const drafts = new Map<string, DraftRecord>();
    let dropped = 0;
    for (const line of readFileSync(this.file, 'utf8').split('\n')) {
      if (!line) continue;
      const entry = this.parse(line);
      if (!entry) dropped += 1;
      else if (entry.kind === 'saved') {
        // Re-inserted so the map's order follows the latest save, as a replay would.
        drafts.delete(entry.draft.id);
        drafts.set(entry.draft.id, entry.draft);
      } else drafts.delete(entry.id);
    }
    if (dropped > 0) this.log.warn('draft journal lines dropped (torn or unreadable)', { dropped });
    return [...drafts.values()];
  }

  /** Rewrites the file to exactly the database's drafts; false (logged) if that failed. */
  compact(): boolean {
    const temp = `${this.file}.tmp`;
    try {
      const lines = this.current().map((draft) => this.seal({ kind: 'saved', draft }));
      const fd = openSync(temp, 'w', 0o600);
      try {
        writeSync(fd, lines.join(''));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, this.file);
      syncDirectory(dirname(this.file));
      this.appended = 0;
      this.stale = false;
      return true;
    } catch (error) {
      this.stale = true;
      this.log.warn('draft journal could not be rewritten', { error: message(error) });
      return false;
    }
  }

  private write(entries: readonly Entry[]): void {
    // After a failed write the file may miss a change: rewrite it whole (the database already has this one).
    if (this.stale || this.appended + entries.length > this.compactEvery) {
      this.compact();
      return;
    }
    try {
      const fd = openSync(this.file, 'a', 0o600);
      try {
        writeSync(fd, entries.map((entry) => this.seal(entry)).join(''));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      this.appended += entries.length;
    } catch (error) {
      this.stale = true;
      this.log.warn('draft journal write failed; it is rewritten at the next draft change', { error: message(error) });
    }
  }

  private seal(entry: Entry): string {
    return `${this.box.seal(JSON.stringify(entry))}\n`;
  }

  private parse(line: string): Entry | null {
    const text = this.box.open(line);
    if (text === null) return null;
    try {
      const parsed = Entry.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }
}

/** So a rename survives a power cut; not every platform can fsync a directory (Windows), which is fine. */
function syncDirectory(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // best effort
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
