import type { Server } from 'node:http';
import { httpDouble } from '../support/http-double';
import { memoryEngine } from '../support/memory-engine';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';

let server: Server | null = null;
afterEach(() => server?.close());

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
    const url = await serve((_req, res) => {
      requests += 1;
      res.writeHead(500).end();
    });
    const { sync } = engine(url);
    const states: string[] = [];
    sync.on('status', (s) => states.push(s.state));
    sync.start();
    await new Promise((r) => setTimeout(r, 4_000));
    sync.stop();
    // Backoff of 1 s, 2 s, 4 s (with jitter, never under 250 ms): a handful of tries in 4 s, not hundreds.
    expect(requests).toBeGreaterThanOrEqual(2);
    expect(requests).toBeLessThanOrEqual(10);
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
