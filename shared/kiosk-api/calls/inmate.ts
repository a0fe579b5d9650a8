import { z } from 'zod';
import { Id } from '../../domain/ids';
import { Language } from '../../domain/language';
import { LedgerLabel } from '../../domain/ledger-label';
import { TrailEvent } from '../../domain/message-trail';
import { MESSAGE_HARD_MAX_CHARS } from '../../domain/limits';
import { defineCall } from '../define';

/**
 * Everything a signed-in inmate does. Shapes follow what the screens show
 * (renderer/src/api/ports.ts), so the renderer maps them one to one. Inputs
 * never carry an inmate id: core takes it from the session.
 */

const NoInput = z.object({}).strict();
const Ok = z.object({ ok: z.literal(true) });
const Text = (max: number) => z.string().max(max);
/** Ids the renderer sends back are the ones core gave it; anything else is not found. */
const AnyId = z.string().min(1).max(100);
const ClientId = Id;

/** `language` is the person's own: the screen switches to it at sign-in. */
const Inmate = z.object({ id: Id, displayName: z.string(), docNumber: z.string(), language: Language });

export const SignInResult = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('signed-in'), inmate: Inmate, idleTimeoutMs: z.number().int().positive() }),
  z.object({ kind: z.literal('security-question'), question: z.string(), challengeId: z.string() }),
]);
export type SignInResult = z.infer<typeof SignInResult>;

const MessageKind = z.enum(['text', 'ecard', 'videogram']);
const InboxFilter = z.enum(['all', 'unread', 'photos', 'videogram']);

const InboxRow = z.object({
  id: Id,
  from: z.string(),
  preview: z.string(),
  receivedAt: z.number().int(),
  unread: z.boolean(),
  hasPhotos: z.boolean(),
  kind: MessageKind,
});

const Message = z.object({
  id: Id,
  from: z.string(),
  contactId: Id,
  receivedAt: z.number().int(),
  body: z.string(),
  unread: z.boolean(),
  kind: MessageKind,
  photos: z.array(z.object({ id: z.string(), url: z.string(), alt: z.string() })),
  ecard: z.object({ template: z.string(), greeting: z.string() }).nullable(),
  videogram: z.object({ url: z.string(), captionsUrl: z.string().nullable(), durationSeconds: z.number() }).nullable(),
});

const Contact = z.object({ id: Id, displayName: z.string(), relationship: z.string().nullable() });

const OutgoingMessage = z.object({
  id: z.string(),
  to: z.string(),
  body: z.string(),
  kind: z.enum(['text', 'videogram']),
  createdAt: z.number().int(),
  status: z.enum(['queued', 'sent', 'in_review', 'delivered', 'rejected']),
  /** Staff's own words when a reviewer rejected it (data, in the reviewer's language). */
  rejectionReason: z.string().nullable(),
  /** The server's code when it refused the send itself (insufficient_funds, too_long…); the screen words it. */
  refusal: z.string().max(100).nullable(),
  /** A rejected message's stamp went back to the account. */
  stampRefunded: z.boolean(),
});

const Draft = z.object({
  id: z.string(),
  /** A draft answers a message (replyTo) or is a new message to one of the inmate's contacts (contactId). */
  replyTo: z.string().nullable(),
  contactId: z.string().nullable(),
  to: z.string(),
  body: z.string(),
  updatedAt: z.number().int(),
});

const AccountSummary = z.object({
  balanceCents: z.number().int(),
  asOf: z.number().int(),
  transactions: z.array(
    z.object({
      id: z.string(),
      at: z.number().int(),
      /** What the line is, as a code and parameters the screen puts in words. */
      label: LedgerLabel,
      amountCents: z.number().int(),
      kind: z.enum(['deposit', 'purchase', 'stamp', 'fee', 'other']),
    }),
  ),
  scheduledDeposits: z.array(
    z.object({ id: z.string(), from: z.string(), dueAt: z.number().int(), amountCents: z.number().int() }),
  ),
  releaseCard: z.object({ status: z.enum(['none', 'requested', 'issued', 'active']), lastFour: z.string().nullable() }),
});

const Ticket = z.object({
  id: z.string(),
  subject: z.string(),
  status: z.enum(['open', 'answered', 'closed']),
  createdAt: z.number().int(),
  replies: z.array(z.object({ from: z.enum(['me', 'staff']), body: z.string(), at: z.number().int() })),
});

const LibraryKind = z.enum(['book', 'album', 'course', 'game']);
const LibraryItem = z.object({
  id: Id,
  kind: LibraryKind,
  title: z.string(),
  author: z.string(),
  priceCents: z.number().int(),
  owned: z.boolean(),
  gameId: z.string().nullable(),
});

/** An EPUB CFI (the place in the book that survives font size and window size changes). */
const Cfi = z.string().max(1_000).startsWith('epubcfi(');

export const ReadingPosition = z.object({
  chapter: z.number().int().nonnegative(),
  fraction: z.number().min(0).max(1),
  cfi: Cfi.optional(),
  bookmarks: z
    .array(
      z.object({
        chapter: z.number().int().nonnegative(),
        fraction: z.number().min(0).max(1),
        cfi: Cfi.optional(),
        label: z.string().max(200),
      }),
    )
    .max(200),
});

const Course = z.object({
  id: Id,
  title: z.string(),
  lessons: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      body: z.string(),
      quiz: z.array(z.object({ id: z.string(), prompt: z.string(), options: z.array(z.string()) })),
    }),
  ),
  completedLessonIds: z.array(z.string()),
  certificateIssuedAt: z.number().int().nullable(),
});

/** How far the sync running now has got; null when none is running. */
export const SyncProgress = z.object({
  /** push: sending the outbox; pull: applying the server's pages. */
  phase: z.enum(['push', 'pull']),
  /** Outbox items the server answered in this sync. */
  pushed: z.number().int().nonnegative(),
  /** Pull pages applied in this sync. */
  pages: z.number().int().nonnegative(),
  /** Rows (upserts and deletions) applied in this sync. */
  rowsApplied: z.number().int().nonnegative(),
  /** rowsApplied plus what the server says is left; null until the server has said (or if it never does). */
  rowsTotal: z.number().int().nonnegative().nullable(),
});
export type SyncProgress = z.infer<typeof SyncProgress>;

export const SyncState = z.object({
  state: z.enum(['idle', 'syncing', 'offline', 'error']),
  /** UTC ms of the last sync that finished; null if this device never finished one. */
  lastSyncAt: z.number().int().nullable(),
  pendingUploads: z.number().int().nonnegative(),
  progress: SyncProgress.nullable(),
});
export type SyncState = z.infer<typeof SyncState>;

export const inmateCalls = {
  'auth.signIn': defineCall({
    input: z.object({ docNumber: Text(20), pin: Text(8) }).strict(),
    output: SignInResult,
    access: 'public',
  }),
  'auth.answerSecurityQuestion': defineCall({
    input: z.object({ challengeId: Text(100), answer: Text(200) }).strict(),
    output: SignInResult,
    access: 'public',
  }),
  'auth.resetPin': defineCall({
    input: z.object({ docNumber: Text(20), resetCode: Text(32), newPin: Text(8) }).strict(),
    output: Ok,
    access: 'public',
  }),
  'auth.changePin': defineCall({
    input: z.object({ currentPin: Text(8), newPin: Text(8) }).strict(),
    output: Ok,
    access: 'inmate',
  }),
  'auth.signOut': defineCall({ input: NoInput, output: Ok, access: 'public' }),
  'auth.keepAlive': defineCall({ input: NoInput, output: Ok, access: 'inmate' }),

  'inbox.list': defineCall({
    input: z
      .object({
        filter: InboxFilter,
        search: Text(100),
        offset: z.number().int().min(0).max(10_000_000),
        limit: z.number().int().min(1).max(200),
      })
      .strict(),
    output: z.object({ rows: z.array(InboxRow), total: z.number().int() }),
    access: 'inmate',
  }),
  'inbox.counts': defineCall({
    input: NoInput,
    output: z.object({ unread: z.number().int(), unreadVideograms: z.number().int() }),
    access: 'inmate',
  }),
  'messages.get': defineCall({ input: z.object({ id: AnyId }).strict(), output: Message, access: 'inmate' }),
  'messages.markRead': defineCall({ input: z.object({ id: AnyId }).strict(), output: Ok, access: 'inmate' }),
  'compose.rules': defineCall({
    input: NoInput,
    output: z.object({
      maxChars: z.number().int(),
      stampCostCents: z.number().int(),
      videogramStampCostCents: z.number().int(),
      balanceCents: z.number().int(),
    }),
    access: 'inmate',
  }),
  /** A reply (replyTo: a message of mine) or a new message to one of my approved contacts (contactId): one of the two. */
  'messages.send': defineCall({
    input: z
      .object({
        clientId: ClientId,
        replyTo: AnyId.optional(),
        contactId: AnyId.optional(),
        body: Text(MESSAGE_HARD_MAX_CHARS),
      })
      .strict()
      .refine((input) => (input.replyTo === undefined) !== (input.contactId === undefined), {
        message: 'Give either replyTo or contactId.',
      }),
    output: OutgoingMessage,
    access: 'inmate',
  }),
  /** The signed-in inmate's approved contacts: who a new message can go to. */
  'contacts.list': defineCall({ input: NoInput, output: z.array(Contact), access: 'inmate' }),
  'videograms.send': defineCall({
    input: z
      .object({ clientId: ClientId, replyTo: AnyId, uploadId: Id, durationMs: z.number().int().positive() })
      .strict(),
    output: OutgoingMessage,
    access: 'inmate',
  }),
  'messages.outgoing': defineCall({ input: NoInput, output: z.array(OutgoingMessage), access: 'inmate' }),
  /**
   * "Where is my message?": the moments of one of my sent messages (by the id `messages.outgoing` gives).
   * From the facility server when it can be reached (fromServer), else what the device itself knows.
   */
  'messages.trail': defineCall({
    input: z.object({ id: AnyId }).strict(),
    output: z.object({ events: z.array(TrailEvent).max(200), fromServer: z.boolean() }),
    access: 'inmate',
  }),
  'drafts.list': defineCall({ input: NoInput, output: z.array(Draft), access: 'inmate' }),
  /** Keyed by replyTo (a reply) or contactId (a new message), exactly one of them, like `messages.send`. */
  'drafts.save': defineCall({
    input: z
      .object({
        id: AnyId.nullable(),
        replyTo: AnyId.optional(),
        contactId: AnyId.optional(),
        body: Text(MESSAGE_HARD_MAX_CHARS),
      })
      .strict()
      .refine((input) => (input.replyTo === undefined) !== (input.contactId === undefined), {
        message: 'Give either replyTo or contactId.',
      }),
    output: Draft,
    access: 'inmate',
  }),
  'drafts.delete': defineCall({ input: z.object({ id: AnyId }).strict(), output: Ok, access: 'inmate' }),

  'account.summary': defineCall({ input: NoInput, output: AccountSummary, access: 'inmate' }),
  /** A copy of my own data: the server builds it and staff hand it over (at release, or to a contact); never onto the kiosk. */
  'account.requestExport': defineCall({
    input: z.object({ clientId: ClientId }).strict(),
    output: Ok,
    access: 'inmate',
  }),
  'announcements.list': defineCall({
    input: NoInput,
    output: z.array(z.object({ id: z.string(), title: z.string(), body: z.string(), postedAt: z.number().int() })),
    access: 'inmate',
  }),
  'support.list': defineCall({ input: NoInput, output: z.array(Ticket), access: 'inmate' }),
  'support.open': defineCall({
    input: z.object({ clientId: ClientId, subject: Text(200), body: Text(5000) }).strict(),
    output: Ticket,
    access: 'inmate',
  }),
  'support.reply': defineCall({
    input: z.object({ clientId: ClientId, ticketId: AnyId, body: Text(5000) }).strict(),
    output: Ticket,
    access: 'inmate',
  }),

  'library.catalog': defineCall({
    input: z.object({ kind: LibraryKind, search: Text(100) }).strict(),
    output: z.array(LibraryItem),
    access: 'inmate',
  }),
  'library.purchase': defineCall({
    input: z.object({ clientId: ClientId, itemId: AnyId }).strict(),
    output: LibraryItem,
    access: 'inmate',
  }),
  'library.bookUrl': defineCall({
    input: z.object({ itemId: AnyId }).strict(),
    output: z.object({ url: z.string() }),
    access: 'inmate',
  }),
  'library.progress': defineCall({
    input: z.object({ itemId: AnyId }).strict(),
    output: ReadingPosition.nullable(),
    access: 'inmate',
  }),
  'library.saveProgress': defineCall({
    input: z.object({ itemId: AnyId, position: ReadingPosition }).strict(),
    output: Ok,
    access: 'inmate',
  }),
  /** A book the reader could not open: the reason goes to the device's diagnostics (recent errors). */
  'library.bookProblem': defineCall({
    input: z
      .object({
        itemId: AnyId,
        problem: z.enum(['broken', 'empty', 'over_limits', 'unavailable']),
        detail: z.string().max(300),
      })
      .strict(),
    output: Ok,
    access: 'inmate',
  }),
  'library.tracks': defineCall({
    input: z.object({ albumId: AnyId }).strict(),
    output: z.array(z.object({ id: z.string(), title: z.string(), url: z.string(), durationSeconds: z.number() })),
    access: 'inmate',
  }),
  /** The facility's music volume cap (share of full volume), applied by the player. */
  'music.settings': defineCall({
    input: NoInput,
    output: z.object({ volumeMax: z.number().min(0).max(1) }),
    access: 'inmate',
  }),
  'courses.get': defineCall({ input: z.object({ courseId: AnyId }).strict(), output: Course, access: 'inmate' }),
  'courses.submitQuiz': defineCall({
    input: z
      .object({
        clientId: ClientId,
        courseId: AnyId,
        lessonId: Text(64),
        answers: z.record(z.string().max(64), z.number().int().min(0).max(20)),
      })
      .strict(),
    output: z.object({ correct: z.number().int(), total: z.number().int(), passed: z.boolean(), course: Course }),
    access: 'inmate',
  }),
  'sync.status': defineCall({ input: NoInput, output: SyncState, access: 'public' }),
};

export const inmateEvents = {
  /** Sent only to the connection whose session it is, like every session.* event. */
  'session.expiring': z.object({ secondsLeft: z.number().int().nonnegative() }),
  /** The facility's maximum session length is near (shared kiosks); activity does not extend it. */
  'session.ending': z.object({ secondsLeft: z.number().int().nonnegative() }),
  'session.ended': z.object({ reason: z.enum(['idle', 'max_length', 'signed_out', 'released']) }),
  'inbox.changed': z.object({}),
  'outbox.changed': z.object({}),
  'sync.status': SyncState,
};
