import type { Migration } from './migration';

/** Device schema step 2. Shipped: never edit it (its SQL is written out here, not taken from live code); add a step. */
export const auditLog: Migration = {
  version: 2,
  name: 'technician audit log',
  up(db) {
    db.exec(`
      CREATE TABLE audit_log (
        id TEXT PRIMARY KEY,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        technician_id TEXT,
        action TEXT NOT NULL,
        detail TEXT NOT NULL,
        reported INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX audit_log_unreported ON audit_log (reported, at);
    `);
  },
};
