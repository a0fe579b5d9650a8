import { uuidv7 } from 'uuidv7';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app';
import { decideNow } from '../../support/review';
import { write } from '../../../server/domain/context';
import { balanceCents } from '../../../server/domain/ledger/ledger';
import { demoServer, enroll, pullAll, push, sha256, type TestDevice } from '../../support/server-harness';
import { webmWithBlocksUntil, webmWithDuration } from '../../support/webm';

let server: RunningServer;
let kioskA: TestDevice;
let kioskB: TestDevice;
let daniel: { id: string; contactId: string };

beforeAll(async () => {
  server = await demoServer();
  kioskA = await enroll(server, { unitIndex: 0 });
  kioskB = await enroll(server, { unitIndex: 1 });
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
  daniel = { id: inmate.id, contactId: contact.id };
});
afterAll(() => server.close());

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('health and enrollment', () => {
  it('reports the server clock and the facility', async () => {
    const body = (await (await fetch(`${server.url}/api/health`)).json()) as {
      serverTime: number;
      facilityName: string;
    };
    expect(body.facilityName).toBe('Riverside Correctional Facility');
    expect(Math.abs(body.serverTime - Date.now())).toBeLessThan(5_000);
  });

  it('uses a code once', async () => {
    const code = await server.createEnrollmentCode();
    const request = { code, mode: 'kiosk', unitId: null, inmateId: null, label: 'x', appVersion: '1' };
    expect((await fetch(`${server.url}/api/devices/enroll`, json(request))).status).toBe(200);
    const again = await fetch(`${server.url}/api/devices/enroll`, json(request));
    expect(again.status).toBe(410);
    expect(await again.json()).toMatchObject({ error: 'code_used' });
  });

  it('refuses expired and unknown codes, and garbage, with a clear error and nothing saved', async () => {
    const before = await server.db
      .selectFrom('devices')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const expired = await server.createEnrollmentCode({ ttlMs: -1 });
    const request = { mode: 'kiosk', unitId: null, inmateId: null, label: 'x', appVersion: '1' };
    expect(
      await (await fetch(`${server.url}/api/devices/enroll`, json({ ...request, code: expired }))).json(),
    ).toMatchObject({ error: 'code_expired' });
    expect(
      await (await fetch(`${server.url}/api/devices/enroll`, json({ ...request, code: 'NOPE-NOPE-NOPE' }))).json(),
    ).toMatchObject({ error: 'code_unknown' });
    for (const body of ['{', '[]', '{"code": 5}', JSON.stringify({ ...request, code: 'x'.repeat(5000) })]) {
      const response = await fetch(`${server.url}/api/devices/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toHaveProperty('error');
    }
    const after = await server.db
      .selectFrom('devices')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('needs a device credential for sync', async () => {
    expect((await fetch(`${server.url}/api/sync/pull?cursor=0`)).status).toBe(401);
    expect(
      (
        await fetch(`${server.url}/api/sync/pull?cursor=0`, {
          headers: { authorization: `Device ${kioskA.deviceId}.wrongwrongwrongwrongwrong` },
        })
      ).status,
    ).toBe(401);
    expect(
      (await fetch(`${server.url}/api/sync/pull?cursor=-1`, { headers: { authorization: kioskA.auth } })).status,
    ).toBe(400);
  });
});

describe('pull', () => {
  it('pages with a strictly increasing cursor and ends with hasMore false', async () => {
    let cursor = 0;
    let pages = 0;
    for (;;) {
      const response = await fetch(`${server.url}/api/sync/pull?cursor=${cursor}&limit=50`, {
        headers: { authorization: kioskA.auth },
      });
      const page = (await response.json()) as { cursor: number; hasMore: boolean; changes: { seq: number }[] };
      expect(page.changes.every((c) => c.seq > cursor)).toBe(true);
      if (page.changes.length > 0) expect(page.cursor).toBeGreaterThan(cursor);
      cursor = page.cursor;
      pages += 1;
      if (!page.hasMore) break;
    }
    expect(pages).toBeGreaterThan(3);
  });

  it("scopes to the device's unit: a unit A kiosk never receives unit B's inmates or their messages", async () => {
    const a = await pullAll(server, kioskA);
    const b = await pullAll(server, kioskB);
    const inmatesOf = (changes: typeof a.changes) =>
      new Set(changes.flatMap((c) => (c.op === 'upsert' && c.table === 'inmates' ? [c.row.docNumber] : [])));
    expect(inmatesOf(a.changes).has('100234')).toBe(true);
    expect(inmatesOf(a.changes).has('200101')).toBe(false);
    expect(inmatesOf(b.changes).has('200101')).toBe(true);
    expect(inmatesOf(b.changes).has('100234')).toBe(false);
    const bIds = new Set(b.changes.flatMap((c) => (c.op === 'upsert' && c.table === 'inmates' ? [c.row.id] : [])));
    expect(a.changes.some((c) => c.op === 'upsert' && c.table === 'messages' && bIds.has(c.row.inmateId))).toBe(false);
  });

  it('a tablet receives only its own inmate', async () => {
    const tablet = await enroll(server, { mode: 'tablet', inmateDoc: '100235' });
    const all = await pullAll(server, tablet);
    const inmates = all.changes.flatMap((c) => (c.op === 'upsert' && c.table === 'inmates' ? [c.row.docNumber] : []));
    expect(inmates).toEqual(['100235']);
  });

  it('never sends an incoming message still in review: it arrives as a tombstone', async () => {
    const pending = await server.db
      .selectFrom('messages')
      .select(['id'])
      .where('status', '=', 'pending_review')
      .where('direction', '=', 'in')
      .where('inmate_id', '=', daniel.id)
      .execute();
    const all = await pullAll(server, kioskA);
    for (const { id } of pending) {
      expect(all.changes.some((c) => c.op === 'upsert' && c.table === 'messages' && c.row.id === id)).toBe(false);
    }
  });
});

describe('push', () => {
  it('is idempotent: the same id twice makes one message and one stamp charge', async () => {
    const before = await balanceCents(server.db, daniel.id);
    const id = uuidv7();
    const op = {
      kind: 'message.send' as const,
      contactId: daniel.contactId,
      replyTo: null,
      body: 'Thank you for the photos!',
    };
    const first = await push(server, kioskA, [{ id, inmateId: daniel.id, op }]);
    const second = await push(server, kioskA, [{ id, inmateId: daniel.id, op }]);
    // Concurrent duplicates too.
    const racing = await Promise.all([
      push(server, kioskA, [{ id, inmateId: daniel.id, op }]),
      push(server, kioskA, [{ id, inmateId: daniel.id, op }]),
    ]);
    expect(first.results).toEqual([{ id, status: 'accepted' }]);
    expect(second.results).toEqual(first.results);
    expect(racing.map((r) => r.results)).toEqual([first.results, first.results]);
    const copies = await server.db.selectFrom('messages').select('id').where('client_op_id', '=', id).execute();
    expect(copies).toHaveLength(1);
    expect(await balanceCents(server.db, daniel.id)).toBe(before - 25);
  });

  it('rejects what breaks the rules with a reason, and keeps that answer', async () => {
    const tooLong = await push(server, kioskA, [
      {
        inmateId: daniel.id,
        op: { kind: 'message.send', contactId: daniel.contactId, replyTo: null, body: 'x'.repeat(2001) },
      },
    ]);
    expect(tooLong.results[0]).toMatchObject({ status: 'rejected', reason: 'too_long' });
    const otherUnit = await server.db
      .selectFrom('inmates')
      .select('id')
      .where('doc_number', '=', '200101')
      .executeTakeFirstOrThrow();
    const forbidden = await push(server, kioskA, [
      { inmateId: otherUnit.id, op: { kind: 'message.send', contactId: daniel.contactId, replyTo: null, body: 'hi' } },
    ]);
    expect(forbidden.results[0]).toMatchObject({ status: 'rejected', reason: 'forbidden' });
  });

  it('refuses to spend money that is not there, and changes nothing', async () => {
    const poor = await server.db
      .selectFrom('inmates')
      .select('id')
      .where('doc_number', '=', '100235')
      .executeTakeFirstOrThrow();
    const item = await server.db.selectFrom('catalog_approvals').select(['item_id']).executeTakeFirstOrThrow();
    // An expensive price for this item, so the account cannot cover it.
    await server.db
      .updateTable('catalog_approvals')
      .set({ price_cents: 10_000_000 })
      .where('item_id', '=', item.item_id)
      .execute();
    const before = await balanceCents(server.db, poor.id);
    const result = await push(server, kioskA, [
      { inmateId: poor.id, op: { kind: 'purchase', itemId: item.item_id, priceCents: 10_000_000 } },
    ]);
    expect(result.results[0]).toMatchObject({ status: 'rejected', reason: 'insufficient_funds' });
    expect(await balanceCents(server.db, poor.id)).toBe(before);
    expect(await server.db.selectFrom('entitlements').select('id').where('inmate_id', '=', poor.id).execute()).toEqual(
      [],
    );
    await server.db
      .updateTable('catalog_approvals')
      .set({ price_cents: 0 })
      .where('item_id', '=', item.item_id)
      .execute();
  });

  it('a purchase is kept once, whatever the retries (and is never charged twice)', async () => {
    const item = await server.db
      .selectFrom('catalog_approvals')
      .select(['item_id', 'price_cents'])
      .executeTakeFirstOrThrow();
    const op = { kind: 'purchase' as const, itemId: item.item_id, priceCents: item.price_cents };
    await push(server, kioskA, [{ inmateId: daniel.id, op }]);
    await push(server, kioskA, [{ inmateId: daniel.id, op }]); // a second purchase of the same item
    const owned = await server.db
      .selectFrom('entitlements')
      .select('id')
      .where('inmate_id', '=', daniel.id)
      .where('item_id', '=', item.item_id)
      .execute();
    expect(owned).toHaveLength(1);
  });

  it('progress: of two saves made in the same millisecond the later one stays, and an older one loses', async () => {
    const book = await server.db
      .selectFrom('catalog')
      .select('id')
      .where('kind', '=', 'book')
      .executeTakeFirstOrThrow();
    const save = (chapter: number, updatedAt: number) => ({
      inmateId: daniel.id,
      op: { kind: 'progress' as const, itemId: book.id, data: { chapter }, updatedAt },
    });
    const at = Date.now();
    // One batch, in the device's order (its outbox sends oldest first; uuidv7 ids order a tie).
    await push(server, kioskA, [save(3, at), save(4, at)]);
    await push(server, kioskA, [save(2, at - 1)]); // from a device whose clock is behind
    const row = await server.db
      .selectFrom('progress')
      .select(['data', 'updated_at'])
      .where('id', '=', `${daniel.id}:${book.id}`)
      .executeTakeFirstOrThrow();
    expect({ data: JSON.parse(row.data) as unknown, at: row.updated_at }).toEqual({ data: { chapter: 4 }, at });
  });
});

describe('media', () => {
  it('uploads by hash, refuses a mismatch, and serves ranges of what the device may see', async () => {
    const video = webmWithBlocksUntil(12_000);
    const hash = sha256(video);
    const put = (sha: string, body: Uint8Array) =>
      fetch(`${server.url}/api/sync/media/${sha}`, {
        method: 'PUT',
        headers: { authorization: kioskA.auth, 'content-type': 'video/webm' },
        body,
      });
    expect((await put('0'.repeat(64), video)).status).toBe(422);
    expect((await put(hash, video)).status).toBe(201);
    const send = await push(server, kioskA, [
      {
        inmateId: daniel.id,
        op: {
          kind: 'videogram.send',
          contactId: daniel.contactId,
          replyTo: null,
          video: { sha256: hash, mime: 'video/webm', bytes: video.length },
          durationMs: 12_000,
        },
      },
    ]);
    expect(send.results[0]).toMatchObject({ status: 'accepted' });
    // Its stamp is the videogram price, on a line that says videogram (a code the kiosk words), not "Stamp".
    const stamp = await server.db
      .selectFrom('ledger')
      .select(['amount_cents', 'label', 'description'])
      .where('inmate_id', '=', daniel.id)
      .where('kind', '=', 'stamp')
      .orderBy('at', 'desc')
      .executeTakeFirstOrThrow();
    expect(stamp.amount_cents).toBe(-100);
    expect(JSON.parse(stamp.label ?? 'null')).toEqual({ code: 'videogram_stamp' });
    expect(stamp.description).toBe('Videogram stamp');

    const whole = await fetch(`${server.url}/api/sync/media/${hash}`, { headers: { authorization: kioskA.auth } });
    expect(whole.status).toBe(200);
    expect(new Uint8Array(await whole.arrayBuffer())).toEqual(video);
    const part = await fetch(`${server.url}/api/sync/media/${hash}`, {
      headers: { authorization: kioskA.auth, range: 'bytes=10-' },
    });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 10-${video.length - 1}/${video.length}`);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(video.subarray(10));
    const beyond = await fetch(`${server.url}/api/sync/media/${hash}`, {
      headers: { authorization: kioskA.auth, range: `bytes=${video.length + 5}-` },
    });
    expect(beyond.status).toBe(416);
    // The other unit's kiosk may not fetch Daniel's videogram.
    expect(
      (await fetch(`${server.url}/api/sync/media/${hash}`, { headers: { authorization: kioskB.auth } })).status,
    ).toBe(404);
  });

  it('a videogram over three minutes is refused by what the file says, not by what the device claims', async () => {
    const long = webmWithDuration(181_000);
    const hash = sha256(long);
    await fetch(`${server.url}/api/sync/media/${hash}`, {
      method: 'PUT',
      headers: { authorization: kioskA.auth, 'content-type': 'video/webm' },
      body: long,
    });
    const result = await push(server, kioskA, [
      {
        inmateId: daniel.id,
        op: {
          kind: 'videogram.send',
          contactId: daniel.contactId,
          replyTo: null,
          video: { sha256: hash, mime: 'video/webm', bytes: long.length },
          durationMs: 60_000,
        },
      },
    ]);
    expect(result.results[0]).toMatchObject({ status: 'rejected', reason: 'duration_exceeded' });
  });

  it('asks the device to retry a videogram whose video is not uploaded yet', async () => {
    const result = await push(server, kioskA, [
      {
        inmateId: daniel.id,
        op: {
          kind: 'videogram.send',
          contactId: daniel.contactId,
          replyTo: null,
          video: { sha256: 'a'.repeat(64), mime: 'video/webm', bytes: 10 },
          durationMs: 1_000,
        },
      },
    ]);
    expect(result.results[0]).toMatchObject({ status: 'retry', reason: 'media_missing' });
  });
});

describe('change signal', () => {
  it('tells an online device within a second that a reviewer approved a message for it', async () => {
    const facility = await server.db.selectFrom('facilities').select('id').executeTakeFirstOrThrow();
    const pending = await server.db
      .selectFrom('messages')
      .select('id')
      .where('status', '=', 'pending_review')
      .where('direction', '=', 'in')
      .where('inmate_id', '=', daniel.id)
      .executeTakeFirst();
    const target =
      pending ??
      (await server.db
        .selectFrom('messages')
        .select('id')
        .where('status', '=', 'pending_review')
        .where('direction', '=', 'out')
        .where('inmate_id', '=', daniel.id)
        .executeTakeFirstOrThrow());
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/api/sync/signal`, {
      headers: { authorization: kioskA.auth },
    });
    const otherUnit = new WebSocket(`${server.url.replace('http', 'ws')}/api/sync/signal`, {
      headers: { authorization: kioskB.auth },
    });
    await Promise.all([socket, otherUnit].map((ws) => new Promise((resolve) => ws.once('open', resolve))));
    const heardByB: string[] = [];
    otherUnit.on('message', (data: Buffer) => heardByB.push(data.toString()));
    const heard = new Promise<{ at: number; message: unknown }>((resolve) =>
      socket.once('message', (data: Buffer) =>
        resolve({ at: performance.now(), message: JSON.parse(data.toString()) }),
      ),
    );
    const started = performance.now();
    await decideNow(server.context, facility.id, target.id);
    const { at, message } = await heard;
    expect(message).toMatchObject({ type: 'changed' });
    expect(at - started).toBeLessThan(1_000);
    // The server signals in order: once B hears a change of its own unit, announced after the approval,
    // a wrong signal of that approval to B would have come first.
    const barrier = { facilityId: facility.id, unitId: kioskB.unitId, inmateId: null, seq: -1 };
    const heardBarrier = new Promise((resolve) => otherUnit.once('message', resolve));
    server.context.bus.notify(barrier);
    await heardBarrier;
    expect(heardByB).toEqual([JSON.stringify({ type: 'changed', seq: -1 })]);
    const unauthorized = new WebSocket(`${server.url.replace('http', 'ws')}/api/sync/signal`);
    await new Promise((resolve) => unauthorized.once('error', resolve));
    socket.close();
    otherUnit.close();
  });
});

describe('limits and revoked devices', () => {
  it('accepts a videogram of exactly 180 s and refuses 181 s', async () => {
    for (const [ms, expected] of [
      [180_000, 'accepted'],
      [181_000, 'rejected'],
    ] as const) {
      const video = webmWithDuration(ms);
      const hash = sha256(video);
      await fetch(`${server.url}/api/sync/media/${hash}`, {
        method: 'PUT',
        headers: { authorization: kioskA.auth, 'content-type': 'video/webm' },
        body: video,
      });
      const result = await push(server, kioskA, [
        {
          inmateId: daniel.id,
          op: {
            kind: 'videogram.send',
            contactId: daniel.contactId,
            replyTo: null,
            video: { sha256: hash, mime: 'video/webm', bytes: video.length },
            durationMs: ms,
          },
        },
      ]);
      expect(result.results[0]?.status, `${ms} ms`).toBe(expected);
    }
  });

  it('a revoked device gets 401 everywhere, including the change signal', async () => {
    const device = await enroll(server);
    await server.db.updateTable('devices').set({ revoked_at: Date.now() }).where('id', '=', device.deviceId).execute();
    expect(
      (await fetch(`${server.url}/api/sync/pull?cursor=0`, { headers: { authorization: device.auth } })).status,
    ).toBe(401);
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/sync/signal`, {
      headers: { authorization: device.auth },
    });
    await new Promise((resolve) => ws.once('error', resolve));
  });

  it('refuses oversized bodies with 413 and writes nothing', async () => {
    const before = await server.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const response = await fetch(`${server.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: kioskA.auth },
      body: JSON.stringify({ items: [], pad: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(response.status).toBe(413);
    const after = await server.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe('two facilities on one server', () => {
  it("a device of facility A never receives facility B's rows, nor B's media", async () => {
    // The demo seed makes one facility; a second one is added by hand here.
    const facilityB = uuidv7();
    const unitB = uuidv7();
    await write(server.context, async (w) => {
      await w.trx
        .insertInto('facilities')
        .values({
          id: facilityB,
          name: 'Other Facility',
          time_zone: 'UTC',
          settings:
            '{"messageMaxChars":100,"stampPriceCents":0,"videogramStampPriceCents":0,"maxPhotosPerMessage":1,"failedSignInLimit":3,"lockoutMs":60000,"idleTimeoutMs":60000,"maxSessionMs":60000}',
          fee_schedule: '[{"upToCents":50000,"feeCents":0}]',
          review_policy:
            '{"incomingText":false,"incomingPhotos":false,"incomingVideograms":false,"outgoingText":false,"outgoingVideograms":false}',
          updated_at: w.now,
        })
        .execute();
      await w.changed('facilities', facilityB, { facilityId: facilityB });
      await w.trx.insertInto('units').values({ id: unitB, facility_id: facilityB, name: 'B1' }).execute();
      await w.changed('units', unitB, { facilityId: facilityB });
      const id = uuidv7();
      await w.trx
        .insertInto('announcements')
        .values({
          id,
          facility_id: facilityB,
          unit_id: null,
          title: 'B only',
          body: '',
          language: null,
          posted_at: w.now,
          expires_at: null,
        })
        .execute();
      await w.changed('announcements', id, { facilityId: facilityB });
    });
    const all = await pullAll(server, kioskA);
    expect(
      all.changes.some(
        (c) =>
          c.op === 'upsert' && (('facilityId' in c.row && c.row.facilityId === facilityB) || c.row.id === facilityB),
      ),
    ).toBe(false);
    const bCode = await server.createEnrollmentCode({ facilityId: facilityB });
    const response = await fetch(`${server.url}/api/devices/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: bCode, mode: 'kiosk', unitId: unitB, inmateId: null, label: 'b', appVersion: '1' }),
    });
    const bDevice = (await response.json()) as { deviceId: string; secret: string };
    const bAuth = `Device ${bDevice.deviceId}.${bDevice.secret}`;
    const bPull = (await (
      await fetch(`${server.url}/api/sync/pull?cursor=0&limit=1000`, { headers: { authorization: bAuth } })
    ).json()) as { changes: { table: string }[] };
    expect(bPull.changes.map((c) => c.table).sort()).toEqual(['announcements', 'facilities', 'units']);
    // Facility A's photos are not B's to fetch.
    const photo = await server.db
      .selectFrom('media_refs')
      .select('sha256')
      .where('facility_id', '!=', facilityB)
      .executeTakeFirstOrThrow();
    expect(
      (await fetch(`${server.url}/api/sync/media/${photo.sha256}`, { headers: { authorization: bAuth } })).status,
    ).toBe(404);
  });
});
