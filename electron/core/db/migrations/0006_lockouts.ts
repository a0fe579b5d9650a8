import type { Migration } from './migration';

/** Device schema step 6. Shipped: never edit it; add a step. */
export const lockouts: Migration = {
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
};
