import type { Server } from 'node:http';
import { httpDouble } from '../support/http-double';
import { memoryEngine } from '../support/memory-engine';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { syncPaths } from '../../shared/sync/protocol';
import type { SyncEngine } from '../../electron/core/sync/sync-engine';

let server: Server | null = null;
afterEach(() => {
  vi.useRealTimers();
  server?.close();
});

/** Resolves when the running sync has ended (its state is no longer `syncing`). */
function settled(sync: SyncEngine): Promise<void> {
  return new Promise((resolve) => {
    const listener = (status: { state: string }) => {
      if (status.state === 'syncing') return;
      sync.off('status', listener);
      resolve();
    };
    sync.on('status', listener);
  });
}

async function serve(handler: Parameters<typeof httpDouble>[0]): Promise<string> {
  const double = await httpDouble(handler);
  server = double.server;
  return double.url;
}

const DEVICE_AUTH = 'Device 019ab000-0000-7000-8000-000000000000.secretsecretsecretsecret';
/** A valid announcement change (every device takes these). */
function announcement(seq: number, title: string) {
  return {
    seq,
    table: 'announcements',
    op: 'upsert',
    row: {
      id: `019ab000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
      facilityId: '019ab000-0000-7000-8000-0000000000ff',
      unitId: null,
      title,
      body: '',
      language: null,
      postedAt: 1,
      expiresAt: null,
    },
  };
}

const engine = (url: string, logLines: string[] = [], requestTimeoutMs = 30_000) =>
  memoryEngine(url, DEVICE_AUTH, { logLines, intervalMs: 60_000, requestTimeoutMs });

describe('a failing server', () => {
  it('answering 500: backs off with jitter instead of busy-looping, and says so', async () => {
    let requests = 0;
    const url = await serve((req, res) => {
      if (req.url !== syncPaths.signal) requests += 1; // the change-signal socket retries on its own schedule
      res.writeHead(500).end();
    });
    const { sync } = engine(url);
    // The clock is virtual (the waits between tries are the engine's setTimeouts); the requests are real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const start = Date.now();
    const tries: number[] = [];
    const states: string[] = [];
    sync.on('status', (s) => {
      if (s.state === 'syncing' && states.at(-1) !== 'syncing') tries.push(Date.now() - start);
      states.push(s.state);
    });
    sync.start();
    while (Date.now() - start < 4_000 && tries.length <= 50) {
      await vi.advanceTimersToNextTimerAsync();
      if (sync.status().state === 'syncing') await settled(sync);
    }
    sync.stop();
    // Backoff of 1 s, 2 s, 4 s (with jitter, never under 250 ms): a handful of tries in 4 s, not hundreds.
    const inWindow = tries.filter((at) => at < 4_000);
    expect(inWindow.length).toBeGreaterThanOrEqual(2);
    expect(inWindow.length).toBeLessThanOrEqual(10);
    expect(requests).toBe(tries.length);
    for (let i = 1; i < tries.length; i += 1) expect(tries[i]! - tries[i - 1]!).toBeGreaterThanOrEqual(250);
    expect(states).toContain('offline');
  });

  it('down (connection refused): marks the device offline and keeps retrying slowly', async () => {
    const url = await serve(() => undefined);
    server?.close();
    const { sync } = engine(url);
    await expect(sync.syncNow()).rejects.toThrow();
    expect(sync.status().state).toBe('offline');
    sync.stop();
  });

  it('slow: a request that hangs is abandoned at its timeout and the device goes offline', async () => {
    const url = await serve(() => undefined); // accepts, never answers
    const { sync } = engine(url, [], 400);
    const started = Date.now();
    await expect(sync.syncNow()).rejects.toThrow();
    sync.stop();
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(sync.status().state).toBe('offline');
  });
});

describe('malformed sync responses', () => {
  it('a page whose envelope breaks the schema is refused whole: nothing applied, cursor kept, a clear log line', async () => {
    const url = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      if ((req.url ?? '').startsWith('/api/sync/pull'))
        res.end(JSON.stringify({ changes: [announcement(1, 'ok')], cursor: 'two', hasMore: false, serverTime: 1 }));
      else res.end('{"results":[],"serverTime":1}');
    });
    const log: string[] = [];
    const { db, settings, sync } = engine(url, log);
    await expect(sync.syncNow()).rejects.toThrow(/malformed pull page/);
    sync.stop();
    expect(db.prepare('SELECT count(*) AS n FROM sync_rows').get()).toEqual({ n: 0 });
    expect(settings.get('sync.cursor', z.number())).toBeUndefined();
    expect(log.some((line) => line.includes('malformed pull page'))).toBe(true);
    expect(sync.status().state).toBe('error');
  });

  it('rejects a page that is not JSON at all', async () => {
    const url = await serve((_req, res) => res.end('<html>proxy error</html>'));
    const { sync } = engine(url);
    await expect(sync.syncNow()).rejects.toThrow(/malformed/);
    sync.stop();
  });
});
