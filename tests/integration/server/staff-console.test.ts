import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app';
import { write } from '../../../server/domain/context';
import { nodeScrypt } from '../../../shared/node/scrypt';
import { secretHasher } from '../../../shared/sync/secret-hash';
import { confirmSignUp, WebBrowser as Browser } from '../../support/web-browser';
import { demoServer, enroll, pullAll, push } from '../../support/server-harness';
import { TicketRow } from '../../../shared/sync/rows';

let server: RunningServer;
beforeAll(async () => {
  server = await demoServer();
});
afterAll(() => server.close());

const photo = readFileSync(join(import.meta.dirname, '../../../resources/demo/photos/park.jpg'));

async function family(email: string) {
  const browser = new Browser(server.url);
  await browser.request('POST', '/api/family/signup', {
    email,
    password: 'correct horse battery',
    displayName: email.split('@')[0],
    securityQuestion: 'Favourite colour?',
    securityAnswer: 'Blue',
  });
  await confirmSignUp(server.url, email);
  const first = await browser.request('POST', '/api/family/signin', { email, password: 'correct horse battery' });
  await browser.request('POST', '/api/family/signin/answer', { challengeId: first.body.challengeId, answer: 'blue' });
  return browser;
}

async function staff(email: string, password: string) {
  const browser = new Browser(server.url);
  expect((await browser.request('POST', '/api/staff/signin', { email, password })).status).toBe(200);
  return browser;
}

const admin = () => staff('admin@riverside.example', 'riverside-admin-1');
const reviewer = () => staff('reviewer@riverside.example', 'riverside-review-1');
const technician = () => staff('tech@riverside.example', 'riverside-tech-1');

/** A family member who is an approved contact of the inmate with this DOC number. */
async function approvedFamily(email: string, docNumber: string) {
  const f = await family(email);
  const contact = await f.request('POST', '/api/family/contacts', { docNumber, relationship: null });
  await (await admin()).request('POST', `/api/staff/contacts/${String(contact.body.id)}`, { approve: true });
  return { browser: f, contactId: String(contact.body.id) };
}

/** A second facility on the same server, with its own staff member (a reviewer unless said otherwise). */
async function otherFacility(role: 'reviewer' | 'technician' = 'reviewer') {
  const facilityId = uuidv7();
  const email = `reviewer.${facilityId.slice(-6)}@other.example`;
  const hash = await secretHasher(nodeScrypt).hash('other-review-1');
  await write(server.context, async (w) => {
    await w.trx
      .insertInto('facilities')
      .values({
        id: facilityId,
        name: 'Other Facility',
        time_zone: 'UTC',
        settings:
          '{"messageMaxChars":100,"stampPriceCents":0,"videogramStampPriceCents":0,"maxPhotosPerMessage":1,"failedSignInLimit":3,"lockoutMs":60000,"idleTimeoutMs":60000,"maxSessionMs":60000}',
        fee_schedule: '[{"upToCents":50000,"feeCents":0}]',
        review_policy:
          '{"incomingText":true,"incomingPhotos":true,"incomingVideograms":true,"outgoingText":true,"outgoingVideograms":true}',
        updated_at: w.now,
      })
      .execute();
    await w.trx
      .insertInto('staff_users')
      .values({
        id: uuidv7(),
        facility_id: facilityId,
        email,
        display_name: 'Other reviewer',
        role,
        password_hash: JSON.stringify(hash),
        created_at: w.now,
      })
      .execute();
  });
  return { facilityId, reviewer: await staff(email, 'other-review-1') };
}

describe('the staff session', () => {
  it('is found again on a reload (GET /api/staff/me) for each role, and is gone after signing out', async () => {
    for (const [signIn, role] of [
      [admin, 'admin'],
      [reviewer, 'reviewer'],
      [technician, 'technician'],
    ] as const) {
      const browser = await signIn();
      const me = await browser.request('GET', '/api/staff/me');
      expect(me.status).toBe(200);
      expect(me.body).toEqual({ role });
      expect((await browser.request('POST', '/api/staff/signout', {})).status).toBe(200);
      expect((await browser.request('GET', '/api/staff/me')).status).toBe(401);
    }
    // Nobody signed in, or a family member: not staff.
    expect((await new Browser(server.url).request('GET', '/api/staff/me')).status).toBe(401);
    expect((await (await family(`me.${Date.now()}@example.com`)).request('GET', '/api/staff/me')).status).toBe(401);
  });
});

describe('reviewers see the media of what they review', () => {
  it("serves a message's photo and videogram (with Range) to the facility's reviewers only", async () => {
    const { browser: f, contactId } = await approvedFamily('media.family@example.com', '100235');
    const sent = await f.request('POST', '/api/family/messages', {
      contactId,
      body: 'A photo for review',
      photos: [{ base64: photo.toString('base64'), alt: 'the park' }],
      ecard: null,
    });
    expect(sent.body).toMatchObject({ status: 'pending_review' });
    const video = readFileSync(join(import.meta.dirname, '../../../resources/demo/videos/kids-say-hi.webm'));
    const response = await fetch(`${server.url}/api/family/videograms?contactId=${contactId}`, {
      method: 'POST',
      headers: {
        'content-type': 'video/webm',
        cookie: [...f.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; '),
        'x-csrf-token': f.cookies.get('ok_csrf') ?? '',
      },
      body: video,
    });
    const videogram = (await response.json()) as { id: string };

    const r = await reviewer();
    const queue = (
      (await r.request('GET', '/api/staff/review')).body as unknown as {
        items: {
          id: string;
          photos: { sha256: string; alt: string; mime: string }[];
          videogram: { video: { sha256: string; mime: string } } | null;
        }[];
      }
    ).items;
    const item = queue.find((m) => m.id === sent.body.id);
    const photoRef = item?.photos[0];
    expect(photoRef).toMatchObject({ alt: 'the park', mime: 'image/jpeg' });
    const videoRef = queue.find((m) => m.id === videogram.id)?.videogram?.video;
    expect(videoRef).toMatchObject({ mime: 'video/webm' });

    const image = await r.raw(`/api/staff/media/${photoRef?.sha256 ?? ''}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await image.arrayBuffer()).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    const part = await r.raw(`/api/staff/media/${videoRef?.sha256 ?? ''}`, { range: 'bytes=0-3' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-3/${video.length}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(video.subarray(0, 4));
    // An admin may look too; a technician may not; nor a family, nor anyone signed out.
    expect((await (await admin()).raw(`/api/staff/media/${photoRef?.sha256 ?? ''}`)).status).toBe(200);
    expect((await (await technician()).raw(`/api/staff/media/${photoRef?.sha256 ?? ''}`)).status).toBe(403);
    expect((await f.raw(`/api/staff/media/${photoRef?.sha256 ?? ''}`)).status).toBe(401);

    // A reviewer of another facility gets nothing of facility A.
    const other = await otherFacility();
    for (const sha of [photoRef?.sha256, videoRef?.sha256])
      expect((await other.reviewer.raw(`/api/staff/media/${sha ?? ''}`)).status).toBe(404);
    // Media no message refers to (a catalog file) is not served through the review route either.
    const book = await server.db
      .selectFrom('catalog')
      .select('files')
      .where('kind', '=', 'book')
      .executeTakeFirstOrThrow();
    const [epub] = JSON.parse(book.files) as { sha256: string }[];
    expect(await server.media.has(epub?.sha256 ?? '')).toBe(true);
    expect((await r.raw(`/api/staff/media/${epub?.sha256 ?? ''}`)).status).toBe(404);
    expect((await r.raw('/api/staff/media/not-a-hash')).status).toBe(400);
  });
});

describe('support tickets', () => {
  it('an inmate ticket pushed from a kiosk → staff reply → the device pull carries the reply; closing ends it', async () => {
    const kiosk = await enroll(server, { unitIndex: 0 });
    const start = await pullAll(server, kiosk);
    const inmate = start.changes.find((c) => c.op === 'upsert' && c.table === 'inmates');
    const inmateId = inmate?.op === 'upsert' ? inmate.row.id : '';
    const pushed = await push(server, kiosk, [
      { inmateId, op: { kind: 'ticket.open', subject: 'Balance question', body: 'My deposit is missing.' } },
    ]);
    expect(pushed.results[0]?.status).toBe('accepted');

    const r = await reviewer();
    const open = (await r.request('GET', '/api/staff/tickets')).body as unknown as {
      id: string;
      subject: string;
      replies: { from: string }[];
    }[];
    const ticket = open.find((t) => t.subject === 'Balance question');
    expect(ticket?.replies).toEqual([expect.objectContaining({ from: 'inmate', body: 'My deposit is missing.' })]);
    const reply = await r.request('POST', `/api/staff/tickets/${ticket?.id ?? ''}/reply`, {
      body: 'It arrives tomorrow.',
    });
    expect(reply.body).toEqual({ status: 'answered' });
    expect((await r.request('POST', `/api/staff/tickets/${ticket?.id ?? ''}/reply`, { body: '  ' })).status).toBe(400);

    const after = await pullAll(server, kiosk, start.cursor);
    const synced = after.changes.find((c) => c.op === 'upsert' && c.table === 'tickets' && c.row.id === ticket?.id);
    const row = TicketRow.parse(synced?.op === 'upsert' ? synced.row : null);
    expect(row.status).toBe('answered');
    expect(row.replies.map((x) => [x.from, x.body])).toEqual([
      ['inmate', 'My deposit is missing.'],
      ['staff', 'It arrives tomorrow.'],
    ]);

    // Closed: off the staff list, the device hears of it, and the inmate can no longer reply.
    expect((await r.request('POST', `/api/staff/tickets/${ticket?.id ?? ''}/close`, {})).body).toEqual({
      status: 'closed',
    });
    expect(
      ((await r.request('GET', '/api/staff/tickets')).body as unknown as { id: string }[]).some(
        (t) => t.id === ticket?.id,
      ),
    ).toBe(false);
    const closed = await pullAll(server, kiosk, after.cursor);
    expect(closed.changes.find((c) => c.table === 'tickets')).toMatchObject({
      op: 'upsert',
      row: { status: 'closed' },
    });
    const late = await push(server, kiosk, [
      { inmateId, op: { kind: 'ticket.reply', ticketId: ticket?.id ?? '', body: 'Thanks' } },
    ]);
    expect(late.results[0]).toMatchObject({ status: 'rejected', reason: 'closed' });

    // Another facility's staff cannot see or answer it.
    const other = await otherFacility();
    expect(((await other.reviewer.request('GET', '/api/staff/tickets')).body as unknown as unknown[]).length).toBe(0);
    expect(
      (await other.reviewer.request('POST', `/api/staff/tickets/${ticket?.id ?? ''}/reply`, { body: 'x' })).status,
    ).toBe(404);
  });
});

describe('devices', () => {
  const report = (auth: string, detail: Record<string, unknown>, at = Date.now()) =>
    fetch(`${server.url}/api/devices/report`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: auth },
      body: JSON.stringify({
        items: [{ id: uuidv7(), at, kind: 'diagnostics', technicianId: null, action: 'diagnostics', detail }],
      }),
    });
  type Listed = { id: string; revoked_at: number | null; health: { status: string; problems: string[] } };
  const listed = async (b: Browser, id: string) =>
    ((await b.request('GET', '/api/staff/devices')).body as unknown as Listed[]).find((d) => d.id === id);

  it('shows health from the newest diagnostics report', async () => {
    const healthy = await enroll(server);
    const struggling = await enroll(server);
    const silent = await enroll(server);
    const good = {
      lastSyncAt: Date.now(),
      outboxDepth: 0,
      freeDiskBytes: 50 * 1024 ** 3,
      databaseIntegrity: 'ok',
      recentErrors: [],
    };
    // The struggling device's second report is the newer one by its own timestamp, not by arrival.
    expect((await report(healthy.auth, good)).status).toBe(200);
    expect((await report(struggling.auth, good, good.lastSyncAt - 1_000)).status).toBe(200);
    await report(struggling.auth, {
      ...good,
      outboxDepth: 120,
      freeDiskBytes: 10_000,
      databaseIntegrity: 'row 5 missing from index',
    });
    const t = await technician();
    expect((await listed(t, healthy.deviceId))?.health).toEqual({
      status: 'ok',
      reportedAt: expect.any(Number) as number,
      problems: [],
    });
    expect((await listed(t, struggling.deviceId))?.health).toMatchObject({
      status: 'attention',
      problems: ['outbox_backlog', 'disk_low', 'integrity'],
    });
    expect((await listed(t, silent.deviceId))?.health).toMatchObject({ status: 'unknown', problems: [] });
  });

  it('an admin or technician revokes a device: 401 from then on, and its open signal socket is closed', async () => {
    const device = await enroll(server);
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/api/sync/signal`, {
      headers: { authorization: device.auth },
    });
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<{ code: number; at: number }>((resolve) =>
      socket.once('close', (code: number) => resolve({ code, at: performance.now() })),
    );
    expect((await (await reviewer()).request('POST', `/api/staff/devices/${device.deviceId}/revoke`, {})).status).toBe(
      403,
    );
    const other = await otherFacility('technician');
    expect((await other.reviewer.request('POST', `/api/staff/devices/${device.deviceId}/revoke`, {})).status).toBe(404);

    const t = await technician();
    const started = performance.now();
    const revoked = await t.request('POST', `/api/staff/devices/${device.deviceId}/revoke`, {});
    expect(revoked.status).toBe(200);
    const { code, at } = await closed;
    expect(code).toBe(4401);
    expect(at - started).toBeLessThan(1_000);
    expect(
      (await fetch(`${server.url}/api/sync/pull?cursor=0`, { headers: { authorization: device.auth } })).status,
    ).toBe(401);
    expect((await listed(t, device.deviceId))?.revoked_at).toEqual(expect.any(Number));
    // Once more is harmless; a device of another facility (or none) is not found.
    expect((await t.request('POST', `/api/staff/devices/${device.deviceId}/revoke`, {})).status).toBe(200);
    expect((await t.request('POST', `/api/staff/devices/${uuidv7()}/revoke`, {})).status).toBe(404);
  });
});

describe('catalog withdrawal keeps purchases', () => {
  it('a withdrawn item stays on the devices of those who bought it (marked unavailable), leaves the others, cannot be bought', async () => {
    const book = await server.db
      .selectFrom('catalog')
      .innerJoin('catalog_approvals', 'catalog_approvals.item_id', 'catalog.id')
      .select(['catalog.id', 'catalog_approvals.price_cents'])
      .where('catalog.kind', '=', 'book')
      .where('catalog_approvals.price_cents', '>', 0)
      .orderBy('catalog.title', 'desc')
      .executeTakeFirstOrThrow();
    const inmate = async (doc: string) =>
      (await server.db.selectFrom('inmates').select('id').where('doc_number', '=', doc).executeTakeFirstOrThrow()).id;
    const buyerId = await inmate('100236');
    const buyerTablet = await enroll(server, { mode: 'tablet', inmateDoc: '100236' });
    const otherTablet = await enroll(server, { mode: 'tablet', inmateDoc: '100243' });
    const bought = await push(server, buyerTablet, [
      { inmateId: buyerId, op: { kind: 'purchase', itemId: book.id, priceCents: book.price_cents } },
    ]);
    expect(bought.results[0]?.status).toBe('accepted');
    const buyerStart = await pullAll(server, buyerTablet);
    const otherStart = await pullAll(server, otherTablet);

    const a = await admin();
    expect((await a.request('POST', `/api/staff/catalog/${book.id}`, { approved: false, priceCents: 0 })).status).toBe(
      200,
    );
    const buyerAfter = await pullAll(server, buyerTablet, buyerStart.cursor);
    expect(buyerAfter.changes).toEqual([
      expect.objectContaining({
        table: 'catalog',
        op: 'upsert',
        row: expect.objectContaining({ id: book.id, available: false, priceCents: book.price_cents }) as unknown,
      }) as unknown,
    ]);
    const otherAfter = await pullAll(server, otherTablet, otherStart.cursor);
    expect(otherAfter.changes).toEqual([
      expect.objectContaining({ table: 'catalog', op: 'delete', id: book.id }) as unknown,
    ]);
    // A device set up afresh for the buyer gets the item and the entitlement too.
    const fresh = await pullAll(server, await enroll(server, { mode: 'tablet', inmateDoc: '100236' }));
    expect(fresh.changes).toContainEqual(
      expect.objectContaining({
        table: 'catalog',
        op: 'upsert',
        row: expect.objectContaining({ id: book.id, available: false }) as unknown,
      }) as unknown,
    );
    expect(fresh.changes.some((c) => c.table === 'entitlements' && c.op === 'upsert' && c.row.itemId === book.id)).toBe(
      true,
    );
    // Nobody can buy it while withdrawn.
    const refused = await push(server, otherTablet, [
      {
        inmateId: await inmate('100243'),
        op: { kind: 'purchase', itemId: book.id, priceCents: book.price_cents },
      },
    ]);
    expect(refused.results[0]).toMatchObject({ status: 'rejected', reason: 'not_available' });
    // Offered again: available for everyone.
    await a.request('POST', `/api/staff/catalog/${book.id}`, { approved: true, priceCents: book.price_cents });
    const again = await pullAll(server, otherTablet, otherAfter.cursor);
    expect(again.changes[0]).toMatchObject({ table: 'catalog', op: 'upsert', row: { available: true } });
  });
});

describe('review visibility on both sides', () => {
  const setPolicy = async (incomingText: boolean) => {
    // The first facility by id: without an order PostgreSQL may return another one after an update.
    const facility = await server.db
      .selectFrom('facilities')
      .select(['id', 'review_policy'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const policy = JSON.parse(facility.review_policy) as Record<string, boolean>;
    await server.db
      .updateTable('facilities')
      .set({ review_policy: JSON.stringify({ ...policy, incomingText }) })
      .where('id', '=', facility.id)
      .execute();
  };

  it("eCards follow the facility's text review policy", async () => {
    const { browser: f, contactId } = await approvedFamily('ecard.family@example.com', '100236');
    const ecard = { templateId: 'birthday', greeting: 'Happy birthday!' };
    try {
      await setPolicy(false);
      const direct = await f.request('POST', '/api/family/messages', { contactId, body: '', photos: [], ecard });
      expect(direct.body).toMatchObject({ status: 'approved' });
      const tablet = await enroll(server, { mode: 'tablet', inmateDoc: '100236' });
      expect(
        (await pullAll(server, tablet)).changes.some(
          (c) => c.table === 'messages' && c.op === 'upsert' && c.row.id === direct.body.id,
        ),
      ).toBe(true);
      await setPolicy(true);
      const reviewed = await f.request('POST', '/api/family/messages', { contactId, body: '', photos: [], ecard });
      expect(reviewed.body).toMatchObject({ status: 'pending_review' });
    } finally {
      await setPolicy(true);
    }
  });

  it('the family sees what they sent rejected with the reason; an inmate sees their own rejected reply with the reason (and the stamp back), the family never sees it', async () => {
    const { browser: f, contactId } = await approvedFamily('rejected.family@example.com', '100238');
    const r = await reviewer();
    const sent = await f.request('POST', '/api/family/messages', {
      contactId,
      body: 'Please send the code words',
      photos: [],
      ecard: null,
    });
    expect(
      (await r.request('POST', `/api/staff/review/${String(sent.body.id)}`, { decision: 'reject', reasonCode: ' ' }))
        .status,
    ).toBe(400);
    await r.request('POST', `/api/staff/review/${String(sent.body.id)}`, {
      decision: 'reject',
      reasonCode: 'coded',
    });
    const familyView = (await f.request('GET', '/api/family/messages')).body as unknown as {
      id: string;
      body: string;
      status: string;
      rejection_reason: string | null;
    }[];
    // The server stores the reason's code; the family reads the facility's label in their language.
    expect(familyView.find((m) => m.id === sent.body.id)).toMatchObject({
      status: 'rejected',
      rejection_reason: 'coded',
      reason_labels: { en: 'Coded or unreadable language', es: 'Lenguaje cifrado o ilegible' },
    });

    const inmateId = (
      await server.db.selectFrom('inmates').select('id').where('doc_number', '=', '100238').executeTakeFirstOrThrow()
    ).id;
    const tablet = await enroll(server, { mode: 'tablet', inmateDoc: '100238' });
    const start = await pullAll(server, tablet);
    expect(start.changes.some((c) => c.table === 'messages' && c.op === 'upsert' && c.row.id === sent.body.id)).toBe(
      false,
    ); // a rejected incoming message never reaches the inmate
    const clientId = uuidv7();
    const replied = await push(server, tablet, [
      { id: clientId, inmateId, op: { kind: 'message.send', contactId, body: 'Meet me at the place', replyTo: null } },
    ]);
    expect(replied.results[0]?.status).toBe('accepted');
    const reply = await server.db
      .selectFrom('messages')
      .select(['id', 'stamp_cents'])
      .where('client_op_id', '=', clientId)
      .executeTakeFirstOrThrow();
    const { balanceCents } = await import('../../../server/domain/ledger/ledger');
    const afterStamp = await balanceCents(server.db, inmateId);
    await r.request('POST', `/api/staff/review/${reply.id}`, {
      decision: 'reject',
      reasonCode: 'third_party',
      note: 'Planning to meet',
    });
    expect(await balanceCents(server.db, inmateId)).toBe(afterStamp + reply.stamp_cents);
    const after = await pullAll(server, tablet, start.cursor);
    const row = after.changes.find((c) => c.table === 'messages' && c.op === 'upsert' && c.row.id === reply.id);
    // The inmate's device gets the label in the inmate's language, then the reviewer's note.
    const language = (
      await server.db.selectFrom('inmates').select('language').where('id', '=', inmateId).executeTakeFirstOrThrow()
    ).language;
    const label = language === 'es' ? 'Mensaje para una tercera persona' : 'Message for a third person';
    expect(row).toMatchObject({
      row: { status: 'rejected', rejectionReason: `${label}: Planning to meet`, direction: 'out' },
    });
    expect(
      ((await f.request('GET', '/api/family/messages')).body as unknown as { body: string }[]).some(
        (m) => m.body === 'Meet me at the place',
      ),
    ).toBe(false);
  });
});
