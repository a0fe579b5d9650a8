import type { Migration } from './migration';

/** Device schema step 1. Shipped: never edit it (its SQL is written out here, not taken from live code); add a step. */
export const settings: Migration = {
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
};
