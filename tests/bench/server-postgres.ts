/**
 * The facility server on PostgreSQL next to SQLite, and two server processes
 * next to one, in one run on the same machine. Each setup runs the server as
 * real CLI processes (as deployed) and measures:
 *  - 500 devices doing incremental syncs (a separate client process) for
 *    20 s while a change is written every 100 ms: requests/s, p50/p99, errors;
 *  - one device's initial pull of 20,000 messages: rows/s.
 * Setups: SQLite (one process), PostgreSQL (one process), PostgreSQL (two
 * processes sharing the database and the media folder, devices split
 * between them). The PostgreSQL cluster is a throwaway one
 * (tests/support/pg-cluster.ts); no PostgreSQL fails the bench.
 */
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, fetch as undiciFetch } from 'undici';
import { uuidv7 } from 'uuidv7';
import { openServerDatabase } from '../../server/db/database';
import { ChangeBus } from '../../server/domain/changes';
import { write, type ServerContext } from '../../server/domain/context';
import { createEnrollmentCode } from '../../server/domain/devices/devices';
import { PullResponse } from '../../shared/sync/protocol';
import { createTestDatabase, startPgCluster } from '../support/pg-cluster';
import { enroll } from '../support/server-harness';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { seedInbox } from './support/seed-inbox';

const DEVICES = 500;
const SECONDS = 20;
const INBOX = 20_000;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

interface Measured {
  requestsPerS: number;
  p50: number;
  p99: number;
  errors: number;
  pullRowsPerS: number;
}

async function measure(store: { dbPath: string; databaseUrl?: string }, processes: 1 | 2): Promise<Measured> {
  const mediaDir = join(store.dbPath, '..', 'media');
  mkdirSync(mediaDir, { recursive: true });
  const servers: ServerProcess[] = [];
  const database = await openServerDatabase(store.databaseUrl ?? store.dbPath);
  const dispatcher = new Agent({ connections: 64, pipelining: 1 });
  try {
    servers.push(await startServerProcess(store, { mediaDir, demo: true, schedulerMs: 5_000 }));
    if (processes === 2) servers.push(await startServerProcess(store, { mediaDir, demo: false, schedulerMs: 5_000 }));
    const ctx: ServerContext = { db: database.db, bus: new ChangeBus(), now: Date.now, mediaDir };
    const facilityId = (await ctx.db.selectFrom('facilities').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    const via = (index: number) => servers[index % servers.length] ?? servers[0];
    const pull = async (url: string, device: { auth: string; cursor: number }) => {
      const response = await undiciFetch(`${url}/api/sync/pull?cursor=${device.cursor}&limit=1000`, {
        headers: { authorization: device.auth },
        dispatcher,
      });
      if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
      const page = PullResponse.parse(await response.json());
      device.cursor = page.cursor;
      return page;
    };

    // Enroll the devices and bring each to the head of the log ("incremental" from then on).
    const devices: { auth: string; cursor: number }[] = [];
    for (let i = 0; i < DEVICES; i += 1) {
      const server = via(i);
      const enrolled = await enroll(
        {
          url: server?.url ?? '',
          createEnrollmentCode: async () => (await createEnrollmentCode(ctx, facilityId)).code,
        },
        { unitIndex: i % 2 },
      );
      const device = { auth: enrolled.auth, cursor: 0 };
      let page = await pull(server?.url ?? '', device);
      while (page.hasMore) page = await pull(server?.url ?? '', device);
      devices.push(device);
    }

    const writer = setInterval(() => {
      void write(ctx, async (w) => {
        const id = uuidv7();
        await w.trx
          .insertInto('announcements')
          .values({
            id,
            facility_id: facilityId,
            unit_id: null,
            title: 'load',
            body: '',
            language: null,
            posted_at: w.now,
            expires_at: null,
          })
          .execute();
        await w.changed('announcements', id, { facilityId });
      });
    }, 100);
    const client = fork(fileURLToPath(new URL('./support/load-client.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const result = await new Promise<{ latencies: number[]; errors: number }>((resolve, reject) => {
      client.once('message', (message) => resolve(message as { latencies: number[]; errors: number }));
      client.once('exit', (code) => reject(new Error(`load client exited with ${code}`)));
      client.send({ urls: servers.map((server) => server.url), seconds: SECONDS, devices });
    });
    clearInterval(writer);
    const latencies = result.latencies.sort((x, y) => x - y);

    // One fresh device's initial pull of a big inbox.
    await seedInbox(ctx, INBOX);
    const fresh = await enroll(
      {
        url: servers[0]?.url ?? '',
        createEnrollmentCode: async () => (await createEnrollmentCode(ctx, facilityId)).code,
      },
      { unitIndex: 0 },
    );
    const device = { auth: fresh.auth, cursor: 0 };
    let rows = 0;
    const started = performance.now();
    for (;;) {
      const page = await pull(servers[0]?.url ?? '', device);
      rows += page.changes.length;
      if (!page.hasMore) break;
    }
    const pullMs = performance.now() - started;
    return {
      requestsPerS: Math.round(latencies.length / SECONDS),
      p50: +percentile(latencies, 0.5).toFixed(1),
      p99: +percentile(latencies, 0.99).toFixed(1),
      errors: result.errors,
      pullRowsPerS: Math.round(rows / (pullMs / 1000)),
    };
  } finally {
    await dispatcher.close();
    await Promise.all(servers.map((server) => server.stop()));
    await database.close();
  }
}

export async function run(): Promise<Record<string, number | string>> {
  const cluster = await startPgCluster();
  try {
    const dir = (name: string) => mkdtempSync(join(tmpdir(), `kiosk-bench-${name}-`));
    const sqlite = await measure({ dbPath: join(dir('sqlite'), 'facility.db') }, 1);
    const pg = await measure(
      { dbPath: join(dir('pg'), 'facility.db'), databaseUrl: await createTestDatabase(cluster.adminUrl) },
      1,
    );
    const pgTwo = await measure(
      { dbPath: join(dir('pg2'), 'facility.db'), databaseUrl: await createTestDatabase(cluster.adminUrl) },
      2,
    );
    const figures: Record<string, number | string> = { devices: DEVICES, 'seconds each': SECONDS };
    for (const [name, m] of [
      ['SQLite, 1 process', sqlite],
      ['PostgreSQL, 1 process', pg],
      ['PostgreSQL, 2 processes', pgTwo],
    ] as const) {
      figures[`${name}: incremental requests/s`] = m.requestsPerS;
      figures[`${name}: p50 / p99 (ms)`] = `${m.p50} / ${m.p99}`;
      figures[`${name}: errors`] = m.errors;
      figures[`${name}: initial pull of ${INBOX} (rows/s)`] = m.pullRowsPerS;
    }
    figures['PostgreSQL / SQLite incremental requests/s'] = +(pg.requestsPerS / sqlite.requestsPerS).toFixed(2);
    figures['PostgreSQL / SQLite initial pull rows/s'] = +(pg.pullRowsPerS / sqlite.pullRowsPerS).toFixed(2);
    figures['2 processes / 1 process (PostgreSQL) requests/s'] = +(pgTwo.requestsPerS / pg.requestsPerS).toFixed(2);
    const errors = sqlite.errors + pg.errors + pgTwo.errors;
    if (errors > 0) throw new Error(`${errors} requests failed under load: ${JSON.stringify(figures)}`);
    return figures;
  } finally {
    cluster.stop();
  }
}
