/* eslint-disable @typescript-eslint/require-await -- the fakes are async to match the real ports, with nothing to wait for */
import { KioskError } from '../../shared/kiosk-api/errors';
import type {
  AccountSummary,
  Announcement,
  Course,
  Draft,
  InboxFilter,
  InboxRow,
  KioskServices,
  Message,
  OutgoingMessage,
  ReadingPosition,
  SignInResult,
  SyncState,
  Ticket,
  Track,
} from '../src/api/ports';
import {
  courseLessons,
  demoCatalog,
  demoContacts,
  demoInmate,
  demoPin,
  phrases,
  quizAnswers,
  senders,
} from './fake-data';

/**
 * An in-memory kiosk for component tests, the screen harness and the inbox
 * bench: deterministic data, 100k messages computed on demand (never all held),
 * and knobs to make sign-in ask the security question, lock out or be offline.
 */
export interface FakeOptions {
  messageCount?: number;
  /** URLs the harness makes (a generated EPUB, a tone, a photo); tests can leave them blank. */
  media?: { bookUrl?: string; trackUrl?: string; photoUrl?: string; videoUrl?: string; captionsUrl?: string };
  idleTimeoutMs?: number;
  now?: number;
}

export function fakeServices(options: FakeOptions = {}) {
  const total = options.messageCount ?? 240;
  const now = options.now ?? Date.UTC(2026, 10, 20, 15, 0, 0);
  const media = options.media ?? {};
  const read = new Set<number>();
  const listeners = {
    inbox: new Set<() => void>(),
    status: new Set<() => void>(),
    expiring: new Set<(s: number) => void>(),
    ending: new Set<(s: number) => void>(),
    ended: new Set<(r: string) => void>(),
    sync: new Set<(s: SyncState) => void>(),
  };
  const state = {
    askSecurityQuestion: false,
    lockedOut: false,
    offline: false,
    failures: 0,
    pin: demoPin,
    musicVolumeMax: 0.6,
    /** The catalog's approved games (their gameIds). */
    games: ['sudoku', '2048'] as string[],
    sent: [] as OutgoingMessage[],
    drafts: [] as Draft[],
    tickets: [
      {
        id: 't1',
        subject: 'Tablet charger',
        status: 'answered',
        createdAt: now - 86_400_000 * 3,
        replies: [
          { from: 'me', body: 'My charger does not work.', at: now - 86_400_000 * 3 },
          { from: 'staff', body: 'Bring it to the unit office on Monday.', at: now - 86_400_000 * 2 },
        ],
      },
    ] as Ticket[],
    positions: new Map<string, ReadingPosition>(),
    bookProblems: [] as { id: string; problem: string; detail: string }[],
    owned: new Set<string>(['book-1', 'album-1', 'course-1']),
    completed: new Set<string>(),
    balanceCents: 2450,
    calls: [] as string[],
  };

  const rowAt = (i: number): InboxRow => {
    const kind = i % 11 === 3 ? 'videogram' : i % 7 === 2 ? 'ecard' : 'text';
    return {
      id: `m${i}`,
      from: senders[i % senders.length] ?? 'Family',
      preview: `${phrases[i % phrases.length] ?? ''} (#${i + 1})`,
      receivedAt: now - i * 3_600_000,
      unread: i % 4 === 0 && !read.has(i),
      hasPhotos: i % 5 === 0,
      kind,
    };
  };
  const matches = (row: InboxRow, filter: InboxFilter, search: string) =>
    (filter === 'all' ||
      (filter === 'unread' && row.unread) ||
      (filter === 'photos' && row.hasPhotos) ||
      (filter === 'videogram' && row.kind === 'videogram')) &&
    (!search || `${row.from} ${row.preview}`.toLowerCase().includes(search.toLowerCase()));
  const indexOf = (id: string) => Number(id.slice(1));
  const course = (): Course => ({
    id: 'course-1',
    title: 'Money basics',
    lessons: courseLessons,
    completedLessonIds: [...state.completed],
    certificateIssuedAt: state.completed.size === 2 ? now : null,
  });
  const outgoing = (
    input: { clientId: string; body: string } & ({ replyTo: string } | { contactId: string }),
    kind: 'text' | 'videogram',
  ): OutgoingMessage => {
    const existing = state.sent.find((m) => m.id === input.clientId);
    if (existing) return existing; // idempotent, like the real outbox
    const to =
      'replyTo' in input
        ? rowAt(indexOf(input.replyTo)).from
        : demoContacts.find((c) => c.id === input.contactId)?.displayName;
    if (to === undefined) throw new KioskError({ code: 'not_found', message: 'no such contact' });
    const message: OutgoingMessage = {
      id: input.clientId,
      to,
      body: input.body,
      kind,
      createdAt: now,
      status: state.offline ? 'queued' : 'in_review',
      rejectionReason: null,
      refusal: null,
      stampRefunded: false,
    };
    state.sent.unshift(message);
    return message;
  };
  const signedIn = (): SignInResult => ({
    kind: 'signed-in',
    inmate: demoInmate,
    idleTimeoutMs: options.idleTimeoutMs ?? 5 * 60_000,
  });

  const services: KioskServices = {
    auth: {
      signIn: async (doc, pin) => {
        state.calls.push('signIn');
        if (state.offline) throw new KioskError({ code: 'offline', message: 'offline' });
        if (state.lockedOut)
          throw new KioskError({ code: 'locked_out', message: 'locked', detail: { retryAfterMs: 15 * 60_000 } });
        if (doc !== demoInmate.docNumber || pin !== state.pin) {
          state.failures += 1;
          if (state.failures >= 5) state.lockedOut = true;
          throw new KioskError({
            code: 'unauthorized',
            message: 'wrong',
            detail: { attemptsLeft: 5 - state.failures },
          });
        }
        state.failures = 0;
        return state.askSecurityQuestion
          ? { kind: 'security-question', question: 'What city were you born in?', challengeId: 'c1' }
          : signedIn();
      },
      answerSecurityQuestion: async (_id, answer) => {
        if (answer.toLowerCase() !== 'tucson') throw new KioskError({ code: 'unauthorized', message: 'wrong answer' });
        return signedIn();
      },
      resetPin: async (doc, code) => {
        // Staff codes are letters and digits; core compares them without dashes, spaces or case.
        if (doc !== demoInmate.docNumber || code.replace(/[\s-]/g, '').toUpperCase() !== 'ABCDEFGH')
          throw new KioskError({ code: 'unauthorized', message: 'bad code' });
      },
      changePin: async (current, next) => {
        if (current !== state.pin) {
          state.failures += 1;
          throw new KioskError({
            code: 'unauthorized',
            message: 'wrong',
            detail: { attemptsLeft: 5 - state.failures },
          });
        }
        state.failures = 0;
        state.pin = next;
      },
      signOut: async () => void state.calls.push('signOut'),
      keepAlive: async () => void state.calls.push('keepAlive'),
      onExpiring: (l) => (listeners.expiring.add(l), () => listeners.expiring.delete(l)),
      onEnding: (l) => (listeners.ending.add(l), () => listeners.ending.delete(l)),
      onEnded: (l) => (listeners.ended.add(l), () => listeners.ended.delete(l)),
    },
    inbox: {
      list: async ({ filter, search, offset, limit }) => {
        if (filter === 'all' && !search) {
          const rows: InboxRow[] = [];
          for (let i = offset; i < Math.min(total, offset + limit); i++) rows.push(rowAt(i));
          return { rows, total };
        }
        const all: InboxRow[] = [];
        for (let i = 0; i < total; i++) {
          const row = rowAt(i);
          if (matches(row, filter, search)) all.push(row);
        }
        return { rows: all.slice(offset, offset + limit), total: all.length };
      },
      get: async (id): Promise<Message> => {
        const i = indexOf(id);
        if (!(i >= 0 && i < total)) throw new KioskError({ code: 'not_found', message: 'no such message' });
        const row = rowAt(i);
        return {
          id,
          from: row.from,
          contactId: `c${i % senders.length}`,
          receivedAt: row.receivedAt,
          body: `${row.preview}\n\nLove,\n${row.from}`,
          unread: row.unread,
          kind: row.kind,
          photos: row.hasPhotos
            ? [0, 1, 2].map((n) => ({ id: `${id}-p${n}`, url: media.photoUrl ?? '', alt: `Family photo ${n + 1}` }))
            : [],
          ecard:
            row.kind === 'ecard' ? { template: 'birthday', greeting: 'Wishing you a good day. We miss you!' } : null,
          videogram:
            row.kind === 'videogram'
              ? { url: media.videoUrl ?? '', captionsUrl: media.captionsUrl ?? null, durationSeconds: 42 }
              : null,
        };
      },
      markRead: async (id) => void read.add(indexOf(id)),
      counts: async () => ({ unread: Math.ceil(total / 4) - read.size, unreadVideograms: 3 }),
      onChanged: (l) => (listeners.inbox.add(l), () => listeners.inbox.delete(l)),
    },
    compose: {
      rules: async () => ({
        maxChars: 2000,
        stampCostCents: 50,
        videogramStampCostCents: 150,
        balanceCents: state.balanceCents,
      }),
      contacts: async () => [...demoContacts],
      send: async (input) => outgoing(input, 'text'),
      sendVideogram: async (input) => {
        if (input.durationMs > 180_000) throw new KioskError({ code: 'limit', message: 'too long' });
        return outgoing({ ...input, body: '' }, 'videogram');
      },
      trail: async () => ({
        events: [
          { at: Date.UTC(2026, 0, 5, 14), kind: 'written', source: 'device', detail: {}, actor: null },
          { at: Date.UTC(2026, 0, 5, 14), kind: 'queued', source: 'device', detail: {}, actor: null },
          { at: Date.UTC(2026, 0, 5, 14, 1), kind: 'received', source: 'server', detail: {}, actor: null },
          { at: Date.UTC(2026, 0, 5, 14, 1), kind: 'held', source: 'server', detail: { by: 'review' }, actor: null },
        ],
        fromServer: true,
      }),
      outgoing: async () => [
        ...state.sent,
        {
          id: 'old-1',
          to: 'Ana Ruiz',
          body: 'See you at the visit.',
          kind: 'text',
          createdAt: now - 86_400_000,
          status: 'rejected',
          rejectionReason: 'Contains a phone number',
          refusal: null,
          stampRefunded: true,
        },
      ],
      drafts: async () => [...state.drafts],
      saveDraft: async ({ id, body, ...to }) => {
        const replyTo = 'replyTo' in to ? to.replyTo : null;
        const contactId = 'contactId' in to ? to.contactId : null;
        const draft: Draft = {
          id: id ?? `d${state.drafts.length + 1}`,
          replyTo,
          contactId,
          to:
            replyTo !== null
              ? rowAt(indexOf(replyTo)).from
              : (demoContacts.find((c) => c.id === contactId)?.displayName ?? ''),
          body,
          updatedAt: now,
        };
        state.drafts = [draft, ...state.drafts.filter((d) => d.id !== draft.id)];
        return draft;
      },
      deleteDraft: async (id) => void (state.drafts = state.drafts.filter((d) => d.id !== id)),
      onStatus: (l) => (listeners.status.add(l), () => listeners.status.delete(l)),
    },
    account: {
      summary: async (): Promise<AccountSummary> => ({
        balanceCents: state.balanceCents,
        asOf: now - 600_000,
        transactions: [
          {
            id: 'x1',
            at: now - 86_400_000,
            label: { code: 'deposit', from: 'Maria Lopez' },
            amountCents: 2500,
            kind: 'deposit',
          },
          { id: 'x2', at: now - 3_600_000, label: { code: 'message_stamp' }, amountCents: -50, kind: 'stamp' },
        ],
        scheduledDeposits: [{ id: 's1', from: 'Maria Lopez', dueAt: now + 5 * 86_400_000, amountCents: 2000 }],
        releaseCard: { status: 'requested', lastFour: null },
      }),
    },
    announcements: {
      list: async (): Promise<Announcement[]> => [
        {
          id: 'a1',
          title: 'Visiting hours',
          body: 'Visiting hours change to 9–3 on weekends.',
          postedAt: now - 7_200_000,
        },
        { id: 'a2', title: 'New books', body: 'New books in the library this week.', postedAt: now - 86_400_000 },
      ],
    },
    support: {
      tickets: async () => [...state.tickets],
      open: async ({ clientId, subject, body }) => {
        const ticket: Ticket = {
          id: clientId,
          subject,
          status: 'open',
          createdAt: now,
          replies: [{ from: 'me', body, at: now }],
        };
        state.tickets.unshift(ticket);
        return ticket;
      },
      reply: async ({ ticketId, body }) => {
        const ticket = state.tickets.find((t) => t.id === ticketId);
        if (!ticket) throw new KioskError({ code: 'not_found', message: 'no ticket' });
        ticket.replies.push({ from: 'me', body, at: now });
        return ticket;
      },
    },
    library: {
      catalog: async ({ kind, search }) =>
        demoCatalog
          .filter((item) => item.kind === kind && item.title.toLowerCase().includes(search.toLowerCase()))
          .map((item) => ({ ...item, owned: state.owned.has(item.id) })),
      purchase: async ({ itemId }) => {
        const item = demoCatalog.find((i) => i.id === itemId);
        if (!item) throw new KioskError({ code: 'not_found', message: 'no item' });
        if (!state.owned.has(itemId)) {
          if (state.balanceCents < item.priceCents) throw new KioskError({ code: 'limit', message: 'funds' });
          state.balanceCents -= item.priceCents;
          state.owned.add(itemId);
        }
        return { ...item, owned: true };
      },
      bookUrl: async () => media.bookUrl ?? '',
      musicSettings: async () => ({ volumeMax: state.musicVolumeMax }),
      games: async () => state.games.map((gameId) => ({ id: `game-${gameId}`, title: gameId, gameId, owned: true })),
      readingPosition: async (id) => state.positions.get(id) ?? null,
      saveReadingPosition: async (id, position) => void state.positions.set(id, position),
      reportBookProblem: async (id, problem, detail) => void state.bookProblems.push({ id, problem, detail }),
      tracks: async (albumId): Promise<Track[]> =>
        [1, 2, 3].map((n) => ({
          id: `${albumId}-t${n}`,
          title: `Track ${n}`,
          url: media.trackUrl ?? '',
          durationSeconds: 3,
        })),
      course: async () => course(),
      submitQuiz: async ({ lessonId, answers: given }) => {
        const lesson = course().lessons.find((l) => l.id === lessonId);
        const quiz = lesson?.quiz ?? [];
        const wrongQuestionIds = quiz.filter((q) => given[q.id] !== quizAnswers[q.id]).map((q) => q.id);
        const correct = quiz.length - wrongQuestionIds.length;
        // As the demo course: two thirds right passes (core reads the course's pass fraction).
        const passed = correct * 3 >= quiz.length * 2;
        if (passed) state.completed.add(lessonId);
        return { correct, total: quiz.length, passed, wrongQuestionIds, course: course() };
      },
    },
    sync: {
      status: async (): Promise<SyncState> => ({
        state: state.offline ? 'offline' : 'idle',
        lastSyncAt: now - 300_000,
        pendingUploads: state.sent.filter((m) => m.status === 'queued').length,
        progress: null,
      }),
      onChange: (l) => (listeners.sync.add(l), () => listeners.sync.delete(l)),
    },
  };
  return {
    services,
    state,
    emitExpiring: (seconds: number) => listeners.expiring.forEach((l) => l(seconds)),
    emitEnding: (seconds: number) => listeners.ending.forEach((l) => l(seconds)),
    emitEnded: () => listeners.ended.forEach((l) => l('timeout')),
    emitSync: (sync: SyncState) => listeners.sync.forEach((l) => l(sync)),
  };
}
