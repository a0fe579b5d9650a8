import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { PushRequest, PushResponse, syncPaths, type PushItem, type PushResult } from '../../shared/sync/protocol';
import { InmateAuth } from '../../electron/core/auth/inmate-auth';
import { Sessions } from '../../electron/core/auth/sessions';
import { CacheStore } from '../../electron/core/cache/cache-store';
import { migrate } from '../../electron/core/db/migrations';
import { SettingsStore } from '../../electron/core/db/settings';
import { inmateHandlers, type InmateHandlers } from '../../electron/core/inmate/inmate-handlers';
import { MediaTokens } from '../../electron/core/inmate/media-tokens';
import { createLogger } from '../../electron/core/log';
import { MediaCache } from '../../electron/core/media/media-cache';
import type { FacilityFetch } from '../../electron/core/provisioning/pinned-fetch';
import { Outbox } from '../../electron/core/sync/outbox';
import { SyncEngine } from '../../electron/core/sync/sync-engine';
import type { InmateScope, ServerWrite } from './sync-convergence';

/**
 * The kiosk of tests/integration/core/sync-push-property: the real core pieces (inmate handlers, outbox,
 * SyncEngine, CacheStore) behind a network that loses answers, sends twice and cuts pulls, and the random
 * steps the property draws.
 */
export const screen = { connectionId: 'property-screen' };

/** Across all runs: proof that the interesting paths really ran. */
export interface Seen {
  pushes: number;
  lostAnswers: number;
  retriedAfterLoss: number;
  sentTwice: number;
  replayed: number;
  cutPulls: number;
}

export type DeviceWrite =
  | { kind: 'send' | 'reply' | 'read' | 'ticket' | 'ticketReply' | 'buy'; pick: number }
  | { kind: 'progress'; pick: number; chapter: number };
/** How the network treats one sync: the push's answer, and how many pull pages get through (null: all). */
type SyncStep = { kind: 'sync'; push: 'deliver' | 'lose-answer' | 'send-twice'; pages: number | null };
/** An old push request sent again as it was (a proxy or a restarted device replaying it). */
type ReplayStep = { kind: 'replay'; pick: number; count: number };
export type Step = ServerWrite | DeviceWrite | SyncStep | ReplayStep;
const deviceKinds: readonly string[] = ['send', 'reply', 'read', 'ticket', 'ticketReply', 'buy', 'progress'];
export const isDeviceWrite = (s: Step): s is DeviceWrite => deviceKinds.includes(s.kind);

const pick = fc.nat({ max: 1_000 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constantFrom<Step>(
    { kind: 'announce' },
    { kind: 'withdraw' },
    { kind: 'deposit' },
    { kind: 'family' },
    { kind: 'offer' },
  ),
  fc.record({ kind: fc.constant('review' as const), approve: fc.boolean() }),
  fc.record({
    kind: fc.constantFrom('send' as const, 'reply' as const, 'read' as const, 'ticket' as const),
    pick,
  }),
  fc.record({ kind: fc.constantFrom('ticketReply' as const, 'buy' as const), pick }),
  // Few books, so saves often land on one already saved; often within the same millisecond, too.
  fc.record({ kind: fc.constant('progress' as const), pick: fc.nat({ max: 2 }), chapter: fc.nat({ max: 1_000 }) }),
  fc.record({
    kind: fc.constant('sync' as const),
    push: fc.constantFrom('deliver' as const, 'lose-answer' as const, 'send-twice' as const),
    pages: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
  }),
  fc.record({ kind: fc.constant('replay' as const), pick, count: fc.integer({ min: 1, max: 5 }) }),
);
// Every run queues at least one item: a support ticket can always be opened.
export const steps = fc
  .tuple(fc.array(step, { maxLength: 20 }), fc.array(step, { maxLength: 20 }))
  .map(([before, after]): Step[] => [...before, { kind: 'ticket', pick: 0 }, ...after]);

export interface Kiosk {
  readonly db: Database.Database;
  readonly cache: CacheStore;
  readonly handlers: InmateHandlers;
  readonly sync: (network: Omit<SyncStep, 'kind'>) => Promise<void>;
  /** Every item the network carried to the server, by id (the last copy sent). */
  readonly sent: Map<string, PushItem>;
  /** The server's first answer to each item; every later answer must equal it. */
  readonly answers: Map<string, PushResult>;
  close(): void;
}

export function propertyKiosk(
  pageSize: number,
  context: { server: { url: string }; device: { auth: string }; scope: InmateScope; seen: Seen },
): Kiosk {
  const { server, device, scope, seen } = context;
  const db = new Database(':memory:');
  migrate(db);
  const cache = new CacheStore(db);
  const outbox = new Outbox(db);
  const settings = new SettingsStore(db);
  const sent = new Map<string, PushItem>();
  const answers = new Map<string, PushResult>();
  const lost = new Set<string>();
  let network: Omit<SyncStep, 'kind'> = { push: 'deliver', pages: null };

  const remember = (results: readonly PushResult[]) => {
    for (const result of results) {
      const first = answers.get(result.id);
      if (first) expect(result, `answer to ${result.id} changed`).toEqual(first);
      else answers.set(result.id, result);
    }
  };
  const pushOnce = async (url: string, init: Parameters<FacilityFetch>[1]) => {
    const response = await fetch(url, init);
    const text = await response.text();
    if (response.ok) remember(PushResponse.parse(JSON.parse(text)).results);
    return { response, text };
  };
  // The network between the engine and the server; only this misbehaves, the engine is the real one.
  const flaky: FacilityFetch = async (url, init) => {
    if (url.includes(syncPaths.push)) {
      const items = PushRequest.parse(JSON.parse(typeof init?.body === 'string' ? init.body : '')).items;
      seen.pushes += 1;
      for (const item of items) {
        if (lost.has(item.id)) seen.retriedAfterLoss += 1;
        sent.set(item.id, item);
      }
      if (network.push === 'lose-answer') {
        await pushOnce(url, init);
        items.forEach((item) => lost.add(item.id));
        seen.lostAnswers += 1;
        throw new TypeError('fetch failed: connection reset before the answer arrived');
      }
      const copies = await Promise.all(
        Array.from({ length: network.push === 'send-twice' ? 2 : 1 }, () => pushOnce(url, init)),
      );
      if (copies.length === 2) seen.sentTwice += 1;
      const [{ response, text }] = copies as [{ response: Response; text: string }];
      return new Response(text, { status: response.status, headers: response.headers });
    }
    if (url.includes(syncPaths.pull) && network.pages !== null) {
      if (network.pages === 0) {
        seen.cutPulls += 1;
        throw new TypeError('fetch failed: network unreachable');
      }
      network = { ...network, pages: network.pages - 1 };
    }
    return fetch(url, init);
  };
  const media = new MediaCache(db, mkdtempSync(join(tmpdir(), 'kiosk-media-')), randomBytes(32));
  const sync = new SyncEngine({
    db,
    cache,
    outbox,
    media,
    settings,
    log: createLogger('test', () => undefined),
    target: () => ({ url: server.url, fetch: flaky, authorization: device.auth, fingerprint: null }),
    pageSize,
  });
  const sessions = new Sessions();
  const handlers = inmateHandlers({
    db,
    cache,
    outbox,
    sessions,
    auth: new InmateAuth({ db, cache, sessions, mode: () => 'kiosk', queuePinOp: () => undefined }),
    media,
    tokens: new MediaTokens(),
    // Never started: the test decides when a sync runs, so a handler's "sync soon" is a no-op.
    sync,
    incomingDir: mkdtempSync(join(tmpdir(), 'kiosk-incoming-')),
    // Drafts play no part in what is pushed; their journal has tests of its own.
    draftJournal: { saved: () => undefined, deleted: () => undefined },
    emit: () => undefined,
  });
  sessions.begin(screen.connectionId, scope.inmateId, { idleTimeoutMs: 3_600_000, maxSessionMs: null });
  return {
    db,
    cache,
    handlers,
    sent,
    answers,
    async sync(next) {
      network = next;
      // A failed sync (the network did it) leaves everything for the next one, as on a real kiosk.
      await sync.syncNow().catch((error: unknown) => {
        if (!(error instanceof TypeError)) throw error;
      });
      network = { push: 'deliver', pages: null };
    },
    close() {
      sync.stop();
      sessions.close();
      db.close();
    },
  };
}
