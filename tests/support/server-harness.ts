import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { EnrollResponse, PullResponse, PushResponse, type OutboxOp } from '../../shared/sync/protocol';
import { startServer, type RunningServer, type ServerOptions } from '../../server/app';
import { createTestDatabase } from './pg-cluster';

/** Which database the server tests run on: TEST_DATABASE=postgres (the vitest `*-pg` projects) or SQLite. */
export const testDatabase = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

/**
 * Where a test server keeps its data: a SQLite file in `dir`, or (under
 * TEST_DATABASE=postgres) a fresh database in the run's throwaway cluster
 * (tests/support/pg-global-setup.ts), with media and mail still in `dir`.
 */
export async function testStore(dir: string): Promise<{ dbPath: string; databaseUrl?: string }> {
  const dbPath = join(dir, 'facility.db');
  if (testDatabase === 'sqlite') return { dbPath };
  const adminUrl = process.env.KIOSK_TEST_PG_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE=postgres but no test cluster (KIOSK_TEST_PG_URL): run through vitest');
  return { dbPath, databaseUrl: await createTestDatabase(adminUrl) };
}

/** A real reference server on a free port with the demo facility, in a temp folder (or a fresh PostgreSQL database). */
export async function demoServer(
  options: Pick<ServerOptions, 'now' | 'payments' | 'schedulerMs' | 'reviewUndoMs' | 'onRoute' | 'mailer'> = {},
): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-server-'));
  const server = await startServer({
    ...(await testStore(dir)),
    port: 0,
    seed: 'demo',
    logLevel: 'silent',
    // Review decisions take effect at once unless a test is about the undo window.
    reviewUndoMs: 0,
    ...options,
  });
  // Never a quiet fallback: a PostgreSQL run that got SQLite fails here.
  if (server.databaseKind !== testDatabase) {
    await server.close();
    throw new Error(`The test server runs on ${server.databaseKind}, not ${testDatabase}`);
  }
  return server;
}

export interface TestDevice extends EnrollResponse {
  auth: string;
}

export async function enroll(
  server: Pick<RunningServer, 'url' | 'createEnrollmentCode'>,
  options: { mode?: 'kiosk' | 'tablet'; unitIndex?: number; inmateDoc?: string } = {},
): Promise<TestDevice> {
  const code = await server.createEnrollmentCode();
  const optionsResponse = await fetch(`${server.url}/api/devices/enroll/options`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  const choices = (await optionsResponse.json()) as {
    units: { id: string }[];
    inmates: { id: string; docNumber: string }[];
  };
  const mode = options.mode ?? 'kiosk';
  const response = await fetch(`${server.url}/api/devices/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      code,
      mode,
      unitId: mode === 'kiosk' ? (choices.units[options.unitIndex ?? 0]?.id ?? null) : null,
      inmateId: mode === 'tablet' ? (choices.inmates.find((i) => i.docNumber === options.inmateDoc)?.id ?? null) : null,
      label: 'test device',
      appVersion: '0.0.0-test',
    }),
  });
  const enrolled = EnrollResponse.parse(await response.json());
  return { ...enrolled, auth: `Device ${enrolled.deviceId}.${enrolled.secret}` };
}

export async function pullAll(
  server: Pick<RunningServer, 'url'>,
  device: TestDevice,
  cursor = 0,
  limit = 500,
): Promise<PullResponse> {
  const all: PullResponse['changes'] = [];
  let next = cursor;
  let page: PullResponse;
  do {
    const response = await fetch(`${server.url}/api/sync/pull?cursor=${next}&limit=${limit}`, {
      headers: { authorization: device.auth },
    });
    page = PullResponse.parse(await response.json());
    all.push(...page.changes);
    next = page.cursor;
  } while (page.hasMore);
  return { ...page, changes: all };
}

export async function push(
  server: Pick<RunningServer, 'url'>,
  device: TestDevice,
  items: { id?: string; inmateId: string; op: OutboxOp }[],
) {
  const response = await fetch(`${server.url}/api/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: device.auth },
    body: JSON.stringify({
      items: items.map((item) => ({
        id: item.id ?? uuidv7(),
        inmateId: item.inmateId,
        createdAt: Date.now(),
        op: item.op,
      })),
    }),
  });
  return PushResponse.parse(await response.json());
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A demo server with a kiosk in each of its first two units, and Daniel (DOC 100234) with his first contact. */
export async function demoWithKiosks() {
  const server = await demoServer();
  const kioskA = await enroll(server, { unitIndex: 0 });
  const kioskB = await enroll(server, { unitIndex: 1 });
  const inmate = await server.db
    .selectFrom('inmates')
    .select('id')
    .where('doc_number', '=', '100234')
    .executeTakeFirstOrThrow();
  const contact = await server.db
    .selectFrom('contacts')
    .select('id')
    .where('inmate_id', '=', inmate.id)
    .executeTakeFirstOrThrow();
  return { server, kioskA, kioskB, daniel: { id: inmate.id, contactId: contact.id } };
}
