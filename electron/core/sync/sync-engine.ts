import { EventEmitter } from 'node:events';
import type { createConnection } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { Database } from 'better-sqlite3';
import WebSocket from 'ws';
import { DeviceReport, PushResponse, SignalMessage, syncPaths, PUSH_BATCH_MAX } from '../../../shared/sync/protocol';
import type { SyncProgress, SyncState } from '../../../shared/kiosk-api/calls/inmate';
import type { CacheStore } from '../cache/cache-store';
import type { SettingsStore } from '../db/settings';
import type { Logger } from '../log';
import type { MediaCache } from '../media/media-cache';
import type { FacilityFetch } from '../provisioning/pinned-fetch';
import { backoffDelayMs } from './backoff';
import type { SyncFaultPoint } from '../../../shared/core-host/fault-points';
import type { Outbox } from './outbox';
import type { PendingReports } from './pending-reports';
import { applyPullPage, CURSOR_KEY, readPullPage } from './pull-page';
import { z } from 'zod';

export interface SyncTarget {
  readonly url: string;
  readonly fetch: FacilityFetch;
  readonly authorization: string;
  /** Pinned certificate of an https server, for the signal socket. */
  readonly fingerprint: string | null;
}

export interface SyncEngineOptions {
  readonly db: Database;
  readonly cache: CacheStore;
  readonly outbox: Outbox;
  readonly media: MediaCache;
  readonly settings: SettingsStore;
  readonly log: Logger;
  readonly target: () => SyncTarget | null;
  readonly intervalMs?: number;
  readonly pageSize?: number;
  /** A request that takes longer is abandoned (and retried with backoff). */
  readonly requestTimeoutMs?: number;
  readonly now?: () => number;
  readonly random?: () => number;
  /**
   * Records the server must get besides the outbox (the technician audit log, periodic
   * diagnostics): sent with every sync after the pull, kept until the server acknowledged them.
   */
  readonly reports?: PendingReports;
  /**
   * Test instrumentation (fault tests only): called at the moments a kill -9 is most
   * interesting, so a test can kill core exactly there instead of after a random delay.
   */
  readonly faultPoint?: (point: SyncFaultPoint) => void;
}

const REPORT_BATCH_MAX = 200;

const LAST_SYNC_KEY = 'sync.last';

class MalformedResponseError extends Error {
  constructor(what: string, detail: string) {
    super(`malformed ${what} from the server, nothing applied: ${detail}`);
    this.name = 'MalformedResponseError';
  }
}

/**
 * Keeps the device's cache equal to its scope on the server and empties the
 * outbox. One sync is: upload media of queued videograms, push the outbox,
 * pull every page after the cursor (each page and its cursor in one
 * transaction, so a crash replays at most one page and never skips one).
 * Runs at start, on an interval, soon after an outbox write, when the
 * server comes back, and when the server's change signal says so; after a
 * failure it waits with jittered backoff instead of busy-looping.
 */
/** `applied`: rows a pull page applied; `settled`: outbox items the server answered (sent, rejected, retry). */
export class SyncEngine extends EventEmitter<{ status: [SyncState]; applied: [number]; settled: [number] }> {
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private stopped = true;
  private socket: WebSocket | null = null;
  private socketRetry: NodeJS.Timeout | null = null;
  private state: SyncState['state'] = 'idle';
  /** How far the running sync has got (sent with every status event); null between syncs. */
  private progress: SyncProgress | null = null;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly options: SyncEngineOptions) {
    super();
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  status(): SyncState {
    const last = this.options.settings.get(LAST_SYNC_KEY, z.object({ at: z.number(), durationMs: z.number() }));
    return {
      state: this.state,
      lastSyncAt: last?.at ?? null,
      pendingUploads: this.options.outbox.depth(),
      progress: this.progress,
    };
  }

  lastSyncDurationMs(): number | null {
    return (
      this.options.settings.get(LAST_SYNC_KEY, z.object({ at: z.number(), durationMs: z.number() }))?.durationMs ?? null
    );
  }

  start(): void {
    this.stopped = false;
    this.trigger(0);
    this.openSignal();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.socketRetry) clearTimeout(this.socketRetry);
    this.timer = null;
    this.socket?.terminate();
    this.socket = null;
  }

  /** Asks for a sync after `delayMs` (coalesced with one already planned sooner). */
  trigger(delayMs = 200): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.syncNow().catch(() => undefined), delayMs);
    this.timer.unref();
  }

  /** One full sync now (or joins the one running, and runs once more after it). */
  async syncNow(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.runOnce().finally(() => {
      this.running = null;
      if (this.again && !this.stopped) {
        this.again = false;
        this.trigger(0);
      }
    });
    return this.running;
  }

  private setState(state: SyncState['state']): void {
    this.state = state;
    if (state !== 'syncing') this.progress = null;
    this.emit('status', this.status());
  }

  private advance(change: Partial<SyncProgress>): void {
    if (!this.progress) return;
    this.progress = { ...this.progress, ...change };
    this.emit('status', this.status());
  }

  private async runOnce(): Promise<void> {
    const target = this.options.target();
    if (!target) return;
    const started = this.now();
    this.progress = { phase: 'push', pushed: 0, pages: 0, rowsApplied: 0, rowsTotal: null };
    this.setState('syncing');
    try {
      await this.uploadVideograms(target);
      await this.push(target);
      await this.pull(target);
      await this.sendReports(target);
      this.options.outbox.forgetDelivered();
      this.options.outbox.compactJournal();
      this.failures = 0;
      this.options.settings.set(LAST_SYNC_KEY, { at: this.now(), durationMs: this.now() - started });
      this.setState('idle');
      if (!this.stopped) this.trigger(this.options.intervalMs ?? 60_000);
      if (!this.socket) this.openSignal();
    } catch (error) {
      this.failures += 1;
      const offline =
        !(error instanceof MalformedResponseError) && !(error instanceof HttpStatusError && error.status < 500);
      this.options.log.warn('sync failed', {
        error: error instanceof Error ? error.message : String(error),
        attempt: this.failures,
      });
      this.setState(offline ? 'offline' : 'error');
      if (!this.stopped) this.trigger(backoffDelayMs(this.failures, this.random));
      throw error;
    }
  }

  private async request(
    target: SyncTarget,
    path: string,
    init?: Parameters<FacilityFetch>[1],
    timeoutMs = this.options.requestTimeoutMs ?? 30_000,
  ) {
    const response = await target.fetch(`${target.url}${path}`, {
      ...init,
      headers: { authorization: target.authorization, ...(init?.headers ?? {}) },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw new HttpStatusError(response.status, path);
    return response;
  }

  private async uploadVideograms(target: SyncTarget): Promise<void> {
    for (const item of this.options.outbox.due(this.now(), PUSH_BATCH_MAX)) {
      if (item.op.kind !== 'videogram.send') continue;
      const body = this.options.media.readPlain(item.op.video.sha256);
      if (!body) continue; // the server will answer "retry: media_missing"; nothing to send from here
      const response = await target.fetch(`${target.url}${syncPaths.media}/${item.op.video.sha256}`, {
        method: 'PUT',
        headers: { authorization: target.authorization, 'content-type': item.op.video.mime },
        body,
        signal: AbortSignal.timeout(300_000),
      });
      if (!response.ok) throw new HttpStatusError(response.status, 'media upload');
    }
  }

  private async push(target: SyncTarget): Promise<void> {
    for (;;) {
      const items = this.options.outbox.due(this.now(), PUSH_BATCH_MAX);
      if (items.length === 0) return;
      this.options.faultPoint?.('push:sending');
      const response = await this.request(target, syncPaths.push, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // The moment of sending is part of the message's trail on the server ("why didn't it arrive").
        body: JSON.stringify({ items: items.map((item) => ({ ...item, trail: { pushedAt: this.now() } })) }),
      });
      const parsed = PushResponse.safeParse(JSON.parse(await response.text()));
      if (!parsed.success) throw new MalformedResponseError('push response', parsed.error.message.slice(0, 300));
      // The server has applied the batch; the device has not recorded the answers yet.
      this.options.faultPoint?.('push:answered');
      this.options.outbox.settle(parsed.data.results, this.now(), (attempts) => backoffDelayMs(attempts, this.random));
      this.advance({ pushed: (this.progress?.pushed ?? 0) + parsed.data.results.length });
      // The statuses the Sent screen shows just changed (sent, or refused with its reason): say so now, not at the next pull.
      if (parsed.data.results.length > 0) this.emit('settled', parsed.data.results.length);
      // Items the server asked to retry later are not due again in this round.
      if (parsed.data.results.every((r) => r.status === 'retry') || items.length < PUSH_BATCH_MAX) return;
    }
  }

  /**
   * Sends report items now, outside a sync (a technician's "send logs", the record of a wipe or
   * re-enrollment): one request, true when the server took them. Not enrolled: false. The caller
   * marks what was sent.
   */
  async sendReportNow(items: DeviceReport['items'], timeoutMs = 10_000): Promise<boolean> {
    const target = this.options.target();
    if (!target) return false;
    if (items.length === 0) return true;
    try {
      await this.postReports(target, items, timeoutMs);
      return true;
    } catch {
      return false;
    }
  }

  private postReports(target: SyncTarget, items: DeviceReport['items'], timeoutMs?: number) {
    const body = JSON.stringify(DeviceReport.parse({ items }));
    return this.request(
      target,
      syncPaths.report,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body },
      timeoutMs,
    );
  }

  /**
   * The technician audit trail rides along with every sync, not only with
   * "send logs" or a wipe. A record leaves the device's list only when the
   * server answered 2xx (it stores each id once, so a resend after a lost
   * answer is harmless). A server refusing reports does not stop the sync:
   * the records stay and go with the next one.
   */
  private async sendReports(target: SyncTarget): Promise<void> {
    const reports = this.options.reports;
    if (!reports) return;
    await reports.prepare?.({ syncedAt: this.now() });
    for (let round = 0; round < 50; round += 1) {
      const items = reports.unreported(REPORT_BATCH_MAX);
      if (items.length === 0) return;
      try {
        await this.postReports(target, items);
      } catch (error) {
        if (error instanceof HttpStatusError) {
          this.options.log.warn('device reports not accepted; kept for the next sync', { status: error.status });
          return;
        }
        throw error; // offline: the sync failed like any other request
      }
      reports.markReported(items.map((item) => item.id));
      if (items.length < REPORT_BATCH_MAX) return;
    }
  }

  private async pull(target: SyncTarget): Promise<void> {
    const pageSize = this.options.pageSize ?? 500;
    this.advance({ phase: 'pull' });
    for (;;) {
      const cursor = this.options.settings.get(CURSOR_KEY, z.number().int().nonnegative()) ?? 0;
      const response = await this.request(target, `${syncPaths.pull}?cursor=${cursor}&limit=${pageSize}`);
      let body: unknown;
      try {
        body = JSON.parse(await response.text());
      } catch {
        throw new MalformedResponseError('pull page', 'not JSON');
      }
      const read = readPullPage(body, this.now());
      if ('problem' in read) throw new MalformedResponseError('pull page', read.problem);
      const page = read.page;
      if (page.cursor < cursor) throw new MalformedResponseError('pull page', 'cursor went backwards');
      this.options.faultPoint?.('pull:received');
      const quarantined = applyPullPage(this.options, page, () => this.options.faultPoint?.('pull:applying'), this.now);
      // Skipped, not fatal: one bad row must not stop this device's sync (or every device of its unit).
      for (const entry of quarantined) this.options.log.error('sync change quarantined', entry);
      this.emit('applied', page.changes.length);
      const rowsApplied = (this.progress?.rowsApplied ?? 0) + page.changes.length;
      const remaining = page.hasMore ? page.remaining : 0;
      this.advance({
        pages: (this.progress?.pages ?? 0) + 1,
        rowsApplied,
        rowsTotal: remaining === undefined ? null : rowsApplied + remaining,
      });
      if (!page.hasMore) return;
    }
  }

  /** The server's "something new" socket; reconnects with backoff while the engine runs. */
  private openSignal(): void {
    const target = this.options.target();
    if (!target || this.stopped || this.socket) return;
    const url = `${target.url.replace(/^http/, 'ws')}${syncPaths.signal}`;
    const fingerprint = target.fingerprint;
    const socket = new WebSocket(url, {
      headers: { authorization: target.authorization },
      handshakeTimeout: 10_000,
      ...(fingerprint
        ? {
            // Same pin as every other request: the credential goes to no other certificate.
            createConnection: pinnedConnector(fingerprint),
          }
        : {}),
    });
    this.socket = socket;
    socket.on('message', (data: Buffer) => {
      const message = SignalMessage.safeParse(JSON.parse(data.toString()));
      if (message.success) this.trigger(0);
    });
    const reconnect = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.stopped) return;
      this.socketRetry = setTimeout(
        () => this.openSignal(),
        backoffDelayMs(Math.max(1, this.failures), this.random, 2_000, 60_000),
      );
      this.socketRetry.unref();
    };
    socket.on('open', () => this.trigger(0)); // anything missed while disconnected
    socket.on('close', reconnect);
    socket.on('error', () => socket.terminate());
  }
}

/** A TLS connector that drops the connection before the request is written if the certificate is not the pinned one. */
function pinnedConnector(fingerprint: string): typeof createConnection {
  const connector = (options: { host?: string; port?: number; servername?: string }) => {
    const tls = tlsConnect({
      ...(options.host ? { host: options.host } : {}),
      ...(options.port ? { port: options.port } : {}),
      ...(options.servername ? { servername: options.servername } : {}),
      rejectUnauthorized: false,
    });
    tls.once('secureConnect', () => {
      if (tls.getPeerCertificate().fingerprint256 !== fingerprint) tls.destroy(new Error('certificate pin mismatch'));
    });
    return tls;
  };
  return connector as unknown as typeof createConnection;
}

class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    what: string,
  ) {
    super(`${what}: HTTP ${status}`);
    this.name = 'HttpStatusError';
  }
}
