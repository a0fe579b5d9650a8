import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CallOutput } from '../../../shared/kiosk-api/contract';
import { KioskError } from '../../../shared/kiosk-api/errors';
import { MessageTrail } from '../../../shared/domain/message-trail';
import { VIDEOGRAM_MAX_BYTES, VIDEOGRAM_MAX_MS } from '../../../shared/domain/limits';
import { characterCount } from '../../../shared/domain/text-length';
import { videoContainer } from '../../../shared/media/video-container';
import { videoDurationMs } from '../../../shared/media/video-duration';
import type { DraftStore } from './draft-store';
import type { HandlersOf, InmateScope } from './inmate-scope';

/** What this inmate sent: the server's rows, and before them what is still in the outbox. */
function outgoing(scope: InmateScope, inmateId: string): CallOutput<'messages.outgoing'> {
  const { cache, outbox } = scope.deps;
  const { contactName } = scope;
  const sent = cache.sentMessages(inmateId, 200);
  const fromServer = sent.map((m) => ({
    id: m.clientOpId ?? m.id,
    to: contactName(m.contactId),
    body: m.body,
    kind: m.kind === 'videogram' ? ('videogram' as const) : ('text' as const),
    createdAt: m.createdAt,
    status:
      m.status === 'pending_review'
        ? ('in_review' as const)
        : m.status === 'rejected'
          ? ('rejected' as const)
          : ('delivered' as const),
    rejectionReason: m.rejectionReason,
    refusal: null,
    // A reviewer's rejection gives the stamp back (server/domain/review.ts).
    stampRefunded: m.status === 'rejected' && m.stampCents > 0,
  }));
  const known = new Set(fromServer.map((m) => m.id));
  const local = outbox
    .forInmate(inmateId, ['message.send', 'videogram.send'])
    .filter((row) => !known.has(row.id))
    .map((row) => ({
      id: row.id,
      to: row.op.kind === 'message.send' || row.op.kind === 'videogram.send' ? contactName(row.op.contactId) : '',
      body: row.op.kind === 'message.send' ? row.op.body : '',
      kind: row.op.kind === 'videogram.send' ? ('videogram' as const) : ('text' as const),
      createdAt: row.createdAt,
      status:
        row.status === 'queued'
          ? ('queued' as const)
          : row.status === 'sent'
            ? ('sent' as const)
            : ('rejected' as const),
      rejectionReason: null,
      refusal: row.status === 'rejected' ? (row.result?.reason ?? 'unknown') : null,
      stampRefunded: false,
    }));
  return [...local, ...fromServer].sort((a, b) => b.createdAt - a.createdAt);
}

const insufficientFunds = () =>
  new KioskError({
    code: 'limit',
    message: 'Not enough money for the stamp.',
    detail: { reason: 'insufficient_funds' },
  });

/** Writing: the rules and costs, sending a message or a videogram, what was sent, whom to. */
export function composeHandlers(
  scope: InmateScope,
  drafts: DraftStore,
): HandlersOf<
  'compose.rules' | 'messages.send' | 'videograms.send' | 'messages.outgoing' | 'messages.trail' | 'contacts.list'
> {
  const { deps, me, facility, spendable, ownMessage, approvedContact, queue, afterQueue } = scope;
  const { db, cache, outbox } = deps;
  return {
    'compose.rules': (_input, ctx) => {
      const inmateId = me(ctx);
      const f = facility();
      return {
        maxChars: f.messageMaxChars,
        stampCostCents: f.stampPriceCents,
        videogramStampCostCents: f.videogramStampPriceCents,
        balanceCents: spendable(inmateId),
      };
    },
    // Only one of my own sent messages; the server's trail when it answers, else what this device knows.
    'messages.trail': async ({ id }, ctx) => {
      const inmateId = me(ctx);
      const mine = outgoing(scope, inmateId).find((m) => m.id === id);
      if (!mine) throw new KioskError({ code: 'not_found', message: 'No such message.' });
      const server = MessageTrail.safeParse(await deps.fetchTrail?.(id));
      if (server.success) return { events: server.data.events, fromServer: true };
      const queued = outbox.get(id);
      const at = queued?.createdAt ?? mine.createdAt;
      return {
        events: [
          { at, kind: 'written' as const, source: 'device' as const, detail: {}, actor: null },
          { at, kind: 'queued' as const, source: 'device' as const, detail: {}, actor: null },
        ],
        fromServer: false,
      };
    },
    'messages.send': ({ clientId, replyTo, contactId, body }, ctx) => {
      const inmateId = me(ctx);
      const existing = outbox.get(clientId);
      const f = facility();
      if (!existing) {
        // A reply goes to the sender of the message it answers; a new message to one of my approved contacts.
        const original = replyTo !== undefined ? ownMessage(inmateId, replyTo) : null;
        const to = original ? original.contactId : approvedContact(inmateId, contactId ?? '').id;
        // Sent exactly as written (spaces at either end too): a message is never changed without saying so.
        const text = body;
        if (!text.trim()) throw new KioskError({ code: 'validation', message: 'The message is empty.' });
        if (characterCount(text) > f.messageMaxChars)
          throw new KioskError({
            code: 'limit',
            message: 'The message is too long.',
            detail: { maxChars: f.messageMaxChars },
          });
        if (spendable(inmateId) < f.stampPriceCents) throw insufficientFunds();
        const usedDrafts = db.transaction(() => {
          queue(inmateId, clientId, {
            kind: 'message.send',
            contactId: to,
            replyTo: original?.id ?? null,
            body: text,
          });
          // The draft of this reply (or of this new message), if any, is used up.
          return drafts.deleteUsedBy(inmateId, original ? { replyTo: original.id } : { contactId: to });
        })();
        deps.draftJournal.deleted(usedDrafts);
        afterQueue();
      }
      const sent = outgoing(scope, inmateId).find((m) => m.id === clientId);
      if (!sent) throw new KioskError({ code: 'internal', message: 'The message was not queued.' });
      return sent;
    },
    'videograms.send': async ({ clientId, replyTo, uploadId, durationMs }, ctx) => {
      const inmateId = me(ctx);
      if (!outbox.get(clientId)) {
        const original = ownMessage(inmateId, replyTo);
        const f = facility();
        const file = join(deps.incomingDir, uploadId);
        if (!existsSync(file))
          throw new KioskError({
            code: 'not_found',
            message: 'The recording is not here any more. Please record again.',
          });
        const bytes = readFileSync(file);
        const measured = videoDurationMs(bytes);
        if (
          bytes.length > VIDEOGRAM_MAX_BYTES ||
          measured === null ||
          measured > VIDEOGRAM_MAX_MS + 500 ||
          durationMs > VIDEOGRAM_MAX_MS + 500
        ) {
          rmSync(file, { force: true });
          throw new KioskError({
            code: 'limit',
            message: 'A videogram can be at most 3 minutes.',
            detail: { maxMs: VIDEOGRAM_MAX_MS },
          });
        }
        if (spendable(inmateId) < f.videogramStampPriceCents) throw insufficientFunds();
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        // The duration was read, so it is one of the two.
        const mime = videoContainer(bytes) ?? 'video/mp4';
        deps.media.adopt(sha256, file, mime);
        db.transaction(() => {
          queue(inmateId, clientId, {
            kind: 'videogram.send',
            contactId: original.contactId,
            replyTo: original.id,
            video: { sha256, mime, bytes: bytes.length },
            durationMs: Math.min(durationMs, measured),
          });
        })();
        afterQueue();
      }
      const sent = outgoing(scope, inmateId).find((m) => m.id === clientId);
      if (!sent) throw new KioskError({ code: 'internal', message: 'The videogram was not queued.' });
      await Promise.resolve();
      return sent;
    },
    'messages.outgoing': (_input, ctx) => outgoing(scope, me(ctx)),
    'contacts.list': (_input, ctx) => {
      const inmateId = me(ctx);
      return cache
        .forInmate('contacts', inmateId)
        .filter((c) => c.status === 'approved')
        .sort((a, b) => a.displayName.localeCompare(b.displayName))
        .map((c) => ({ id: c.id, displayName: c.displayName, relationship: c.relationship }));
    },
  };
}
