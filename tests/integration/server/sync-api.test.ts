import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app';
import { write } from '../../../server/domain/context';
import { demoWithKiosks, enroll, pullAll, type TestDevice } from '../../support/server-harness';

/** The device sync API: health, enrollment, pull, and two facilities on one server (push: sync-push; media: sync-media). */
let server: RunningServer;
let kioskA: TestDevice;
let kioskB: TestDevice;
let daniel: { id: string; contactId: string };

beforeAll(async () => {
  ({ server, kioskA, kioskB, daniel } = await demoWithKiosks());
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
