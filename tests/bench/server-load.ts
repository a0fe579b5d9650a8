/**
 * The facility server under load, on loopback, bounded:
 *  - 500 simulated devices doing incremental syncs (pull from their cursor)
 *    concurrently for 30 s while staff post a change every 100 ms:
 *    requests/s, p50/p99 latency, errors (must be 0);
 *  - a large initial pull (100k messages) in rows/s, next to SQLite's raw
 *    read of the same rows from the same file (ratio).
 */
import Database from 'better-sqlite3';
import { fork } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, fetch as undiciFetch } from 'undici';
import { uuidv7 } from 'uuidv7';
import { write } from '../../server/domain/context';
import { PullResponse } from '../../shared/sync/protocol';
import { demoServer, enroll } from '../support/server-harness';
import { seedInbox } from './support/seed-inbox';

const DEVICES = 500;
const SECONDS = 30;
const BIG = 100_000;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

export async function run(): Promise<Record<string, number | string>> {
  const server = await demoServer();
  const dispatcher = new Agent({ connections: DEVICES, pipelining: 1 });
  try {
    // Enroll the devices and bring each to the head of the log first (that is what "incremental" means).
    const devices: { auth: string; cursor: number }[] = [];
    for (let i = 0; i < DEVICES; i += 1) {
      const d = await enroll(server, { unitIndex: i % 2 });
      devices.push({ auth: d.auth, cursor: 0 });
    }
    const pull = async (device: { auth: string; cursor: number }, limit = 1000) => {
      const response = await undiciFetch(`${server.url}/api/sync/pull?cursor=${device.cursor}&limit=${limit}`, {
        headers: { authorization: device.auth },
        dispatcher,
      });
      if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
      const page = PullResponse.parse(await response.json());
      device.cursor = page.cursor;
      return page;
    };
    for (const device of devices) {
      let page = await pull(device);
      while (page.hasMore) page = await pull(device);
    }

    // The run.
    const facility = await server.db.selectFrom('facilities').select('id').executeTakeFirstOrThrow();
    const writer = setInterval(() => {
      void write(server.context, async (w) => {
        const id = uuidv7();
        await w.trx
          .insertInto('announcements')
          .values({
            id,
            facility_id: facility.id,
            unit_id: null,
            title: 'load',
            body: '',
            language: null,
            posted_at: w.now,
            expires_at: null,
          })
          .execute();
        await w.changed('announcements', id, { facilityId: facility.id });
      });
    }, 100);
    // The devices run in a process of their own, so the server's event loop is measured, not the clients'.
    const client = fork(fileURLToPath(new URL('./support/load-client.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const result = await new Promise<{ latencies: number[]; errors: number; failures: string[] }>((resolve, reject) => {
      client.once('message', (message) =>
        resolve(message as { latencies: number[]; errors: number; failures: string[] }),
      );
      client.once('exit', (code) => reject(new Error(`load client exited with ${code}`)));
      client.send({ urls: [server.url], seconds: SECONDS, devices });
    });
    const { latencies, errors } = result;
    clearInterval(writer);
    latencies.sort((a, b) => a - b);
    for (const failure of result.failures) process.stdout.write(`  load client error: ${failure}\n`);

    // A large initial pull next to SQLite reading the same rows.
    const inmate = await seedInbox(server, BIG);
    const fresh = await enroll(server, { unitIndex: 0 });
    const device = { auth: fresh.auth, cursor: 0 };
    let rows = 0;
    const pullStarted = performance.now();
    for (;;) {
      const page = await pull(device);
      rows += page.changes.length;
      if (!page.hasMore) break;
    }
    const pullMs = performance.now() - pullStarted;
    const raw = new Database(join(dirname(server.context.mediaDir), 'facility.db'), { readonly: true });
    const rawStarted = performance.now();
    const rawRows = raw
      .prepare('SELECT * FROM messages WHERE inmate_id IN (SELECT id FROM inmates WHERE unit_id = ?)')
      .all(inmate.unitId).length;
    const rawMs = performance.now() - rawStarted;
    raw.close();

    const figures = {
      devices: DEVICES,
      'incremental pulls in 30 s': latencies.length,
      'requests/s': Math.round(latencies.length / SECONDS),
      'latency p50 (ms)': +percentile(latencies, 0.5).toFixed(1),
      'latency p99 (ms)': +percentile(latencies, 0.99).toFixed(1),
      errors,
      'initial pull: rows': rows,
      'initial pull (rows/s)': Math.round(rows / (pullMs / 1000)),
      'SQLite raw read of the same rows (rows/s)': Math.round(rawRows / (rawMs / 1000)),
      'pull / raw read ratio': +(rawMs / pullMs).toFixed(3),
    };
    // The bar: not one failed request under load.
    if (errors > 0) throw new Error(`${errors} requests failed under load: ${JSON.stringify(figures)}`);
    return figures;
  } finally {
    await dispatcher.close();
    await server.close();
  }
}
