import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app';
import { uuidv7 } from 'uuidv7';
import WebSocket from 'ws';
import { TicketRow } from '../../../shared/sync/rows';
import { demoServer, enroll, pullAll, push } from '../../support/server-harness';
import { demoStaff, signedInFamily, WebBrowser as Browser } from '../../support/web-browser';
import { otherFacility as otherFacilityOf } from '../../support/other-facility';

/** The staff console's session, support tickets, devices and catalog (what reviewers see: staff-review-visibility). */
let server: RunningServer;
beforeAll(async () => {
  server = await demoServer();
});
afterAll(() => server.close());

const family = (email: string) => signedInFamily(server.url, email);
const admin = () => demoStaff.admin(server.url);
const reviewer = () => demoStaff.reviewer(server.url);
const technician = () => demoStaff.technician(server.url);
const otherFacility = (role?: 'reviewer' | 'technician') => otherFacilityOf(server, role);

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
