/**
 * The device cache with 100,000 messages, side by side with its baselines:
 *  - applying a 100k-row pull (schema-checked pages of 500, each page and its
 *    cursor in one transaction, into the encrypted cache) next to a raw
 *    better-sqlite3 bulk insert of the same rows in one transaction (goal
 *    ≥ 0.5); then the search index catching up (FTS5, in bulk, see
 *    electron/core/cache/message-search.ts) and the whole "until searchable"
 *    next to the same raw insert;
 *  - the same apply into the schema before device migration 5 (an FTS5
 *    trigger per inserted row): what indexing in bulk saves;
 *  - the same rows inserted raw into the cache's own schema and indexed in
 *    one go: the engine's own overhead;
 *  - the same apply into an unencrypted database (the cost of the cipher);
 *  - FTS5 search p95 next to a LIKE scan of the same table;
 *  - the first inbox page (count + 50 newest) with 100k messages.
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { CacheStore } from '../../electron/core/cache/cache-store';
import { MessageSearchIndex } from '../../electron/core/cache/message-search';
import { migrations } from '../../electron/core/db/migrations';
import { openDatabase } from '../../electron/core/db/open';
import { SettingsStore } from '../../electron/core/db/settings';
import { applyPullPage } from '../../electron/core/sync/pull-page';
import { ftsQuery } from '../../electron/core/cache/message-search';
import { PullResponse, type Change } from '../../shared/sync/protocol';

const ROWS = 100_000;
const PAGE = Number(process.env.PAGE ?? 500);
const words = [
  'home',
  'love',
  'kids',
  'school',
  'garden',
  'birthday',
  'visit',
  'money',
  'church',
  'soccer',
  'grandma',
  'summer',
];

function makeChanges(): Change[] {
  const inmateId = uuidv7();
  const contactId = uuidv7();
  const now = Date.now();
  return Array.from({ length: ROWS }, (_, i) => ({
    seq: i + 1,
    table: 'messages' as const,
    op: 'upsert' as const,
    row: {
      id: uuidv7(),
      inmateId,
      contactId,
      direction: 'in' as const,
      kind: 'text' as const,
      body: `Letter ${i}: we talked about ${words[i % words.length]} and ${words[(i * 7) % words.length]} today, all is well at home.`,
      photos: [],
      ecard: null,
      videogram: null,
      status: 'approved' as const,
      rejectionReason: null,
      clientOpId: null,
      stampCents: 0,
      createdAt: now - i * 60_000,
      deliverAt: now - i * 60_000,
      readAt: null,
      updatedAt: now,
    },
  }));
}

/** What the sync engine does per page: parse the page, then apply it and its cursor in one transaction (its own code). */
function applyPull(db: Database.Database, changes: Change[]): number {
  const cache = new CacheStore(db);
  const settings = new SettingsStore(db);
  const started = performance.now();
  for (let i = 0; i < changes.length; i += PAGE) {
    const page = PullResponse.parse({
      changes: changes.slice(i, i + PAGE),
      cursor: i + PAGE,
      hasMore: i + PAGE < changes.length,
      serverTime: Date.now(),
    });
    applyPullPage({ db, cache, settings }, page);
  }
  return performance.now() - started;
}

/** The baseline: plain better-sqlite3, one table, every row in one transaction. */
function openRaw(file: string): Database.Database {
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.exec('CREATE TABLE messages (id TEXT PRIMARY KEY, inmate_id TEXT, body TEXT, created_at INTEGER, row TEXT)');
  return raw;
}

function rawInsert(raw: Database.Database, changes: Change[]): number {
  const insert = raw.prepare('INSERT INTO messages VALUES (?, ?, ?, ?, ?)');
  const started = performance.now();
  raw.transaction(() => {
    for (const c of changes)
      if (c.op === 'upsert' && c.table === 'messages')
        insert.run(c.row.id, c.row.inmateId, c.row.body, c.row.createdAt, JSON.stringify(c.row));
  })();
  return performance.now() - started;
}

const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)] ?? 0;

export function run(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-cache-'));
  try {
    const changes = makeChanges();
    // Both paths once on a small pull first, so neither is timed while V8 is still compiling it.
    const warm = changes.slice(0, 10_000);
    const warmCache = openDatabase({ file: join(dir, 'warm.db'), key: randomBytes(32) });
    applyPull(warmCache, warm);
    new MessageSearchIndex(warmCache).catchUp();
    warmCache.close();
    const warmRaw = openRaw(join(dir, 'warm-raw.db'));
    rawInsert(warmRaw, warm);
    warmRaw.close();

    const encrypted = openDatabase({ file: join(dir, 'enc.db'), key: randomBytes(32) });
    const encryptedMs = applyPull(encrypted, changes);
    const indexStarted = performance.now();
    const indexed = new MessageSearchIndex(encrypted).catchUp();
    const indexMs = performance.now() - indexStarted;
    if (indexed !== ROWS) throw new Error(`the search index caught up ${indexed} rows, not ${ROWS}`);
    const plain = openDatabase({ file: join(dir, 'plain.db'), key: null });
    const plainMs = applyPull(plain, changes);
    const perRow = openDatabase({
      file: join(dir, 'per-row.db'),
      key: randomBytes(32),
      schema: migrations.filter((step) => step.version <= 4),
    });
    const perRowMs = applyPull(perRow, changes);
    perRow.close();

    const raw = openRaw(join(dir, 'raw.db'));
    const rawMs = rawInsert(raw, changes);

    // The same rows straight into the cache's own schema (encrypted, indexes), one transaction, then
    // indexed for search in one go, with no parsing, paging or cursor: what SQLite itself needs for
    // this schema, so the ratio against it is the sync engine's own overhead.
    const schema = openDatabase({ file: join(dir, 'schema.db'), key: randomBytes(32) });
    const schemaInsert = schema.prepare(
      'INSERT INTO messages (id, inmate_id, contact_id, direction, kind, status, has_photos, body, created_at, read_at, client_op_id, row) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, NULL, NULL, ?)',
    );
    const schemaStarted = performance.now();
    schema.transaction(() => {
      for (const c of changes)
        if (c.op === 'upsert' && c.table === 'messages')
          schemaInsert.run(
            c.row.id,
            c.row.inmateId,
            c.row.contactId,
            'in',
            'text',
            'approved',
            c.row.body,
            c.row.createdAt,
            '{}',
          );
    })();
    new MessageSearchIndex(schema).indexSome(ROWS);
    const schemaMs = performance.now() - schemaStarted;
    schema.close();

    // Search: the inbox's FTS5 query next to a LIKE scan, 40 searches each.
    const inmateId = (changes[0] as Extract<Change, { op: 'upsert'; table: 'messages' }>).row.inmateId;
    const fts = encrypted.prepare(
      "SELECT count(*) AS n FROM messages m WHERE m.inmate_id = ? AND m.direction = 'in' AND m.rowid IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?)",
    );
    const like = encrypted.prepare(
      "SELECT count(*) AS n FROM messages m WHERE m.inmate_id = ? AND m.direction = 'in' AND m.body LIKE ?",
    );
    const ftsTimes: number[] = [];
    const likeTimes: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      const word = words[i % words.length] ?? 'home';
      let t = performance.now();
      fts.get(inmateId, ftsQuery(word));
      ftsTimes.push(performance.now() - t);
      t = performance.now();
      like.get(inmateId, `%${word}%`);
      likeTimes.push(performance.now() - t);
    }

    // The first inbox page: what inbox.list runs (count + 50 newest).
    const pageTimes: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const t = performance.now();
      encrypted
        .prepare("SELECT count(*) AS n FROM messages m WHERE m.inmate_id = ? AND m.direction = 'in'")
        .get(inmateId);
      encrypted
        .prepare(
          "SELECT m.id, m.contact_id, m.kind, m.body, m.created_at, m.read_at, m.has_photos FROM messages m WHERE m.inmate_id = ? AND m.direction = 'in' ORDER BY m.created_at DESC, m.id DESC LIMIT 50 OFFSET 0",
        )
        .all(inmateId);
      pageTimes.push(performance.now() - t);
    }
    encrypted.close();
    plain.close();
    raw.close();

    const rate = (ms: number) => Math.round(ROWS / (ms / 1000));
    return Promise.resolve({
      'apply 100k-row pull, encrypted cache (rows/s)': rate(encryptedMs),
      'raw better-sqlite3 bulk insert, one transaction (rows/s)': rate(rawMs),
      'apply / raw ratio (goal ≥ 0.5)': +(rawMs / encryptedMs).toFixed(2),
      'search index catch-up after the pull, 100k messages (ms)': Math.round(indexMs),
      'apply + index, until searchable (rows/s)': rate(encryptedMs + indexMs),
      'apply + index / raw ratio': +(rawMs / (encryptedMs + indexMs)).toFixed(2),
      'apply into schema 4, an FTS5 trigger per row (rows/s)': rate(perRowMs),
      'schema 4 / (apply + index) time ratio (what bulk indexing saves)': +(perRowMs / (encryptedMs + indexMs)).toFixed(
        2,
      ),
      'raw insert into the cache schema + one bulk index, one transaction (rows/s)': rate(schemaMs),
      'apply + index / raw-into-same-schema ratio (the engine’s own overhead)': +(
        schemaMs /
        (encryptedMs + indexMs)
      ).toFixed(2),
      'apply 100k-row pull, unencrypted (rows/s)': rate(plainMs),
      'encrypted / unencrypted time ratio': +(encryptedMs / plainMs).toFixed(2),
      'FTS5 search p95 over 100k (ms)': +p95(ftsTimes).toFixed(2),
      'LIKE scan p95 over 100k (ms)': +p95(likeTimes).toFixed(2),
      'LIKE / FTS5 p95 ratio': +(p95(likeTimes) / p95(ftsTimes)).toFixed(1),
      'first inbox page with 100k messages, p95 (ms)': +p95(pageTimes).toFixed(2),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
