import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryEngine } from '../../support/memory-engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncState } from '../../../shared/kiosk-api/calls/inmate';
import { CacheStore } from '../../../electron/core/cache/cache-store';
import { migrate } from '../../../electron/core/db/migrations';
import { SettingsStore } from '../../../electron/core/db/settings';
import { createLogger } from '../../../electron/core/log';
import { MediaCache } from '../../../electron/core/media/media-cache';
import { Outbox } from '../../../electron/core/sync/outbox';
import { SyncEngine } from '../../../electron/core/sync/sync-engine';
import type { RunningServer } from '../../../server/app';
import { demoServer, enroll, pullAll } from '../../support/server-harness';

/**
 * A first sync of a fresh device against the real demo facility, in small
 * pages: the engine says how far it has got after every page, so the setup
 * and home screens can show it.
 */
let server: RunningServer;
beforeAll(async () => {
  server = await demoServer();
}, 60_000);
afterAll(() => server.close());

const engine = (auth: string, pageSize: number) => memoryEngine(server.url, auth, { pageSize }).sync;

describe('sync progress', () => {
  it('is emitted page by page during a multi-page pull, with the total once the server has said it', async () => {
    const device = await enroll(server);
    const everything = await pullAll(server, device);
    const rows = everything.changes.length;
    expect(rows).toBeGreaterThan(60); // the demo facility is big enough for several pages of 20

    const sync = engine(device.auth, 20);
    const seen: SyncState[] = [];
    sync.on('status', (status) => seen.push(status));
    expect(sync.status()).toMatchObject({ state: 'idle', lastSyncAt: null, progress: null });
    await sync.syncNow();
    sync.stop();

    const pulling = seen.filter((s) => s.state === 'syncing' && s.progress?.phase === 'pull' && s.progress.pages > 0);
    expect(pulling.length).toBeGreaterThanOrEqual(Math.ceil(rows / 20) - 1);
    // Pages count up one at a time and rows only grow.
    pulling.forEach((s, i) => expect(s.progress?.pages).toBe(i + 1));
    const applied = pulling.map((s) => s.progress?.rowsApplied ?? 0);
    expect([...applied].sort((a, b) => a - b)).toEqual(applied);
    // The server says what is left: a total from the first page on, never below what is applied, exact at the end.
    for (const s of pulling) {
      expect(s.progress?.rowsTotal).not.toBeNull();
      expect(s.progress?.rowsTotal ?? 0).toBeGreaterThanOrEqual(s.progress?.rowsApplied ?? 0);
    }
    const first = pulling[0]?.progress;
    expect(first?.rowsApplied).toBeLessThan(first?.rowsTotal ?? 0);
    const last = pulling.at(-1)?.progress;
    expect(last?.rowsTotal).toBe(last?.rowsApplied);
    // Finished: idle, a last-success time, and no progress left over.
    const done = seen.at(-1);
    expect(done).toMatchObject({ state: 'idle', progress: null });
    expect(done?.lastSyncAt).toEqual(expect.any(Number));
  });

  it('says push before pull, and clears progress when the server cannot be reached', async () => {
    const device = await enroll(server);
    const sync = engine(device.auth, 500);
    const phases: string[] = [];
    sync.on('status', (s) => phases.push(s.progress?.phase ?? s.state));
    await sync.syncNow();
    sync.stop();
    expect(phases[0]).toBe('push');
    expect(phases).toContain('pull');
    expect(phases.indexOf('push')).toBeLessThan(phases.indexOf('pull'));

    const offline = new SyncEngine({
      ...(() => {
        const db = new Database(':memory:');
        migrate(db);
        return {
          db,
          cache: new CacheStore(db),
          outbox: new Outbox(db),
          media: new MediaCache(db, mkdtempSync(join(tmpdir(), 'kiosk-media-')), randomBytes(32)),
          settings: new SettingsStore(db),
        };
      })(),
      log: createLogger('test', () => undefined),
      target: () => ({ url: 'http://127.0.0.1:9', fetch, authorization: device.auth, fingerprint: null }),
    });
    await expect(offline.syncNow()).rejects.toThrow();
    offline.stop();
    expect(offline.status()).toMatchObject({ state: 'offline', progress: null });
  });
});
