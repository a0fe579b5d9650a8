import { uuidv7 } from 'uuidv7';
import { InboxStore } from '../cache/inbox-store';
import type { HandlersOf, InmateScope } from './inmate-scope';
import { ok } from './inmate-scope';

/** The inbox: a page of messages, the unread counts, one message with its media, read marks. */
export function inboxHandlers(
  scope: InmateScope,
): HandlersOf<'inbox.list' | 'inbox.counts' | 'messages.get' | 'messages.markRead'> {
  const { deps, me, now, contactName, ownMessage, queue, afterQueue } = scope;
  const inbox = new InboxStore(deps.db);
  return {
    'inbox.list': ({ filter, search, offset, limit }, ctx) => {
      const inmateId = me(ctx);
      const { total, rows } = inbox.page({ inmateId, filter, search, offset, limit });
      const names = new Map<string, string>();
      return {
        total,
        rows: rows.map((r) => {
          if (!names.has(r.contact_id)) names.set(r.contact_id, contactName(r.contact_id));
          return {
            id: r.id,
            from: names.get(r.contact_id) ?? '',
            preview: r.body.slice(0, 140),
            receivedAt: r.created_at,
            unread: r.read_at === null,
            hasPhotos: r.has_photos === 1,
            kind: r.kind,
          };
        }),
      };
    },
    'inbox.counts': (_input, ctx) => {
      const row = inbox.unreadCounts(me(ctx));
      return { unread: row.unread, unreadVideograms: row.videos ?? 0 };
    },
    'messages.get': ({ id }, ctx) => {
      const inmateId = me(ctx);
      const m = ownMessage(inmateId, id);
      const readAt = inbox.readAt(id);
      return {
        id: m.id,
        from: contactName(m.contactId),
        contactId: m.contactId,
        receivedAt: m.createdAt,
        body: m.body,
        unread: readAt === null,
        kind: m.kind,
        photos: m.photos.map((p, i) => ({
          id: `${m.id}:${i}`,
          url: deps.tokens.url(p, inmateId, ctx.connectionId),
          alt: p.alt,
        })),
        ecard: m.ecard ? { template: m.ecard.templateId, greeting: m.ecard.greeting } : null,
        videogram: m.videogram
          ? {
              url: deps.tokens.url(m.videogram.video, inmateId, ctx.connectionId),
              captionsUrl: m.videogram.captions
                ? deps.tokens.url(m.videogram.captions, inmateId, ctx.connectionId)
                : null,
              durationSeconds: Math.round(m.videogram.durationMs / 1000),
            }
          : null,
      };
    },
    'messages.markRead': ({ id }, ctx) => {
      const inmateId = me(ctx);
      const m = ownMessage(inmateId, id);
      if (m.direction !== 'in') return ok;
      const changed = deps.db.transaction(() => {
        const marked = inbox.markRead(id, now());
        if (marked) queue(inmateId, uuidv7(), { kind: 'message.read', messageId: id, readAt: now() });
        return marked;
      })();
      if (changed) {
        deps.emit('inbox.changed');
        afterQueue();
      }
      return ok;
    },
  };
}
