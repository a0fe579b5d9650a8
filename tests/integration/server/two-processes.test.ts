import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openServerDatabase, type ServerDatabase } from '../../../server/db/database';
import { ChangeBus } from '../../../server/domain/changes';
import { inmateScope, write, type ServerContext } from '../../../server/domain/context';
import { createEnrollmentCode } from '../../../server/domain/devices/devices';
import { balanceCents } from '../../../server/domain/ledger/ledger';
import { PushResponse } from '../../../shared/sync/protocol';
import { WebBrowser } from '../../support/web-browser';
import { enroll, pullAll, push, testDatabase, testStore, type TestDevice } from '../../support/server-harness';
import { startServerProcess, type ServerProcess } from '../../support/server-process';

/**
 * Two real server processes (the CLI, as a deployment runs it) on one
 * database and one shared media folder, as behind a load balancer: on
 * PostgreSQL (NOTIFY) and on one SQLite file (polling the change log).
 */
let a: ServerProcess;
let b: ServerProcess;
let database: ServerDatabase;
let ctx: ServerContext;
let facilityId: string;
const live: ServerProcess[] = [];

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A server the harness can enroll with: the process's address, codes made in the shared database. */
const reachable = (server: ServerProcess) => ({
  url: server.url,
  createEnrollmentCode: async () => (await createEnrollmentCode(ctx, facilityId)).code,
});

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-two-'));
  const mediaDir = join(dir, 'shared-media');
  mkdirSync(mediaDir);
  const store = await testStore(dir);
  const options = { mediaDir, schedulerMs: 200, signalPollMs: testDatabase === 'sqlite' ? 200 : undefined };
  // A seeds the demo facility; B starts on the seeded database (with demo on it would find it seeded too).
  a = await startServerProcess(store, { ...options, demo: true });
  live.push(a);
  b = await startServerProcess(store, { ...options, demo: false });
  live.push(b);
  database = await openServerDatabase(store.databaseUrl ?? store.dbPath);
  ctx = { db: database.db, bus: new ChangeBus(), now: Date.now, mediaDir };
  facilityId = (await ctx.db.selectFrom('facilities').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
}, 120_000);

afterAll(async () => {
  await Promise.all(live.map((server) => server.stop()));
  await database?.close();
});

/** An inmate of the kiosk's unit with an approved family contact. */
async function contactInUnit(device: TestDevice) {
  const unitId = (
    await ctx.db.selectFrom('devices').select('unit_id').where('id', '=', device.deviceId).executeTakeFirstOrThrow()
  ).unit_id;
  return ctx.db
    .selectFrom('contacts')
    .innerJoin('inmates', 'inmates.id', 'contacts.inmate_id')
    .select(['contacts.id as contactId', 'contacts.inmate_id as inmateId', 'contacts.family_id as familyId'])
    .where('inmates.unit_id', '=', unitId ?? '')
    .where('contacts.status', '=', 'approved')
    .orderBy('contacts.id')
    .executeTakeFirstOrThrow();
}

describe('two server processes on one database', () => {
  it('a device connected to process A hears of a message approved through process B within a second', async () => {
    const device = await enroll(reachable(a));
    const { contactId, inmateId } = await contactInUnit(device);
    const messageId = uuidv7();
    await write(ctx, async (w) => {
      await w.trx
        .insertInto('messages')
        .values({
          id: messageId,
          inmate_id: inmateId,
          contact_id: contactId,
          direction: 'in',
          kind: 'text',
          body: 'approved elsewhere',
          photos: '[]',
          ecard: null,
          videogram: null,
          status: 'pending_review',
          rejection_reason: null,
          client_op_id: null,
          stamp_cents: 0,
          created_at: w.now,
          deliver_at: w.now,
          delivery_announced: 1,
          read_at: null,
          updated_at: w.now,
        })
        .execute();
      await w.changed('messages', messageId, await inmateScope(w.trx, inmateId));
    });
    const before = await pullAll(a, device);

    const socket = new WebSocket(`${a.url.replace('http', 'ws')}/api/sync/signal`, {
      headers: { authorization: device.auth },
    });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const signals: { seq: number; at: number }[] = [];
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { seq: number };
      signals.push({ seq: message.seq, at: Date.now() });
    });

    const reviewer = new WebBrowser(b.url);
    const signIn = await reviewer.request('POST', '/api/staff/signin', {
      email: 'reviewer@riverside.example',
      password: 'riverside-review-1',
    });
    expect(signIn.status).toBe(200);
    const approvedAt = Date.now();
    const approve = await reviewer.request('POST', `/api/staff/review/${messageId}`, { decision: 'approve' });
    expect(approve.status).toBe(200);
    const heard = await until('the change signal on process A', () =>
      Promise.resolve(signals.find((signal) => signal.seq > before.cursor)),
    );
    socket.close();
    expect(heard.at - approvedAt).toBeLessThan(1_000);

    const after = await pullAll(a, device, before.cursor);
    expect(after.changes.some((c) => c.table === 'messages' && c.op === 'upsert' && c.row.id === messageId)).toBe(true);
  });

  it('scheduled deposits due while both run are charged exactly once', async () => {
    const device = await enroll(reachable(b));
    const { inmateId, familyId } = await contactInUnit(device);
    const balanceBefore = await balanceCents(ctx.db, inmateId);
    const schedules = Array.from({ length: 12 }, (_, i) => ({
      id: uuidv7(),
      inmate_id: inmateId,
      family_id: familyId,
      from_name: 'Both Processes',
      amount_cents: 2_000 + i,
      next_at: Date.now() - 1_000,
      recurrence: 'once' as const,
      active: 1,
      payment_token: 'demo-token',
    }));
    await ctx.db.insertInto('scheduled_deposits').values(schedules).execute();
    const ids = schedules.map((schedule) => schedule.id);

    const runs = await until('every run charged', async () => {
      const rows = await ctx.db
        .selectFrom('deposit_runs')
        .select(['id', 'schedule_id', 'status'])
        .where('schedule_id', 'in', ids)
        .execute();
      return rows.length === ids.length && rows.every((row) => row.status === 'charged') && rows;
    });
    // Two more passes of the lease holder (it renews on each), so a second charge would have happened by now.
    const lease = () => ctx.db.selectFrom('leases').select(['holder', 'expires_at']).executeTakeFirstOrThrow();
    const held = await lease();
    await until('two more scheduler passes', async () => (await lease()).expires_at >= held.expires_at + 400);
    expect(new Set(runs.map((run) => run.schedule_id))).toEqual(new Set(ids));
    const receipts = await ctx.db
      .selectFrom('deposit_receipts')
      .select('schedule_id')
      .where('schedule_id', 'in', ids)
      .execute();
    expect(receipts.map((receipt) => receipt.schedule_id).sort()).toEqual([...ids].sort());
    const credits = await ctx.db
      .selectFrom('ledger')
      .select('ref_id')
      .where(
        'ref_id',
        'in',
        runs.map((run) => run.id),
      )
      .where('kind', '=', 'deposit')
      .execute();
    expect(credits).toHaveLength(ids.length);
    const deposited = schedules.reduce((sum, schedule) => sum + schedule.amount_cents, 0);
    const fees = await ctx.db
      .selectFrom('ledger')
      .select('amount_cents')
      .where(
        'ref_id',
        'in',
        runs.map((run) => run.id),
      )
      .where('kind', '=', 'fee')
      .execute();
    const feeTotal = fees.reduce((sum, fee) => sum + fee.amount_cents, 0);
    expect(await balanceCents(ctx.db, inmateId)).toBe(balanceBefore + deposited + feeTotal);
  });

  it('killing a process mid-push loses nothing: the device sends the same items to the other, each acted on once', async () => {
    const device = await enroll(reachable(a));
    const { contactId, inmateId } = await contactInUnit(device);
    const ids = Array.from({ length: 80 }, () => uuidv7());
    const items = ids.map((id, i) => ({
      id,
      inmateId,
      createdAt: Date.now(),
      op: { kind: 'message.send' as const, contactId, replyTo: null, body: `reply ${i} across a crash` },
    }));
    const inFlight = fetch(`${a.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: device.auth },
      body: JSON.stringify({ items }),
    }).then(
      async (response) => ({ answered: PushResponse.parse(await response.json()) }),
      (error: unknown) => ({ failed: error }),
    );
    // Kill A once it is truly working on the push (its first receipt committed), not at a moment it chose.
    await until('process A applying the push', () =>
      ctx.db.selectFrom('outbox_receipts').select('id').where('id', 'in', ids).executeTakeFirst(),
    );
    await a.kill();
    const first = await inFlight;
    const appliedByA = (await ctx.db.selectFrom('outbox_receipts').select('id').where('id', 'in', ids).execute())
      .length;
    expect(appliedByA).toBeGreaterThan(0);

    // The device retries the whole batch against B (what a load balancer does once A is gone).
    const retried = await push(
      b,
      device,
      items.map((item) => ({ id: item.id, inmateId: item.inmateId, op: item.op })),
    );
    expect(retried.results.map((result) => result.status)).toEqual(ids.map(() => 'accepted'));
    const messages = await ctx.db
      .selectFrom('messages')
      .select('client_op_id')
      .where('client_op_id', 'in', ids)
      .execute();
    expect(messages.map((message) => message.client_op_id).sort()).toEqual([...ids].sort());
    // The kill landed mid-push: A had applied some items and never answered (or answered before dying).
    expect('failed' in first || appliedByA === ids.length).toBe(true);
  });
});
