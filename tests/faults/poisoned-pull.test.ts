import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ChangeQuarantine } from '../../electron/core/sync/change-quarantine';
import { httpDouble } from '../support/http-double';
import { memoryEngine } from '../support/memory-engine';

/**
 * Issue #12, item 3 (device side): one poisoned row (a reading-progress `data`
 * nested 1,518 levels deep, as one device once pushed it, or a row that breaks
 * its schema) must not stop sync. Before: every sync of every kiosk of the unit
 * failed with "Maximum call stack size exceeded", forever.
 */

let server: Server | null = null;
afterEach(() => server?.close());

const DEVICE_AUTH = 'Device 019ab000-0000-7000-8000-000000000000.secretsecretsecretsecret';
const INMATE = '019ab000-0000-7000-8000-0000000000aa';
const ITEM = '019ab000-0000-7000-8000-0000000000bb';

function announcement(seq: number, title: string) {
  return JSON.stringify({
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
  });
}

/** The JSON text of a progress change whose `data` is nested `depth` levels (built as text: too deep to stringify). */
function poisonedProgress(seq: number, depth: number): string {
  const nested = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  return `{"seq":${seq},"table":"progress","op":"upsert","row":{"id":"${INMATE}:${ITEM}","inmateId":"${INMATE}","itemId":"${ITEM}","data":{"position":${nested}},"updatedAt":1}}`;
}

/** Two pages: good, poisoned, schema-breaking, good; then one more good row. */
function pages(depth: number): Record<number, string> {
  return {
    0: `{"changes":[${announcement(1, 'before')},${poisonedProgress(2, depth)},{"seq":3,"table":"messages","op":"upsert","row":{"id":"not-a-uuid","body":42}},${announcement(4, 'after')}],"cursor":4,"hasMore":true,"remaining":1,"serverTime":1}`,
    4: `{"changes":[${announcement(5, 'next page')}],"cursor":5,"hasMore":false,"serverTime":1}`,
  };
}

async function poisonedServer(depth: number): Promise<{ url: string; pulls: number[] }> {
  const pulls: number[] = [];
  const body = pages(depth);
  const double = await httpDouble((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    res.writeHead(200, { 'content-type': 'application/json' });
    if (url.pathname === '/api/sync/pull') {
      const cursor = Number(url.searchParams.get('cursor'));
      pulls.push(cursor);
      res.end(body[cursor] ?? `{"changes":[],"cursor":${cursor},"hasMore":false,"serverTime":1}`);
    } else res.end('{"results":[],"serverTime":1}');
  });
  server = double.server;
  return { url: double.url, pulls };
}

describe('a pull page with a poisoned change', () => {
  for (const depth of [1_518, 100_000]) {
    it(`quarantines a row nested ${depth} levels and the schema-breaking one, applies the rest, moves on`, async () => {
      const { url, pulls } = await poisonedServer(depth);
      const log: string[] = [];
      const { db, settings, sync } = memoryEngine(url, DEVICE_AUTH, { logLines: log, intervalMs: 60_000 });
      await sync.syncNow();
      sync.stop();

      const titles = db
        .prepare("SELECT json_extract(row, '$.title') FROM sync_rows WHERE table_name = 'announcements' ORDER BY id")
        .pluck()
        .all();
      expect(titles).toEqual(['before', 'after', 'next page']);
      expect(db.prepare("SELECT count(*) FROM sync_rows WHERE table_name = 'progress'").pluck().get()).toBe(0);
      expect(settings.get('sync.cursor', z.number())).toBe(5);
      expect(pulls).toEqual([0, 4]);
      expect(sync.status().state).toBe('idle');

      const quarantine = new ChangeQuarantine(settings).state();
      expect(quarantine.total).toBe(2);
      expect(quarantine.recent.map((entry) => [entry.seq, entry.table, entry.id])).toEqual([
        [2, 'progress', `${INMATE}:${ITEM}`],
        [3, 'messages', 'not-a-uuid'],
      ]);
      expect(quarantine.recent[0]?.reason).toBe('too deep or too large');
      expect(log.filter((line) => line.includes('sync change quarantined'))).toHaveLength(2);

      // The next sync starts after the poisoned page: it is skipped with its cursor, not pulled forever.
      await sync.syncNow();
      sync.stop();
      expect(pulls).toEqual([0, 4, 5]);
      expect(new ChangeQuarantine(settings).state().total).toBe(2);
    });
  }
});
