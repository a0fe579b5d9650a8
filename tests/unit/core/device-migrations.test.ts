import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, migrations } from '../../../electron/core/db/migrations';

/** A device database as a device that shipped with step `version` has it. */
function databaseAt(version: number): Database.Database {
  const db = new Database(':memory:');
  expect(
    migrate(
      db,
      migrations.filter((m) => m.version <= version),
    ),
  ).toBe(version);
  return db;
}

/** Upgrades to `version` (the next step), checks the version, and that running it again changes nothing. */
function upgradeTo(db: Database.Database, version: number): void {
  const upTo = migrations.filter((m) => m.version <= version);
  expect(migrate(db, upTo)).toBe(version);
  expect(db.pragma('user_version', { simple: true })).toBe(version);
  expect(migrate(db, upTo)).toBe(version);
}

const search = (db: Database.Database, word: string) =>
  db.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?').pluck().all(word);

/** A message as steps 3 and later store it. */
const insertMessage = (db: Database.Database, id: string, body: string, clientOpId: string | null = null) =>
  db
    .prepare(
      `INSERT INTO messages (id, inmate_id, contact_id, direction, kind, status, has_photos, body, created_at, read_at, client_op_id, row)
       VALUES (?, 'i1', 'c1', 'in', 'text', 'delivered', 0, ?, 1, NULL, ?, '{}')`,
    )
    .run(id, body, clientOpId);

describe('device migrations', () => {
  it('are numbered 1, 2, 3, … with no gap, one file per step', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_m, i) => i + 1));
    const dir = join(import.meta.dirname, '../../../electron/core/db/migrations');
    const steps = readdirSync(dir).filter((f) => /^\d{4}_.+\.ts$/.test(f));
    expect(steps.map((f) => Number(f.slice(0, 4)))).toEqual(migrations.map((m) => m.version));
  });

  it('steps are frozen: each file imports nothing but the Migration type', () => {
    const dir = join(import.meta.dirname, '../../../electron/core/db/migrations');
    for (const file of readdirSync(dir).filter((f) => /^\d{4}_.+\.ts$/.test(f))) {
      const imports = [...readFileSync(join(dir, file), 'utf8').matchAll(/^import .*$/gm)].map((m) => m[0]);
      expect(imports, file).toEqual(["import type { Migration } from './migration';"]);
    }
  });

  it('1 makes the settings table on an empty database', () => {
    const db = new Database(':memory:');
    upgradeTo(db, 1);
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('language', '"es"');
    expect(db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get('language')).toBe('"es"');
    db.close();
  });

  it('2 adds the audit log to a device at 1 and keeps its settings', () => {
    const db = databaseAt(1);
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('cursor', '42');
    upgradeTo(db, 2);
    expect(db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get('cursor')).toBe('42');
    db.prepare('INSERT INTO audit_log (id, at, kind, technician_id, action, detail) VALUES (?, ?, ?, ?, ?, ?)').run(
      'a1',
      5,
      'audit',
      't1',
      'sync.now',
      '{}',
    );
    expect(db.prepare('SELECT reported FROM audit_log WHERE id = ?').pluck().get('a1')).toBe(0);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'audit_log_unreported'").pluck().get()).toBe(
      'audit_log_unreported',
    );
    db.close();
  });

  it('3 adds the synced cache, outbox, drafts, media and sign-in state to a device at 2, keeping its audit log', () => {
    const db = databaseAt(2);
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('language', '"en"');
    db.prepare('INSERT INTO audit_log (id, at, kind, technician_id, action, detail) VALUES (?, ?, ?, ?, ?, ?)').run(
      'a1',
      5,
      'audit',
      null,
      'wipe',
      '{}',
    );
    upgradeTo(db, 3);
    expect(db.prepare('SELECT action FROM audit_log WHERE id = ?').pluck().get('a1')).toBe('wipe');
    expect(db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get('language')).toBe('"en"');
    db.prepare('INSERT INTO sync_rows (table_name, id, inmate_id, row) VALUES (?, ?, ?, ?)').run(
      'contacts',
      'c1',
      'i1',
      '{}',
    );
    insertMessage(db, 'm1', 'Hello from home');
    // At step 3 a trigger indexes every message as it is written.
    expect(search(db, 'home')).toHaveLength(1);
    db.prepare('INSERT INTO outbox (id, inmate_id, kind, op, created_at) VALUES (?, ?, ?, ?, ?)').run(
      'o1',
      'i1',
      'message.send',
      '{}',
      1,
    );
    expect(db.prepare('SELECT status FROM outbox WHERE id = ?').pluck().get('o1')).toBe('queued');
    db.prepare('INSERT INTO drafts (id, inmate_id, reply_to, body, updated_at) VALUES (?, ?, ?, ?, ?)').run(
      'd1',
      'i1',
      'm1',
      'Half',
      1,
    );
    db.prepare('INSERT INTO media (sha256, mime, bytes, state, last_used_at) VALUES (?, ?, ?, ?, ?)').run(
      'ab',
      'image/jpeg',
      3,
      'ready',
      1,
    );
    db.prepare('INSERT INTO signin_state (inmate_id) VALUES (?)').run('i1');
    expect(db.prepare('SELECT failures, locked_until FROM signin_state').get()).toEqual({
      failures: 0,
      locked_until: 0,
    });
    db.close();
  });

  it('4 keeps the reply drafts of a device at version 3 and lets a draft name a contact instead', () => {
    const db = databaseAt(3);
    // A device that shipped with version 3: a reply draft in it.
    db.prepare('INSERT INTO drafts (id, inmate_id, reply_to, body, updated_at) VALUES (?, ?, ?, ?, ?)').run(
      'd1',
      'i1',
      'm1',
      'Half a thought',
      1,
    );
    upgradeTo(db, 4);
    expect(db.prepare('SELECT reply_to, contact_id, body FROM drafts WHERE id = ?').get('d1')).toEqual({
      reply_to: 'm1',
      contact_id: null,
      body: 'Half a thought',
    });
    db.prepare(
      'INSERT INTO drafts (id, inmate_id, reply_to, contact_id, body, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run('d2', 'i1', null, 'c1', 'Dear Ana', 2);
    expect(db.prepare('SELECT contact_id FROM drafts WHERE id = ?').get('d2')).toEqual({ contact_id: 'c1' });
    db.close();
  });

  it('5 marks the messages of a device at 4 as indexed, keeps finding them, and stops indexing on insert', () => {
    const db = databaseAt(4);
    insertMessage(db, 'm1', 'Garden letter');
    insertMessage(db, 'm2', 'Sent from here', 'op-1');
    upgradeTo(db, 5);
    expect(db.prepare('SELECT indexed_through FROM messages_fts_state').pluck().get()).toBe(2);
    expect(search(db, 'garden')).toHaveLength(1);
    // New messages wait for the bulk indexer (cache/message-search.ts) instead of a trigger.
    insertMessage(db, 'm3', 'Garden again');
    expect(search(db, 'garden')).toHaveLength(1);
    // An indexed message deleted leaves the index with it.
    db.prepare('DELETE FROM messages WHERE id = ?').run('m1');
    expect(search(db, 'garden')).toHaveLength(0);
    expect(
      db.prepare("SELECT sql FROM sqlite_master WHERE name = 'messages_client_op'").pluck().get() as string,
    ).toContain('WHERE client_op_id IS NOT NULL');
    db.close();
  });
});
