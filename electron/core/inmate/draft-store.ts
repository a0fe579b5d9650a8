import type { Database, Statement } from 'better-sqlite3';

export interface StoredDraft {
  id: string;
  reply_to: string | null;
  contact_id: string | null;
  body: string;
  updated_at: number;
}

/**
 * The drafts table: what an inmate typed and has not sent, a reply (reply_to) or a new message to
 * a contact (contact_id). Only the database: the handlers tell the DraftJournal after each commit.
 */
export class DraftStore {
  private readonly selectForInmate: Statement<[string], StoredDraft>;
  private readonly selectReplyContact: Statement<[string], { contact_id: string }>;
  private readonly selectOwner: Statement<
    [string],
    { inmate_id: string; reply_to: string | null; contact_id: string | null }
  >;
  private readonly upsert: Statement<[string, string, string | null, string | null, string, number]>;
  private readonly deleteOwn: Statement<[string, string], { id: string }>;
  private readonly deleteReplyDrafts: Statement<[string, string], { id: string }>;
  private readonly deleteContactDrafts: Statement<[string, string], { id: string }>;

  constructor(db: Database) {
    this.selectForInmate = db.prepare(
      'SELECT id, reply_to, contact_id, body, updated_at FROM drafts WHERE inmate_id = ? ORDER BY updated_at DESC',
    );
    this.selectReplyContact = db.prepare('SELECT contact_id FROM messages WHERE id = ?');
    this.selectOwner = db.prepare('SELECT inmate_id, reply_to, contact_id FROM drafts WHERE id = ?');
    this.upsert = db.prepare(
      'INSERT INTO drafts (id, inmate_id, reply_to, contact_id, body, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at',
    );
    this.deleteOwn = db.prepare('DELETE FROM drafts WHERE id = ? AND inmate_id = ? RETURNING id');
    this.deleteReplyDrafts = db.prepare('DELETE FROM drafts WHERE inmate_id = ? AND reply_to = ? RETURNING id');
    this.deleteContactDrafts = db.prepare(
      'DELETE FROM drafts WHERE inmate_id = ? AND reply_to IS NULL AND contact_id = ? RETURNING id',
    );
  }

  /** An inmate's drafts, the latest first. */
  forInmate(inmateId: string): StoredDraft[] {
    return this.selectForInmate.all(inmateId);
  }

  /** Whom a reply draft goes to: the sender of the message it answers, if that message is here. */
  replyContact(messageId: string): string | undefined {
    return this.selectReplyContact.get(messageId)?.contact_id;
  }

  owner(id: string): { inmate_id: string; reply_to: string | null; contact_id: string | null } | undefined {
    return this.selectOwner.get(id);
  }

  save(draft: {
    id: string;
    inmateId: string;
    replyTo: string | null;
    contactId: string | null;
    body: string;
    updatedAt: number;
  }): void {
    this.upsert.run(draft.id, draft.inmateId, draft.replyTo, draft.contactId, draft.body, draft.updatedAt);
  }

  /** Deletes one of the inmate's drafts; the ids deleted (none if it was not theirs). */
  delete(id: string, inmateId: string): string[] {
    return this.deleteOwn.all(id, inmateId).map((row) => row.id);
  }

  /** The drafts a message just sent used up: of the reply to `replyTo`, or of a new message to `contactId`. */
  deleteUsedBy(inmateId: string, sent: { replyTo: string } | { contactId: string }): string[] {
    const deleted =
      'replyTo' in sent
        ? this.deleteReplyDrafts.all(inmateId, sent.replyTo)
        : this.deleteContactDrafts.all(inmateId, sent.contactId);
    return deleted.map((row) => row.id);
  }
}
