import type { Migration } from './migration';

/** Device schema step 4. Shipped: never edit it (its SQL is written out here, not taken from live code); add a step. */
export const contactDrafts: Migration = {
  version: 4,
  name: 'drafts of new messages (to a contact)',
  up(db) {
    // A draft answers a message (reply_to) or starts a new one to a contact (contact_id); never both.
    db.exec(`
      ALTER TABLE drafts ADD COLUMN contact_id TEXT;
      CREATE INDEX drafts_by_inmate ON drafts (inmate_id, updated_at);
    `);
  },
};
