import type { Migration } from './migration';

/** Device schema step 5. Shipped: never edit it (its SQL is written out here, not taken from live code); add a step. */
export const bulkSearchIndex: Migration = {
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
};
