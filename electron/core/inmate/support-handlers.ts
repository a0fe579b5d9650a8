import type { CallOutput } from '../../../shared/kiosk-api/contract';
import { KioskError } from '../../../shared/kiosk-api/errors';
import type { HandlersOf, InmateScope } from './inmate-scope';

/** This inmate's tickets: the server's, with what is still in the outbox (new tickets, replies) merged in. */
function tickets(scope: InmateScope, inmateId: string): CallOutput<'support.list'> {
  const { cache, outbox } = scope.deps;
  const fromServer = cache.forInmate('tickets', inmateId).map((t) => ({
    id: t.id,
    subject: t.subject,
    status: t.status,
    createdAt: t.createdAt,
    replies: t.replies.map((r) => ({
      from: r.from === 'staff' ? ('staff' as const) : ('me' as const),
      body: r.body,
      at: r.at,
    })),
    clientOpId: t.clientOpId,
  }));
  const known = new Set(fromServer.map((t) => t.clientOpId));
  const pendingReplies = outbox.forInmate(inmateId, ['ticket.reply']).filter((row) => row.status !== 'rejected');
  const local = outbox
    .forInmate(inmateId, ['ticket.open'])
    .filter((row) => !known.has(row.id) && row.status !== 'rejected' && row.op.kind === 'ticket.open')
    .map((row) => ({
      id: row.id,
      subject: row.op.kind === 'ticket.open' ? row.op.subject : '',
      status: 'open' as const,
      createdAt: row.createdAt,
      replies: [{ from: 'me' as const, body: row.op.kind === 'ticket.open' ? row.op.body : '', at: row.createdAt }],
      clientOpId: row.id,
    }));
  return (
    [...local, ...fromServer]
      .map(({ clientOpId, ...ticket }) => ({
        clientOpId,
        ...ticket,
        replies: [
          ...ticket.replies,
          ...pendingReplies.flatMap((row) =>
            row.op.kind === 'ticket.reply' && row.op.ticketId === ticket.id
              ? [{ from: 'me' as const, body: row.op.body, at: row.createdAt }]
              : [],
          ),
        ],
      }))
      // clientOpId is dropped by the output schema at the boundary.
      .sort((a, b) => b.createdAt - a.createdAt)
  );
}

/** Support tickets, and the facility's announcements. */
export function supportHandlers(
  scope: InmateScope,
): HandlersOf<'support.list' | 'support.open' | 'support.reply' | 'announcements.list'> {
  const { deps, me, now, queue, afterQueue } = scope;
  const { db, cache, outbox } = deps;
  return {
    'support.list': (_input, ctx) => tickets(scope, me(ctx)),
    'support.open': ({ clientId, subject, body }, ctx) => {
      const inmateId = me(ctx);
      if (!subject.trim() || !body.trim())
        throw new KioskError({ code: 'validation', message: 'Subject and message are needed.' });
      if (!outbox.get(clientId)) {
        db.transaction(() =>
          queue(inmateId, clientId, { kind: 'ticket.open', subject: subject.trim(), body: body.trim() }),
        )();
        afterQueue();
      }
      const ticket = tickets(scope, inmateId).find((t) => t.id === clientId);
      if (!ticket) throw new KioskError({ code: 'internal', message: 'The ticket was not queued.' });
      return ticket;
    },
    'support.reply': ({ clientId, ticketId, body }, ctx) => {
      const inmateId = me(ctx);
      const ticket = tickets(scope, inmateId).find((t) => t.id === ticketId);
      if (!ticket || !cache.get('tickets', ticketId))
        throw new KioskError({ code: 'not_found', message: 'This ticket is not here.' });
      if (!body.trim()) throw new KioskError({ code: 'validation', message: 'The reply is empty.' });
      if (!outbox.get(clientId)) {
        db.transaction(() => queue(inmateId, clientId, { kind: 'ticket.reply', ticketId, body: body.trim() }))();
        afterQueue();
      }
      const updated = tickets(scope, inmateId).find((t) => t.id === ticketId);
      if (!updated) throw new KioskError({ code: 'not_found', message: 'This ticket is not here.' });
      return updated;
    },
    'announcements.list': (_input, ctx) => {
      const inmateId = me(ctx);
      const language = cache.get('inmates', inmateId)?.language;
      return cache
        .all('announcements')
        .filter(
          (a) => (a.expiresAt === null || a.expiresAt > now()) && (a.language === null || a.language === language),
        )
        .sort((a, b) => b.postedAt - a.postedAt)
        .map((a) => ({ id: a.id, title: a.title, body: a.body, postedAt: a.postedAt }));
    },
  };
}
