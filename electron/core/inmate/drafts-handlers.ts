import { uuidv7 } from 'uuidv7';
import { KioskError } from '../../../shared/kiosk-api/errors';
import type { DraftStore } from './draft-store';
import type { HandlersOf, InmateScope } from './inmate-scope';
import { ok } from './inmate-scope';

/** Drafts: what was typed and not sent, kept in the database and in the DraftJournal. */
export function draftsHandlers(
  scope: InmateScope,
  drafts: DraftStore,
): HandlersOf<'drafts.list' | 'drafts.save' | 'drafts.delete'> {
  const { deps, me, now, contactName, ownMessage, approvedContact } = scope;
  return {
    'drafts.list': (_input, ctx) => {
      const inmateId = me(ctx);
      return drafts.forInmate(inmateId).map((r) => {
        const contactId = (r.reply_to ? drafts.replyContact(r.reply_to) : undefined) ?? r.contact_id;
        return {
          id: r.id,
          replyTo: r.reply_to,
          contactId: r.reply_to ? null : r.contact_id,
          to: contactId ? contactName(contactId) : '',
          body: r.body,
          updatedAt: r.updated_at,
        };
      });
    },
    'drafts.save': ({ id, replyTo, contactId, body }, ctx) => {
      const inmateId = me(ctx);
      // A reply to one of my messages, or a new message to one of my approved contacts: nobody else's.
      const to =
        replyTo !== undefined ? ownMessage(inmateId, replyTo).contactId : approvedContact(inmateId, contactId ?? '').id;
      const draftId = id ?? uuidv7();
      const existing = drafts.owner(draftId);
      if (existing && existing.inmate_id !== inmateId)
        throw new KioskError({ code: 'not_found', message: 'No such draft.' });
      if (existing && (existing.reply_to !== (replyTo ?? null) || existing.contact_id !== (contactId ?? null)))
        throw new KioskError({ code: 'validation', message: 'That draft is for someone else.' });
      const draft = {
        id: draftId,
        inmateId,
        replyTo: replyTo ?? null,
        contactId: contactId ?? null,
        body,
        updatedAt: now(),
      };
      drafts.save(draft);
      deps.draftJournal.saved(draft);
      return {
        id: draftId,
        replyTo: draft.replyTo,
        contactId: draft.contactId,
        to: contactName(to),
        body,
        updatedAt: draft.updatedAt,
      };
    },
    'drafts.delete': ({ id }, ctx) => {
      deps.draftJournal.deleted(drafts.delete(id, me(ctx)));
      return ok;
    },
  };
}
