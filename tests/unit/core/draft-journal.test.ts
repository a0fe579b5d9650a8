import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrations';
import { SealedBox } from '../../../electron/core/db/sealed-box';
import {
  DraftJournal,
  draftsInDatabase,
  restoreDrafts,
  type DraftRecord,
} from '../../../electron/core/inmate/draft-journal';
import type { Logger } from '../../../electron/core/log';
import { wipeDevice } from '../../../electron/core/technician/wipe';

function recordingLog() {
  const lines: { level: string; message: string; detail?: Record<string, unknown> }[] = [];
  const log: Logger = {
    info: (message, detail) => lines.push({ level: 'info', message, ...(detail ? { detail } : {}) }),
    warn: (message, detail) => lines.push({ level: 'warn', message, ...(detail ? { detail } : {}) }),
    error: (message, detail) => lines.push({ level: 'error', message, ...(detail ? { detail } : {}) }),
  };
  return { log, lines };
}

/** A migrated device database, and a journal next to it that mirrors its drafts table like core wires it. */
function setup(options: { key?: Buffer; dir?: string; compactEvery?: number } = {}) {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'kiosk-drafts-'));
  const key = options.key ?? randomBytes(32);
  const db = new Database(':memory:');
  migrate(db);
  const { log, lines } = recordingLog();
  const file = join(dir, 'drafts.journal');
  const journal = new DraftJournal(
    file,
    new SealedBox(key, 'drafts journal'),
    log,
    () => draftsInDatabase(db),
    options.compactEvery,
  );
  /** What the handlers do: the database first, then the journal. */
  const save = (draft: DraftRecord) => {
    db.prepare(
      'INSERT INTO drafts (id, inmate_id, reply_to, contact_id, body, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at',
    ).run(draft.id, draft.inmateId, draft.replyTo, draft.contactId, draft.body, draft.updatedAt);
    journal.saved(draft);
  };
  const remove = (id: string) => {
    db.prepare('DELETE FROM drafts WHERE id = ?').run(id);
    journal.deleted([id]);
  };
  const lineCount = () => readFileSync(file, 'utf8').split('\n').filter(Boolean).length;
  return { dir, key, db, journal, file, lines, save, remove, lineCount };
}

const draft = (id: string, body: string, updatedAt: number, to: Partial<DraftRecord> = {}): DraftRecord => ({
  id,
  inmateId: 'inmate-1',
  replyTo: null,
  contactId: 'contact-1',
  body,
  updatedAt,
  ...to,
});

describe('DraftJournal', () => {
  it('replays saves and deletes: the last save of a draft wins and a deleted draft stays gone', () => {
    const t = setup();
    expect(t.journal.read()).toEqual([]); // no file yet
    t.save(draft('a', 'Dear Ana', 1));
    t.save(draft('b', 'Half a reply', 2, { replyTo: 'message-1', contactId: null }));
    t.save(draft('c', 'Thrown away', 3, { inmateId: 'inmate-2' }));
    t.save(draft('a', 'Dear Ana, the whole letter', 4));
    t.remove('c');
    t.journal.deleted([]); // a delete that matched nothing writes nothing
    expect(t.lineCount()).toBe(5);
    expect(t.journal.read()).toEqual([
      draft('b', 'Half a reply', 2, { replyTo: 'message-1', contactId: null }),
      draft('a', 'Dear Ana, the whole letter', 4),
    ]);
    expect(t.lines).toEqual([]);
  });

  it('is sealed: no draft text in the file, and another key reads nothing (dropped with a log, no throw)', () => {
    const t = setup();
    t.save(draft('a', 'Meet me at visiting hour', 1));
    expect(readFileSync(t.file, 'utf8')).not.toContain('visiting hour');
    const other = setup({ dir: t.dir });
    expect(other.journal.read()).toEqual([]);
    expect(other.lines).toEqual([
      { level: 'warn', message: 'draft journal lines dropped (torn or unreadable)', detail: { dropped: 1 } },
    ]);
    // A box for another purpose under the same key cannot read it either.
    const wrongPurpose = new DraftJournal(t.file, new SealedBox(t.key, 'outbox journal'), recordingLog().log, () => []);
    expect(wrongPurpose.read()).toEqual([]);
  });

  it('drops torn, foreign and malformed lines with a log and keeps every good one', () => {
    const t = setup();
    t.save(draft('a', 'first', 1));
    const box = new SealedBox(t.key, 'drafts journal');
    // Sealed with the right key but not a journal entry: valid JSON of the wrong shape, and not JSON at all.
    appendFileSync(t.file, `${box.seal(JSON.stringify({ kind: 'saved', draft: { id: 'x', body: 7 } }))}\n`);
    appendFileSync(t.file, `${box.seal('{not json')}\n`);
    appendFileSync(t.file, 'garbage that is not base64 at all\n');
    t.save(draft('b', 'second', 2));
    // Written by a later version (a rollback): the field it added is dropped, the draft kept.
    const later = { kind: 'saved', draft: { ...draft('d', 'from a later version', 4), mood: 'hopeful' } };
    appendFileSync(t.file, `${box.seal(JSON.stringify(later))}\n`);
    // A power cut in the middle of the last append.
    const torn = box.seal(JSON.stringify({ kind: 'saved', draft: draft('c', 'third', 3) }));
    appendFileSync(t.file, torn.slice(0, torn.length - 10));
    expect(t.journal.read()).toEqual([
      draft('a', 'first', 1),
      draft('b', 'second', 2),
      draft('d', 'from a later version', 4),
    ]);
    expect(t.lines).toEqual([
      { level: 'warn', message: 'draft journal lines dropped (torn or unreadable)', detail: { dropped: 4 } },
    ]);
  });

  it('compacts to the database drafts every `compactEvery` lines, atomically', () => {
    const t = setup({ compactEvery: 4 });
    t.save(draft('a', 'one', 1));
    t.save(draft('a', 'two', 2));
    t.save(draft('b', 'other', 3));
    t.remove('b');
    expect(t.lineCount()).toBe(4);
    t.save(draft('a', 'three', 4)); // the fifth line: the file is rewritten from the database instead
    expect(t.lineCount()).toBe(1);
    expect(t.journal.read()).toEqual([draft('a', 'three', 4)]);
    expect(readdirSync(t.dir)).toEqual(['drafts.journal']); // no temp file left behind
    t.save(draft('c', 'new', 5));
    expect(t.lineCount()).toBe(2);
  });

  it('compact() cleans a torn tail, so the next append is not glued onto it', () => {
    const t = setup();
    t.save(draft('a', 'kept', 1));
    appendFileSync(t.file, 'half a line with no newline');
    expect(t.journal.compact()).toBe(true);
    t.save(draft('b', 'after the crash', 2));
    expect(t.journal.read()).toEqual([draft('a', 'kept', 1), draft('b', 'after the crash', 2)]);
    expect(t.lines).toEqual([]);
  });

  it('a failed write is logged, not thrown, and the next change rewrites the file from the database', () => {
    const parent = mkdtempSync(join(tmpdir(), 'kiosk-drafts-'));
    const t = setup({ dir: join(parent, 'not-yet') }); // the folder is missing: every write fails
    expect(() => t.save(draft('a', 'typed while the disk failed', 1))).not.toThrow();
    expect(t.lines.map((l) => l.message)).toEqual([
      'draft journal write failed; it is rewritten at the next draft change',
    ]);
    mkdirSync(t.dir);
    t.save(draft('b', 'typed after', 2));
    // Appending only `b` would have lost `a` for good; the rewrite has both.
    expect(t.journal.read()).toEqual([draft('a', 'typed while the disk failed', 1), draft('b', 'typed after', 2)]);
    expect(t.lineCount()).toBe(2);
  });

  it('round-trips the drafts table into a rebuilt (empty) cache, leaving drafts already there alone', () => {
    const t = setup();
    t.save(draft('a', 'Dear Ana', 1));
    t.save(draft('b', 'Half a reply', 2, { replyTo: 'message-1', contactId: null }));
    const rebuilt = new Database(':memory:');
    migrate(rebuilt);
    rebuilt
      .prepare('INSERT INTO drafts (id, inmate_id, reply_to, contact_id, body, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run('b', 'inmate-1', 'message-1', null, 'newer, typed after the rebuild', 9);
    restoreDrafts(rebuilt, t.journal.read());
    expect(draftsInDatabase(rebuilt)).toEqual([
      draft('a', 'Dear Ana', 1),
      draft('b', 'newer, typed after the rebuild', 9, { replyTo: 'message-1', contactId: null }),
    ]);
  });

  it('picks up drafts that predate the journal at the first compaction (a device updated with drafts)', () => {
    const t = setup();
    t.db
      .prepare('INSERT INTO drafts (id, inmate_id, reply_to, contact_id, body, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run('old', 'inmate-1', 'message-1', null, 'from before the update', 1);
    expect(existsSync(t.file)).toBe(false);
    expect(t.journal.compact()).toBe(true);
    expect(t.journal.read()).toEqual([
      draft('old', 'from before the update', 1, { replyTo: 'message-1', contactId: null }),
    ]);
  });

  it('goes with a technician wipe like everything else in the data folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'kiosk-drafts-wipe-'));
    const dataDir = join(root, 'device');
    mkdirSync(dataDir);
    const keyFile = join(root, 'database.key');
    writeFileSync(keyFile, 'sealed key');
    const t = setup({ dir: dataDir });
    t.save(draft('a', 'Dear Ana', 1));
    expect(existsSync(t.file)).toBe(true);
    wipeDevice({ keyFile, dataDir });
    expect(existsSync(t.file)).toBe(false);
    expect(existsSync(dataDir)).toBe(false);
  });
});
