import type { Migration } from './migration';

/** Device schema step 3. Shipped: never edit it (its SQL is written out here, not taken from live code); add a step. */
export const syncedCache: Migration = {
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
};
