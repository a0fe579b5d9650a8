import type { Database } from 'better-sqlite3';
import type { CallOutput, ParsedCallInput } from '../../../shared/kiosk-api/contract';
import type { inmateCalls } from '../../../shared/kiosk-api/calls/inmate';
import { KioskError } from '../../../shared/kiosk-api/errors';
import type { OutboxOp } from '../../../shared/sync/protocol';
import type { ContactRow, MessageRow } from '../../../shared/sync/rows';
import type { CallContext } from '../api/handlers';
import type { InmateAuth } from '../auth/inmate-auth';
import type { Sessions } from '../auth/sessions';
import type { CacheStore } from '../cache/cache-store';
import type { MediaCache } from '../media/media-cache';
import type { Outbox } from '../sync/outbox';
import type { SyncEngine } from '../sync/sync-engine';
import type { DraftJournalWriter } from './draft-journal';
import type { MediaTokens } from './media-tokens';

type InmateCall = keyof typeof inmateCalls;

/** The handlers of some inmate calls (each area of inmate/ implements its own). */
export type HandlersOf<K extends InmateCall> = {
  [P in K]: (input: ParsedCallInput<P>, ctx: CallContext) => Promise<CallOutput<P>> | CallOutput<P>;
};
export type InmateHandlers = HandlersOf<InmateCall>;

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
  /** A message's trail from the facility server (by server or outbox id); null when it cannot be reached. */
  readonly fetchTrail?: (id: string) => Promise<unknown>;
  /** Records a problem in the device's diagnostics (recent errors). */
  readonly reportProblem?: (message: string) => void;
  readonly now?: () => number;
}

export const ok = { ok: true as const };

/**
 * What every area's handlers share: who is calling, the facility's settings, money already
 * promised, queueing for the server, and the lookups that refuse what is not the caller's.
 */
export function inmateScope(deps: InmateDeps) {
  const now = deps.now ?? Date.now;
  const { cache, outbox } = deps;

  /** Money already promised by queued items (stamps, purchases) the server has not charged yet. */
  const pendingSpend = (inmateId: string) => {
    const settings = scope.facility();
    return outbox.forInmate(inmateId, ['message.send', 'videogram.send', 'purchase']).reduce((sum, row) => {
      if (row.status !== 'queued') return sum;
      if (row.op.kind === 'message.send') return sum + settings.stampPriceCents;
      if (row.op.kind === 'videogram.send') return sum + settings.videogramStampPriceCents;
      if (row.op.kind === 'purchase') return sum + row.op.priceCents;
      return sum;
    }, 0);
  };

  const scope = {
    deps,
    now,
    /** The signed-in inmate of this connection, or a typed "sign in again". Every private call starts here. */
    me: (ctx: CallContext): string => {
      const session = deps.sessions.get(ctx.connectionId);
      if (!session) throw new KioskError({ code: 'unauthorized', message: 'Please sign in.' });
      deps.sessions.touch(ctx.connectionId);
      return session.inmateId;
    },
    facility: () => {
      const row = cache.all('facilities')[0];
      if (!row) throw new KioskError({ code: 'offline', message: 'This device has not synced with the facility yet.' });
      return row;
    },
    contactName: (contactId: string) => cache.get('contacts', contactId)?.displayName ?? '',
    balance: (inmateId: string) => cache.get('accounts', inmateId)?.balanceCents ?? 0,
    /** The balance less what queued items will cost. */
    spendable: (inmateId: string) => scope.balance(inmateId) - pendingSpend(inmateId),
    queue: (inmateId: string, id: string, op: OutboxOp) => {
      outbox.add({ id, inmateId, op, createdAt: now() });
    },
    afterQueue: () => {
      deps.emit('outbox.changed');
      deps.sync.trigger(100);
    },
    /** The message a reply answers; it must be one of mine. */
    ownMessage: (inmateId: string, id: string): MessageRow => {
      const row = cache.message(id, inmateId);
      if (!row) throw new KioskError({ code: 'not_found', message: 'This message is not here.' });
      return row;
    },
    /** A contact a new message may go to: mine and approved; anything else is not found. */
    approvedContact: (inmateId: string, contactId: string): ContactRow => {
      const contact = cache.get('contacts', contactId);
      if (!contact || contact.inmateId !== inmateId || contact.status !== 'approved')
        throw new KioskError({ code: 'not_found', message: 'This contact is not on your approved list.' });
      return contact;
    },
  };
  return scope;
}
export type InmateScope = ReturnType<typeof inmateScope>;
