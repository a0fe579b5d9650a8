import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ftsQuery, MessageSearchIndex } from '../../../electron/core/cache/message-search';
import { migrate, migrations } from '../../../electron/core/db/migrations';
import { propertyOptions } from '../../support/test-seed';

/** The cache schema in memory (SQLite's own; the cipher plays no part in what is indexed). */
function openSchema(upTo = migrations.length) {
  const db = new Database(':memory:');
  migrate(
    db,
    migrations.filter((m) => m.version <= upTo),
  );
  return db;
}

let next = 0;
function insert(db: Database.Database, body: string): string {
  const id = `m${(next += 1)}`;
  db.prepare(
    `INSERT INTO messages (id, inmate_id, contact_id, direction, kind, status, has_photos, body, created_at, read_at, client_op_id, row)
     VALUES (?, 'i1', 'c1', 'in', 'text', 'approved', 0, ?, ?, NULL, NULL, '{}')`,
  ).run(id, body, next);
  return id;
}

/** Ids of the messages the index finds for a search, sorted. */
function search(db: Database.Database, words: string): string[] {
  return (
    db
      .prepare(
        'SELECT id FROM messages WHERE rowid IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?) ORDER BY id',
      )
      .pluck()
      .all(ftsQuery(words)) as string[]
  ).sort();
}

/** FTS5's own check, including that the index matches the messages table it points at. */
function expectIndexSound(db: Database.Database) {
  expect(() => db.exec("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
}

describe('message search index', () => {
  it('finds nothing of a pull until it catches up, then everything, in chunks', () => {
    const db = openSchema();
    const index = new MessageSearchIndex(db);
    const ids = Array.from({ length: 12 }, (_, i) => insert(db, i % 3 === 0 ? 'garden party' : 'school news'));
    expect(index.backlog()).toBe(12);
    expect(search(db, 'garden')).toEqual([]);

    expect(index.indexSome(5)).toBe(5);
    expect(index.backlog()).toBe(7);
    expect(index.catchUp()).toBe(7);
    expect(index.backlog()).toBe(0);
    expect(index.catchUp()).toBe(0);
    expect(search(db, 'garden')).toEqual(ids.filter((_, i) => i % 3 === 0).sort());
    expect(search(db, 'GARD')).toHaveLength(4);
    expectIndexSound(db);
  });

  it('re-indexes an indexed message whose text changed, and leaves an unchanged one alone', () => {
    const db = openSchema();
    const index = new MessageSearchIndex(db);
    const id = insert(db, 'see you at church');
    index.catchUp();
    db.prepare('UPDATE messages SET body = ? WHERE id = ?').run('see you at soccer', id);
    db.prepare('UPDATE messages SET body = body, status = ? WHERE id = ?').run('delivered', id);
    expect(search(db, 'church')).toEqual([]);
    expect(search(db, 'soccer')).toEqual([id]);
    expectIndexSound(db);
  });

  it('indexes the newest text of a message changed before it was indexed', () => {
    const db = openSchema();
    const index = new MessageSearchIndex(db);
    const id = insert(db, 'birthday cake');
    db.prepare('UPDATE messages SET body = ? WHERE id = ?').run('birthday card', id);
    index.catchUp();
    expect(search(db, 'cake')).toEqual([]);
    expect(search(db, 'card')).toEqual([id]);
    expectIndexSound(db);
  });

  it('forgets deleted messages, indexed or not', () => {
    const db = openSchema();
    const index = new MessageSearchIndex(db);
    const indexed = insert(db, 'grandma says hello');
    index.catchUp();
    const pending = insert(db, 'grandma again');
    db.prepare('DELETE FROM messages WHERE id IN (?, ?)').run(indexed, pending);
    index.catchUp();
    expect(search(db, 'grandma')).toEqual([]);
    expectIndexSound(db);
  });

  it('indexes a new message that reuses the rowid of a deleted one', () => {
    const db = openSchema();
    const index = new MessageSearchIndex(db);
    insert(db, 'first letter');
    const last = insert(db, 'second letter');
    index.catchUp();
    const rowidOf = (id: string) => db.prepare('SELECT rowid FROM messages WHERE id = ?').pluck().get(id) as number;
    const freed = rowidOf(last);
    // SQLite hands out max(rowid) + 1, so the deleted highest rowid comes back.
    db.prepare('DELETE FROM messages WHERE id = ?').run(last);
    const reborn = insert(db, 'summer letter');
    expect(rowidOf(reborn)).toBe(freed);
    index.catchUp();
    expect(search(db, 'summer')).toEqual([reborn]);
    expectIndexSound(db);
  });

  it('indexes a new message in an emptied table whose last rows were indexed and not', () => {
    // Found by the property below: the mark must come down with any delete, not only an indexed one.
    const db = openSchema();
    const index = new MessageSearchIndex(db);
    const indexed = insert(db, 'home');
    index.catchUp();
    const pending = insert(db, 'home');
    db.prepare('DELETE FROM messages WHERE id = ?').run(indexed);
    db.prepare('DELETE FROM messages WHERE id = ?').run(pending);
    const fresh = insert(db, 'home');
    index.catchUp();
    expect(search(db, 'home')).toEqual([fresh]);
    expectIndexSound(db);
  });

  it('keeps the index sound and exact through any mix of writes and catch-ups', () => {
    const words = ['home', 'love', 'kids', 'visit', 'money'];
    type Op =
      | { kind: 'insert'; word: number }
      | { kind: 'edit'; pick: number; word: number }
      | { kind: 'delete'; pick: number }
      | { kind: 'index'; limit: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), word: fc.nat(words.length - 1) }),
      fc.record({ kind: fc.constant('edit' as const), pick: fc.nat(), word: fc.nat(words.length - 1) }),
      fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('index' as const), limit: fc.integer({ min: 1, max: 4 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const db = openSchema();
        const index = new MessageSearchIndex(db);
        const live = new Map<string, string>();
        for (const step of ops) {
          const ids = [...live.keys()];
          if (step.kind === 'insert') {
            const body = `note ${words[step.word]}`;
            live.set(insert(db, body), body);
          } else if (step.kind === 'edit' && ids.length > 0) {
            const id = ids[step.pick % ids.length] as string;
            const body = `note ${words[step.word]}`;
            db.prepare('UPDATE messages SET body = ? WHERE id = ?').run(body, id);
            live.set(id, body);
          } else if (step.kind === 'delete' && ids.length > 0) {
            const id = ids[step.pick % ids.length] as string;
            db.prepare('DELETE FROM messages WHERE id = ?').run(id);
            live.delete(id);
          } else if (step.kind === 'index') index.indexSome(step.limit);
        }
        index.catchUp();
        expectIndexSound(db);
        for (const word of words) {
          const expected = [...live].filter(([, body]) => body.includes(word)).map(([id]) => id);
          expect(search(db, word)).toEqual(expected.sort());
        }
        db.close();
      }),
      propertyOptions('search index property', Number(process.env.RUNS ?? 400)),
    );
  }, 120_000);

  it('in the background, gives the event loop back between chunks and stops when the database closes', async () => {
    const db = openSchema();
    const index = new MessageSearchIndex(db);
    for (let i = 0; i < 10; i += 1) insert(db, 'visit soon');
    const immediates: number[] = [];
    const spy = () => immediates.push(index.backlog());
    const watching = setImmediate(spy);
    const indexed = await index.catchUpInBackground(3);
    clearImmediate(watching);
    expect(indexed).toBe(10);
    // Another callback ran while chunks were left: the loop was not held for the whole catch-up.
    expect(immediates.length === 1 && (immediates[0] ?? 0) > 0).toBe(true);

    for (let i = 0; i < 10; i += 1) insert(db, 'visit again');
    const running = index.catchUpInBackground(3);
    db.close();
    await expect(running).resolves.toBe(3);
  });

  it('migration 5 marks the messages of an older device as indexed and keeps finding them', () => {
    const db = openSchema(4);
    const old = insert(db, 'kids at school');
    migrate(db);
    const index = new MessageSearchIndex(db);
    expect(index.backlog()).toBe(0);
    expect(search(db, 'school')).toEqual([old]);
    const fresh = insert(db, 'school play');
    index.catchUp();
    expect(search(db, 'school')).toEqual([old, fresh].sort());
    expectIndexSound(db);
  });
});
