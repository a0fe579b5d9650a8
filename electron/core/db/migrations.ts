import type { Database } from 'better-sqlite3';
import { auditLogTableSql } from '../technician/audit-log';

export interface Migration {
  /** Strictly increasing from 1; stored in PRAGMA user_version once applied. */
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}

/**
 * The device cache's schema, one numbered step at a time. Never edit a step
 * that has shipped: add the next one.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'settings',
    up(db) {
      db.exec(`
        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 2,
    name: 'technician audit log',
    up(db) {
      db.exec(auditLogTableSql);
    },
  },
  {
    version: 3,
    name: 'synced cache, outbox, drafts, media, sign-in state',
    up(db) {
      db.exec(`
        -- Every synced row as the server sent it (JSON), keyed by table and id; inmate_id for scoping.
        CREATE TABLE sync_rows (
          table_name TEXT NOT NULL,
          id TEXT NOT NULL,
          inmate_id TEXT,
          row TEXT NOT NULL,
          PRIMARY KEY (table_name, id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX sync_rows_by_inmate ON sync_rows (table_name, inmate_id);

        -- Messages get columns of their own: the inbox pages, filters and searches 100k of them.
        CREATE TABLE messages (
          id TEXT PRIMARY KEY,
          inmate_id TEXT NOT NULL,
          contact_id TEXT NOT NULL,
          direction TEXT NOT NULL,
          kind TEXT NOT NULL,
          status TEXT NOT NULL,
          has_photos INTEGER NOT NULL,
          body TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          read_at INTEGER,
          client_op_id TEXT,
          row TEXT NOT NULL
        ) STRICT;
        CREATE INDEX messages_inbox ON messages (inmate_id, direction, created_at DESC);
        CREATE INDEX messages_client_op ON messages (client_op_id);
        CREATE VIRTUAL TABLE messages_fts USING fts5(body, content='messages', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
        CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
          INSERT INTO messages_fts (rowid, body) VALUES (new.rowid, new.body);
        END;
        CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
          INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', old.rowid, old.body);
        END;
        CREATE TRIGGER messages_fts_update AFTER UPDATE OF body ON messages BEGIN
          INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', old.rowid, old.body);
          INSERT INTO messages_fts (rowid, body) VALUES (new.rowid, new.body);
        END;

        -- What the inmate did offline, in order, until the server acknowledged it.
        CREATE TABLE outbox (
          id TEXT PRIMARY KEY,
          inmate_id TEXT NOT NULL,
          kind TEXT NOT NULL,
          op TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          status TEXT NOT NULL DEFAULT 'queued',
          attempts INTEGER NOT NULL DEFAULT 0,
          next_attempt_at INTEGER NOT NULL DEFAULT 0,
          result TEXT,
          display TEXT
        ) STRICT;
        CREATE INDEX outbox_queue ON outbox (status, created_at);

        CREATE TABLE drafts (
          id TEXT PRIMARY KEY,
          inmate_id TEXT NOT NULL,
          reply_to TEXT,
          body TEXT NOT NULL,
          updated_at INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE media (
          sha256 TEXT PRIMARY KEY,
          mime TEXT NOT NULL,
          bytes INTEGER NOT NULL,
          state TEXT NOT NULL,
          last_used_at INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE signin_state (
          inmate_id TEXT PRIMARY KEY,
          failures INTEGER NOT NULL DEFAULT 0,
          locked_until INTEGER NOT NULL DEFAULT 0,
          verified_here INTEGER NOT NULL DEFAULT 0
        ) STRICT;
      `);
    },
  },
  {
    version: 4,
    name: 'drafts of new messages (to a contact)',
    up(db) {
      // A draft answers a message (reply_to) or starts a new one to a contact (contact_id); never both.
      db.exec(`
        ALTER TABLE drafts ADD COLUMN contact_id TEXT;
        CREATE INDEX drafts_by_inmate ON drafts (inmate_id, updated_at);
      `);
    },
  },
  {
    version: 5,
    name: 'message search indexed in bulk behind a rowid mark',
    up(db) {
      // See cache/message-search.ts: a trigger per inserted message made FTS5 flush a segment per row.
      // Rows at or below indexed_through are in messages_fts, rows above it are not; the triggers keep
      // that true. Only rows already indexed are taken out of (or changed in) the index.
      db.exec(`
        DROP TRIGGER messages_fts_insert;
        DROP TRIGGER messages_fts_delete;
        DROP TRIGGER messages_fts_update;
        CREATE TABLE messages_fts_state (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          indexed_through INTEGER NOT NULL
        ) STRICT;
        INSERT INTO messages_fts_state (id, indexed_through) VALUES (1, (SELECT coalesce(max(rowid), 0) FROM messages));
        CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
          INSERT INTO messages_fts (messages_fts, rowid, body)
            SELECT 'delete', old.rowid, old.body WHERE old.rowid <= (SELECT indexed_through FROM messages_fts_state);
          -- SQLite gives the next row max(rowid) + 1: after any delete, keep the mark at or below the
          -- highest rowid left, or a new row could land at or below the mark and never be indexed.
          UPDATE messages_fts_state SET indexed_through = min(indexed_through, (SELECT coalesce(max(rowid), 0) FROM messages));
        END;
        CREATE TRIGGER messages_fts_update AFTER UPDATE OF body ON messages
        WHEN old.body IS NOT new.body AND old.rowid <= (SELECT indexed_through FROM messages_fts_state) BEGIN
          INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', old.rowid, old.body);
          INSERT INTO messages_fts (rowid, body) VALUES (new.rowid, new.body);
        END;
        -- Only messages this device sent carry a client op id: index those alone.
        DROP INDEX messages_client_op;
        CREATE INDEX messages_client_op ON messages (client_op_id) WHERE client_op_id IS NOT NULL;
      `);
    },
  },
  {
    version: 6,
    name: 'lockout counters (kiosk PIN, security question, technician gate)',
    up(db) {
      // See auth/lockout-store.ts: one row per counter, reserved atomically before a hash is verified.
      db.exec(`
        CREATE TABLE lockouts (
          key TEXT PRIMARY KEY,
          attempts INTEGER NOT NULL,
          window_start INTEGER NOT NULL,
          locked_until INTEGER NOT NULL
        ) STRICT;
      `);
    },
  },
];

/** Applies every pending migration, each in its own transaction with its version bump. */
export function migrate(db: Database, steps: readonly Migration[] = migrations): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  let applied = current;
  for (const step of steps) {
    if (step.version <= current) continue;
    if (step.version !== applied + 1) {
      throw new Error(`Migration ${step.version} (${step.name}) is out of order after ${applied}`);
    }
    db.transaction(() => {
      step.up(db);
      db.pragma(`user_version = ${step.version}`);
    })();
    applied = step.version;
  }
  return applied;
}
