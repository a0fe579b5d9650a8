import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { labelForKind } from '../../../shared/domain/ledger-label';
import type { CallOutput, ParsedCallInput } from '../../../shared/kiosk-api/contract';
import type { inmateCalls } from '../../../shared/kiosk-api/calls/inmate';
import { KioskError } from '../../../shared/kiosk-api/errors';
import { VIDEOGRAM_MAX_BYTES, VIDEOGRAM_MAX_MS } from '../../../shared/domain/limits';
import { characterCount } from '../../../shared/domain/text-length';
import { videoDurationMs } from '../../../shared/media/video-duration';
import type { OutboxOp } from '../../../shared/sync/protocol';
import type { CatalogItemRow, ContactRow, MessageRow } from '../../../shared/sync/rows';
import type { CallContext } from '../api/handlers';

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
import type { InmateAuth } from '../auth/inmate-auth';
import type { Sessions } from '../auth/sessions';
import type { CacheStore } from '../cache/cache-store';
import { ftsQuery, MessageSearchIndex } from '../cache/message-search';
import type { MediaCache } from '../media/media-cache';
import type { Outbox } from '../sync/outbox';
import type { SyncEngine } from '../sync/sync-engine';
import type { DraftJournalWriter } from './draft-journal';
import type { MediaTokens } from './media-tokens';

type InmateCall = keyof typeof inmateCalls;
export type InmateHandlers = {
  [K in InmateCall]: (input: ParsedCallInput<K>, ctx: CallContext) => Promise<CallOutput<K>> | CallOutput<K>;
};

export interface InmateDeps {
  readonly db: Database;
  readonly cache: CacheStore;
  readonly outbox: Outbox;
  readonly sessions: Sessions;
  readonly auth: InmateAuth;
  readonly media: MediaCache;
  readonly tokens: MediaTokens;
  readonly sync: SyncEngine;
  readonly incomingDir: string;
  /** The copy of the drafts outside the database, told after each change the database committed. */
  readonly draftJournal: DraftJournalWriter;
  readonly emit: (event: 'inbox.changed' | 'outbox.changed') => void;
  readonly now?: () => number;
}

const ok = { ok: true as const };

const transactionKind = (kind: string): 'deposit' | 'purchase' | 'stamp' | 'fee' | 'other' =>
  kind === 'deposit' || kind === 'purchase' || kind === 'stamp' || kind === 'fee' ? kind : 'other';

export function inmateHandlers(deps: InmateDeps): InmateHandlers {
  const now = deps.now ?? Date.now;
  const { db, cache, outbox } = deps;
  const searchIndex = new MessageSearchIndex(db);

  /** The signed-in inmate of this connection, or a typed "sign in again". Every private call starts here. */
  const me = (ctx: CallContext): string => {
    const session = deps.sessions.get(ctx.connectionId);
    if (!session) throw new KioskError({ code: 'unauthorized', message: 'Please sign in.' });
    deps.sessions.touch(ctx.connectionId);
    return session.inmateId;
  };

  const facility = () => {
    const row = cache.all('facilities')[0];
    if (!row) throw new KioskError({ code: 'offline', message: 'This device has not synced with the facility yet.' });
    return row;
  };

  const contactName = (contactId: string) => cache.get('contacts', contactId)?.displayName ?? '';

  const balance = (inmateId: string) => cache.get('accounts', inmateId)?.balanceCents ?? 0;

  /** Money already promised by queued items (stamps, purchases) the server has not charged yet. */
  const pendingSpend = (inmateId: string) => {
    const settings = facility();
    return outbox.forInmate(inmateId, ['message.send', 'videogram.send', 'purchase']).reduce((sum, row) => {
      if (row.status !== 'queued') return sum;
      if (row.op.kind === 'message.send') return sum + settings.stampPriceCents;
      if (row.op.kind === 'videogram.send') return sum + settings.videogramStampPriceCents;
      if (row.op.kind === 'purchase') return sum + row.op.priceCents;
      return sum;
    }, 0);
  };

  const queue = (inmateId: string, id: string, op: OutboxOp) => {
    outbox.add({ id, inmateId, op, createdAt: now() });
  };
  const afterQueue = () => {
    deps.emit('outbox.changed');
    deps.sync.trigger(100);
  };

  /** The message a reply answers; it must be one of mine. */
  const ownMessage = (inmateId: string, id: string): MessageRow => {
    const row = cache.message(id, inmateId);
    if (!row) throw new KioskError({ code: 'not_found', message: 'This message is not here.' });
    return row;
  };

  /** A contact a new message may go to: mine and approved; anything else is not found. */
  const approvedContact = (inmateId: string, contactId: string): ContactRow => {
    const contact = cache.get('contacts', contactId);
    if (!contact || contact.inmateId !== inmateId || contact.status !== 'approved')
      throw new KioskError({ code: 'not_found', message: 'This contact is not on your approved list.' });
    return contact;
  };

  const outgoing = (inmateId: string): CallOutput<'messages.outgoing'> => {
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
  };

  const catalogItem = (inmateId: string, item: CatalogItemRow): CallOutput<'library.purchase'> => {
    // Free items belong to everyone while offered; a withdrawn item only to those who own it.
    const owned =
      (item.available && item.priceCents === 0) ||
      cache.forInmate('entitlements', inmateId).some((e) => e.itemId === item.id);
    return {
      id: item.id,
      kind: item.kind,
      title: item.title,
      author: item.author,
      priceCents: item.priceCents,
      owned,
      gameId: item.gameId,
    };
  };

  const ownedItem = (inmateId: string, itemId: string): CatalogItemRow => {
    const item = cache.get('catalog', itemId);
    if (!item) throw new KioskError({ code: 'not_found', message: 'This item is not in the library.' });
    if (!catalogItem(inmateId, item).owned)
      throw new KioskError({ code: 'forbidden', message: 'Buy this item first.' });
    return item;
  };

  const progressOf = (inmateId: string, itemId: string) => cache.get('progress', `${inmateId}:${itemId}`);

  const saveProgress = (inmateId: string, itemId: string, data: Record<string, JsonValue>) => {
    const updatedAt = now();
    db.transaction(() => {
      cache.putLocal('progress', { id: `${inmateId}:${itemId}`, inmateId, itemId, data, updatedAt }, inmateId);
      queue(inmateId, uuidv7(), { kind: 'progress', itemId, data, updatedAt });
    })();
    afterQueue();
  };

  const course = (inmateId: string, courseId: string): CallOutput<'courses.get'> => {
    const item = ownedItem(inmateId, courseId);
    if (item.kind !== 'course' || !item.course)
      throw new KioskError({ code: 'not_found', message: 'This is not a course.' });
    const progress = progressOf(inmateId, courseId)?.data ?? {};
    const completed = Array.isArray(progress.completedLessonIds)
      ? progress.completedLessonIds.filter((id): id is string => typeof id === 'string')
      : [];
    return {
      id: item.id,
      title: item.title,
      lessons: item.course.lessons.map((lesson) => ({
        id: lesson.id,
        title: lesson.title,
        body: lesson.body,
        // The answers stay in core: the screen gets the questions only.
        quiz: lesson.quiz.map((q) => ({ id: q.id, prompt: q.prompt, options: q.options })),
      })),
      completedLessonIds: completed,
      certificateIssuedAt: typeof progress.certificateIssuedAt === 'number' ? progress.certificateIssuedAt : null,
    };
  };

  const tickets = (inmateId: string): CallOutput<'support.list'> => {
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
  };

  return {
    'auth.signIn': ({ docNumber, pin }, ctx) => deps.auth.signIn(docNumber, pin, ctx.connectionId),
    'auth.answerSecurityQuestion': ({ challengeId, answer }, ctx) =>
      deps.auth.answerSecurityQuestion(challengeId, answer, ctx.connectionId),
    'auth.resetPin': async ({ docNumber, resetCode, newPin }) => {
      await deps.auth.resetPin(docNumber, resetCode, newPin);
      afterQueue();
      return ok;
    },
    'auth.changePin': async ({ currentPin, newPin }, ctx) => {
      await deps.auth.changePin(me(ctx), currentPin, newPin);
      afterQueue();
      return ok;
    },
    'auth.signOut': (_input, ctx) => {
      deps.sessions.end(ctx.connectionId, 'signed_out');
      return ok;
    },
    'auth.keepAlive': (_input, ctx) => {
      me(ctx);
      return ok;
    },

    'inbox.list': ({ filter, search, offset, limit }, ctx) => {
      const inmateId = me(ctx);
      const where = ['m.inmate_id = @inmateId', "m.direction = 'in'"];
      if (filter === 'unread') where.push('m.read_at IS NULL');
      if (filter === 'photos') where.push('m.has_photos = 1');
      if (filter === 'videogram') where.push("m.kind = 'videogram'");
      const match = ftsQuery(search);
      // Messages of a pull still waiting for the search index are indexed now, so none is missed.
      if (match) searchIndex.catchUp();
      if (match) where.push('m.rowid IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH @match)');
      const params = { inmateId, match, limit, offset };
      const sqlWhere = where.join(' AND ');
      const total = (db.prepare(`SELECT count(*) AS n FROM messages m WHERE ${sqlWhere}`).get(params) as { n: number })
        .n;
      const rows = db
        .prepare(
          `SELECT m.id, m.contact_id, m.kind, m.body, m.created_at, m.read_at, m.has_photos FROM messages m WHERE ${sqlWhere} ORDER BY m.created_at DESC, m.id DESC LIMIT @limit OFFSET @offset`,
        )
        .all(params) as {
        id: string;
        contact_id: string;
        kind: 'text' | 'ecard' | 'videogram';
        body: string;
        created_at: number;
        read_at: number | null;
        has_photos: number;
      }[];
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
      const inmateId = me(ctx);
      const row = db
        .prepare(
          "SELECT count(*) AS unread, sum(kind = 'videogram') AS videos FROM messages WHERE inmate_id = ? AND direction = 'in' AND read_at IS NULL",
        )
        .get(inmateId) as { unread: number; videos: number | null };
      return { unread: row.unread, unreadVideograms: row.videos ?? 0 };
    },
    'messages.get': ({ id }, ctx) => {
      const inmateId = me(ctx);
      const m = ownMessage(inmateId, id);
      const readAt = (db.prepare('SELECT read_at FROM messages WHERE id = ?').get(id) as { read_at: number | null })
        .read_at;
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
      const changed = db.transaction(() => {
        const result = db.prepare('UPDATE messages SET read_at = ? WHERE id = ? AND read_at IS NULL').run(now(), id);
        if (result.changes === 1) queue(inmateId, uuidv7(), { kind: 'message.read', messageId: id, readAt: now() });
        return result.changes === 1;
      })();
      if (changed) {
        deps.emit('inbox.changed');
        afterQueue();
      }
      return ok;
    },
    'compose.rules': (_input, ctx) => {
      const inmateId = me(ctx);
      const f = facility();
      return {
        maxChars: f.messageMaxChars,
        stampCostCents: f.stampPriceCents,
        videogramStampCostCents: f.videogramStampPriceCents,
        balanceCents: balance(inmateId) - pendingSpend(inmateId),
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
        const text = body.trim();
        if (!text) throw new KioskError({ code: 'validation', message: 'The message is empty.' });
        if (characterCount(text) > f.messageMaxChars)
          throw new KioskError({
            code: 'limit',
            message: 'The message is too long.',
            detail: { maxChars: f.messageMaxChars },
          });
        if (balance(inmateId) - pendingSpend(inmateId) < f.stampPriceCents) {
          throw new KioskError({
            code: 'limit',
            message: 'Not enough money for the stamp.',
            detail: { reason: 'insufficient_funds' },
          });
        }
        const usedDrafts = db.transaction(() => {
          queue(inmateId, clientId, {
            kind: 'message.send',
            contactId: to,
            replyTo: original?.id ?? null,
            body: text,
          });
          // The draft of this reply (or of this new message), if any, is used up.
          const deleted = original
            ? db
                .prepare('DELETE FROM drafts WHERE inmate_id = ? AND reply_to = ? RETURNING id')
                .all(inmateId, original.id)
            : db
                .prepare('DELETE FROM drafts WHERE inmate_id = ? AND reply_to IS NULL AND contact_id = ? RETURNING id')
                .all(inmateId, to);
          return (deleted as { id: string }[]).map((row) => row.id);
        })();
        deps.draftJournal.deleted(usedDrafts);
        afterQueue();
      }
      const sent = outgoing(inmateId).find((m) => m.id === clientId);
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
        if (balance(inmateId) - pendingSpend(inmateId) < f.videogramStampPriceCents) {
          throw new KioskError({
            code: 'limit',
            message: 'Not enough money for the stamp.',
            detail: { reason: 'insufficient_funds' },
          });
        }
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        const mime = bytes[0] === 0x1a ? 'video/webm' : 'video/mp4';
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
      const sent = outgoing(inmateId).find((m) => m.id === clientId);
      if (!sent) throw new KioskError({ code: 'internal', message: 'The videogram was not queued.' });
      await Promise.resolve();
      return sent;
    },
    'messages.outgoing': (_input, ctx) => outgoing(me(ctx)),
    'contacts.list': (_input, ctx) => {
      const inmateId = me(ctx);
      return cache
        .forInmate('contacts', inmateId)
        .filter((c) => c.status === 'approved')
        .sort((a, b) => a.displayName.localeCompare(b.displayName))
        .map((c) => ({ id: c.id, displayName: c.displayName, relationship: c.relationship }));
    },
    'drafts.list': (_input, ctx) => {
      const inmateId = me(ctx);
      const rows = db
        .prepare(
          'SELECT id, reply_to, contact_id, body, updated_at FROM drafts WHERE inmate_id = ? ORDER BY updated_at DESC',
        )
        .all(inmateId) as {
        id: string;
        reply_to: string | null;
        contact_id: string | null;
        body: string;
        updated_at: number;
      }[];
      return rows.map((r) => {
        const original = r.reply_to
          ? (db.prepare('SELECT contact_id FROM messages WHERE id = ?').get(r.reply_to) as
              { contact_id: string } | undefined)
          : undefined;
        const contactId = original?.contact_id ?? r.contact_id;
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
      const existing = db.prepare('SELECT inmate_id, reply_to, contact_id FROM drafts WHERE id = ?').get(draftId) as
        { inmate_id: string; reply_to: string | null; contact_id: string | null } | undefined;
      if (existing && existing.inmate_id !== inmateId)
        throw new KioskError({ code: 'not_found', message: 'No such draft.' });
      if (existing && (existing.reply_to !== (replyTo ?? null) || existing.contact_id !== (contactId ?? null)))
        throw new KioskError({ code: 'validation', message: 'That draft is for someone else.' });
      const updatedAt = now();
      db.prepare(
        'INSERT INTO drafts (id, inmate_id, reply_to, contact_id, body, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at',
      ).run(draftId, inmateId, replyTo ?? null, contactId ?? null, body, updatedAt);
      deps.draftJournal.saved({
        id: draftId,
        inmateId,
        replyTo: replyTo ?? null,
        contactId: contactId ?? null,
        body,
        updatedAt,
      });
      return {
        id: draftId,
        replyTo: replyTo ?? null,
        contactId: contactId ?? null,
        to: contactName(to),
        body,
        updatedAt,
      };
    },
    'drafts.delete': ({ id }, ctx) => {
      const deleted = db.prepare('DELETE FROM drafts WHERE id = ? AND inmate_id = ? RETURNING id').all(id, me(ctx));
      deps.draftJournal.deleted((deleted as { id: string }[]).map((row) => row.id));
      return ok;
    },

    'account.summary': (_input, ctx) => {
      const inmateId = me(ctx);
      const account = cache.get('accounts', inmateId);
      const ledger = cache.forInmate('ledger', inmateId).sort((a, b) => b.at - a.at);
      return {
        balanceCents: account?.balanceCents ?? 0,
        asOf: account?.asOf ?? 0,
        transactions: ledger.map((l) => ({
          id: l.id,
          at: l.at,
          label: l.label ?? labelForKind(l.kind),
          amountCents: l.amountCents,
          kind: transactionKind(l.kind),
        })),
        scheduledDeposits: cache
          .forInmate('scheduled_deposits', inmateId)
          .map((d) => ({ id: d.id, from: d.fromName, dueAt: d.nextAt, amountCents: d.amountCents })),
        releaseCard: account?.releaseCard ?? { status: 'none', lastFour: null },
      };
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
    'support.list': (_input, ctx) => tickets(me(ctx)),
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
      const ticket = tickets(inmateId).find((t) => t.id === clientId);
      if (!ticket) throw new KioskError({ code: 'internal', message: 'The ticket was not queued.' });
      return ticket;
    },
    'support.reply': ({ clientId, ticketId, body }, ctx) => {
      const inmateId = me(ctx);
      const ticket = tickets(inmateId).find((t) => t.id === ticketId);
      if (!ticket || !cache.get('tickets', ticketId))
        throw new KioskError({ code: 'not_found', message: 'This ticket is not here.' });
      if (!body.trim()) throw new KioskError({ code: 'validation', message: 'The reply is empty.' });
      if (!outbox.get(clientId)) {
        db.transaction(() => queue(inmateId, clientId, { kind: 'ticket.reply', ticketId, body: body.trim() }))();
        afterQueue();
      }
      const updated = tickets(inmateId).find((t) => t.id === ticketId);
      if (!updated) throw new KioskError({ code: 'not_found', message: 'This ticket is not here.' });
      return updated;
    },

    'library.catalog': ({ kind, search }, ctx) => {
      const inmateId = me(ctx);
      const wanted = search.trim().toLowerCase();
      return (
        cache
          .all('catalog')
          .filter(
            (item) =>
              item.kind === kind &&
              (!wanted || item.title.toLowerCase().includes(wanted) || item.author.toLowerCase().includes(wanted)),
          )
          .sort((a, b) => a.title.localeCompare(b.title))
          .map((item) => catalogItem(inmateId, item))
          // Withdrawn items are listed for their owners only.
          .filter((item) => item.owned || cache.get('catalog', item.id)?.available !== false)
      );
    },
    'library.purchase': ({ clientId, itemId }, ctx) => {
      const inmateId = me(ctx);
      const item = cache.get('catalog', itemId);
      if (!item) throw new KioskError({ code: 'not_found', message: 'This item is not in the library.' });
      if (catalogItem(inmateId, item).owned) return catalogItem(inmateId, item);
      if (!item.available) throw new KioskError({ code: 'not_found', message: 'This item is no longer offered here.' });
      if (balance(inmateId) - pendingSpend(inmateId) < item.priceCents) {
        throw new KioskError({ code: 'limit', message: 'Not enough money.', detail: { reason: 'insufficient_funds' } });
      }
      db.transaction(() => {
        // Owned at once on this device; the server's entitlement replaces this row when it arrives.
        cache.putLocal(
          'entitlements',
          { id: clientId, inmateId, itemId, clientOpId: clientId, pricePaidCents: item.priceCents, acquiredAt: now() },
          inmateId,
        );
        queue(inmateId, clientId, { kind: 'purchase', itemId, priceCents: item.priceCents });
      })();
      afterQueue();
      return catalogItem(inmateId, item);
    },
    'library.bookUrl': ({ itemId }, ctx) => {
      const inmateId = me(ctx);
      const item = ownedItem(inmateId, itemId);
      const file = item.files[0];
      if (item.kind !== 'book' || !file) throw new KioskError({ code: 'not_found', message: 'This is not a book.' });
      return { url: deps.tokens.url(file, inmateId, ctx.connectionId) };
    },
    'library.progress': ({ itemId }, ctx) => {
      const data = progressOf(me(ctx), itemId)?.data;
      if (!data || typeof data.chapter !== 'number' || typeof data.fraction !== 'number') return null;
      const bookmarks = Array.isArray(data.bookmarks)
        ? (data.bookmarks as { chapter: number; fraction: number; label: string }[])
        : [];
      return { chapter: data.chapter, fraction: data.fraction, bookmarks };
    },
    'library.saveProgress': ({ itemId, position }, ctx) => {
      const inmateId = me(ctx);
      ownedItem(inmateId, itemId);
      saveProgress(inmateId, itemId, {
        chapter: position.chapter,
        fraction: position.fraction,
        bookmarks: position.bookmarks,
      });
      return ok;
    },
    'library.tracks': ({ albumId }, ctx) => {
      const inmateId = me(ctx);
      const item = ownedItem(inmateId, albumId);
      return item.files.map((file, i) => ({
        id: `${item.id}:${i}`,
        title: file.title,
        url: deps.tokens.url(file, inmateId, ctx.connectionId),
        durationSeconds: Math.round(file.durationMs / 1000),
      }));
    },
    'music.settings': (_input, ctx) => {
      me(ctx);
      return { volumeMax: facility().musicVolumeMax };
    },
    'courses.get': ({ courseId }, ctx) => course(me(ctx), courseId),
    'courses.submitQuiz': ({ courseId, lessonId, answers }, ctx) => {
      const inmateId = me(ctx);
      const item = ownedItem(inmateId, courseId);
      const lesson = item.course?.lessons.find((l) => l.id === lessonId);
      if (!item.course || !lesson) throw new KioskError({ code: 'not_found', message: 'This lesson is not here.' });
      const total = lesson.quiz.length;
      const correct = lesson.quiz.filter((q) => answers[q.id] === q.answerIndex).length;
      const passed = total === 0 || correct / total >= item.course.passFraction;
      if (passed) {
        const current = course(inmateId, courseId);
        const completed = [...new Set([...current.completedLessonIds, lessonId])];
        const done = item.course.lessons.every((l) => completed.includes(l.id));
        saveProgress(inmateId, courseId, {
          completedLessonIds: completed,
          certificateIssuedAt: current.certificateIssuedAt ?? (done ? now() : null),
        });
      }
      return { correct, total, passed, course: course(inmateId, courseId) };
    },
    'sync.status': () => deps.sync.status(),
  };
}
