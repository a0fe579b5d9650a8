import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SettingsStore } from '../../../electron/core/db/settings';
import type { Logger } from '../../../electron/core/log';
import { mergeReports } from '../../../electron/core/sync/pending-reports';
import type { AuditItem } from '../../../electron/core/technician/audit-log';
import type { Diagnostics } from '../../../electron/core/technician/diagnostics';
import {
  DEFAULT_DIAGNOSTICS_INTERVAL_MS,
  DiagnosticsReporter,
} from '../../../electron/core/technician/diagnostics-report';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

const snapshot: Diagnostics = {
  appVersion: '1.2.3',
  deviceId: 'device-1',
  facilityName: 'Riverside',
  unitName: 'B',
  mode: 'kiosk',
  lastSyncAt: null,
  lastSyncDurationMs: null,
  outboxDepth: 0,
  quarantinedChanges: 0,
  mediaCacheBytes: 0,
  freeDiskBytes: 10 * 1024 ** 3,
  databaseIntegrity: 'ok',
  serverLatencyMs: 12,
  recentErrors: [],
};

function setup(options: { intervalMs?: number; collect?: () => Promise<Diagnostics> } = {}) {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const settings = new SettingsStore(db);
  const clock = { now: 1_000_000, deviceId: 'device-1' as string | null, collected: 0 };
  const make = () =>
    new DiagnosticsReporter({
      collect:
        options.collect ??
        (() => {
          clock.collected += 1;
          return Promise.resolve(snapshot);
        }),
      settings,
      deviceId: () => clock.deviceId,
      now: () => clock.now,
      log: quiet,
      ...(options.intervalMs ? { intervalMs: options.intervalMs } : {}),
    });
  return { clock, reporter: make(), make };
}

/** What one sync does with the reporter: prepare, send everything, the server acknowledges. */
async function sync(reporter: DiagnosticsReporter, syncedAt: number): Promise<AuditItem[]> {
  await reporter.prepare({ syncedAt });
  const items = reporter.unreported(200);
  reporter.markReported(items.map((item) => item.id));
  return items;
}

describe('DiagnosticsReporter', () => {
  it('reports with the first sync of an enrollment, the pull time as its last sync, no technician', async () => {
    const { reporter } = setup();
    const [item, ...rest] = await sync(reporter, 999_000);
    expect(rest).toEqual([]);
    expect(item).toMatchObject({
      at: 1_000_000,
      kind: 'diagnostics',
      action: 'diagnostics',
      technicianId: null,
      detail: { ...snapshot, lastSyncAt: 999_000 },
    });
  });

  it('then at most once per interval (15 minutes by default), also across a core restart', async () => {
    const { clock, reporter, make } = setup();
    expect(await sync(reporter, 0)).toHaveLength(1);
    clock.now += DEFAULT_DIAGNOSTICS_INTERVAL_MS - 1;
    expect(await sync(reporter, 0)).toEqual([]);
    expect(await sync(make(), 0)).toEqual([]); // restarted core: the time of the last report is kept
    clock.now += 1;
    expect(await sync(reporter, 0)).toHaveLength(1);
    expect(clock.collected).toBe(2); // nothing collected when no report is due
  });

  it('honours a configured interval', async () => {
    const { clock, reporter } = setup({ intervalMs: 60_000 });
    await sync(reporter, 0);
    clock.now += 60_000;
    expect(await sync(reporter, 0)).toHaveLength(1);
  });

  it('sends nothing before enrollment, and reports at once after a new enrollment', async () => {
    const { clock, reporter } = setup();
    clock.deviceId = null;
    expect(await sync(reporter, 0)).toEqual([]);
    clock.deviceId = 'device-1';
    expect(await sync(reporter, 0)).toHaveLength(1);
    clock.deviceId = 'device-2'; // re-enrolled within the interval
    expect(await sync(reporter, 0)).toHaveLength(1);
  });

  it('keeps a report the server did not take for the next sync, without collecting again', async () => {
    const { clock, reporter } = setup();
    await reporter.prepare({ syncedAt: 0 });
    const first = reporter.unreported(200);
    reporter.markReported([]); // the server refused
    await reporter.prepare({ syncedAt: 0 });
    expect(reporter.unreported(200)).toEqual(first);
    expect(reporter.unreported(0)).toEqual([]);
    reporter.markReported(first.map((item) => item.id));
    expect(reporter.unreported(200)).toEqual([]);
    expect(clock.collected).toBe(1);
  });

  it('a failing collection never fails the sync; the next sync tries again', async () => {
    let fail = true;
    const { reporter } = setup({
      collect: () => (fail ? Promise.reject(new Error('disk gone')) : Promise.resolve(snapshot)),
    });
    expect(await sync(reporter, 0)).toEqual([]);
    fail = false;
    expect(await sync(reporter, 0)).toHaveLength(1);
  });
});

describe('mergeReports', () => {
  const source = (ids: string[]) => {
    const marked: string[] = [];
    return {
      marked,
      unreported: (limit: number): AuditItem[] =>
        ids
          .slice(0, limit)
          .map((id) => ({ id, at: 0, kind: 'audit', technicianId: null, action: id, detail: {} }) as const),
      markReported: (done: readonly string[]) => marked.push(...done.filter((id) => ids.includes(id))),
    };
  };

  it('takes items in the order of the sources up to the limit, and passes acknowledgements to all', async () => {
    const a = source(['a1', 'a2']);
    const b = source(['b1']);
    const merged = mergeReports(a, b);
    await merged.prepare?.({ syncedAt: 0 }); // sources without prepare are fine
    expect(merged.unreported(2).map((i) => i.id)).toEqual(['a1', 'a2']);
    expect(merged.unreported(200).map((i) => i.id)).toEqual(['a1', 'a2', 'b1']);
    merged.markReported(['a2', 'b1']);
    expect(a.marked).toEqual(['a2']);
    expect(b.marked).toEqual(['b1']);
  });
});
