import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app';
import { balanceCents } from '../../../server/domain/ledger/ledger';
import { demoServer } from '../../support/server-harness';
import { portalPeople, rows } from '../../support/web-browser';

/** Money over the portal API: the whole path from a contact request to a reviewed message, deposit limits, recurring deposits. */
let server: RunningServer;
beforeAll(async () => {
  server = await demoServer();
});
afterAll(() => server.close());

const { family, staff } = portalPeople(() => server.url);

describe('the whole money and message path over HTTP', () => {
  it('contact request → staff approval → $50 deposit (fee shown first) → message with a photo → review → visible both ways', async () => {
    const ana = await family('ana.test@example.com');
    const contact = await ana.request('POST', '/api/family/contacts', { docNumber: '100237', relationship: 'Sister' });
    expect(contact.body).toMatchObject({ status: 'pending' });
    const reviewer = await staff('reviewer@riverside.example', 'riverside-review-1');
    const pending = await reviewer.request('GET', '/api/staff/contacts/pending');
    expect(rows(pending.body).some((c) => c.id === contact.body.id)).toBe(true);
    expect(
      (await reviewer.request('POST', `/api/staff/contacts/${String(contact.body.id)}`, { approve: true })).status,
    ).toBe(200);

    const inmate = await server.db
      .selectFrom('inmates')
      .select('id')
      .where('doc_number', '=', '100237')
      .executeTakeFirstOrThrow();
    const before = await balanceCents(server.db, inmate.id);
    const quote = await ana.request(
      'GET',
      `/api/family/deposits/quote?contactId=${String(contact.body.id)}&amountCents=5000`,
    );
    expect(quote.body).toMatchObject({
      amountCents: 5000,
      feeCents: 295,
      creditedCents: 4705,
      provider: 'DEMO: no real money moves',
    });
    const receipt = await ana.request('POST', '/api/family/deposits', {
      contactId: contact.body.id,
      amountCents: 5000,
      recurrence: 'once',
      startAt: null,
      paymentToken: 'demo-card',
    });
    expect(receipt.body).toMatchObject({ amountCents: 5000, feeCents: 295, scheduled: false });
    expect(await balanceCents(server.db, inmate.id)).toBe(before + 4705);
    expect(
      (
        await ana.request('POST', '/api/family/deposits', {
          contactId: contact.body.id,
          amountCents: 1999,
          recurrence: 'once',
          startAt: null,
          paymentToken: 'x',
        })
      ).body,
    ).toMatchObject({ error: 'amount_out_of_range' });

    // A photo with EXIF metadata: it arrives re-encoded without it.
    const { default: sharp } = await import('sharp');
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'GPS!!!' } })
      .toBuffer();
    const sent = await ana.request('POST', '/api/family/messages', {
      contactId: contact.body.id,
      body: 'Thinking of you',
      photos: [{ base64: jpeg.toString('base64'), alt: 'us at the beach' }],
      ecard: null,
    });
    expect(sent.body).toMatchObject({ status: 'pending_review' });
    const stored = await server.db
      .selectFrom('messages')
      .select('photos')
      .where('id', '=', String(sent.body.id))
      .executeTakeFirstOrThrow();
    const [photo] = JSON.parse(stored.photos) as { sha256: string }[];
    const bytes = await server.media.readAll(photo?.sha256 ?? '');
    expect(bytes.includes(Buffer.from('GPS!!!'))).toBe(false);

    const queue = await reviewer.request('GET', '/api/staff/review');
    expect(rows((queue.body as unknown as { items: unknown }).items).some((m) => m.id === sent.body.id)).toBe(true);
    expect(
      (await reviewer.request('POST', `/api/staff/review/${String(sent.body.id)}`, { decision: 'approve' })).status,
    ).toBe(200);
    const list = await ana.request('GET', '/api/family/messages');
    expect(rows(list.body).find((m) => m.id === sent.body.id)).toMatchObject({ status: 'approved' });
  });
});

describe('deposit limits', () => {
  it('refuses $19.99 and $500.01 (quote and deposit, nothing charged or credited) and accepts $20.00 and $500.00', async () => {
    const f = await family('limits@example.com');
    const contact = await f.request('POST', '/api/family/contacts', { docNumber: '100235', relationship: null });
    const admin = await staff('admin@riverside.example', 'riverside-admin-1');
    await admin.request('POST', `/api/staff/contacts/${String(contact.body.id)}`, { approve: true });
    const inmate = await server.db
      .selectFrom('inmates')
      .select('id')
      .where('doc_number', '=', '100235')
      .executeTakeFirstOrThrow();
    const send = (amountCents: number) =>
      f.request('POST', '/api/family/deposits', {
        contactId: contact.body.id,
        amountCents,
        recurrence: 'once',
        startAt: null,
        paymentToken: 'demo-card',
      });
    const before = await balanceCents(server.db, inmate.id);
    for (const amountCents of [1999, 50_001]) {
      const quote = await f.request(
        'GET',
        `/api/family/deposits/quote?contactId=${String(contact.body.id)}&amountCents=${amountCents}`,
      );
      expect(quote, `quote ${amountCents}`).toMatchObject({ status: 400, body: { error: 'amount_out_of_range' } });
      expect(await send(amountCents), `deposit ${amountCents}`).toMatchObject({
        status: 400,
        body: { error: 'amount_out_of_range' },
      });
    }
    expect(await balanceCents(server.db, inmate.id)).toBe(before);
    let expected = before;
    for (const amountCents of [2000, 50_000]) {
      const receipt = await send(amountCents);
      expect(receipt, `deposit ${amountCents}`).toMatchObject({ status: 200, body: { amountCents, scheduled: false } });
      expected += amountCents - Number(receipt.body.feeCents);
      expect(await balanceCents(server.db, inmate.id)).toBe(expected);
    }
  });
});

describe('recurring deposits', () => {
  it('run when due, once each, with the fee, and move to the next week', async () => {
    const { runDueDeposits } = await import('../../../server/domain/ledger/scheduled-deposits');
    const { demoPaymentProvider } = await import('../../../server/payments/payment-provider');
    const f = await family('weekly@example.com');
    const contact = await f.request('POST', '/api/family/contacts', { docNumber: '100236', relationship: null });
    const admin = await staff('admin@riverside.example', 'riverside-admin-1');
    await admin.request('POST', `/api/staff/contacts/${String(contact.body.id)}`, { approve: true });
    const inmate = await server.db
      .selectFrom('inmates')
      .select('id')
      .where('doc_number', '=', '100236')
      .executeTakeFirstOrThrow();
    const before = await balanceCents(server.db, inmate.id);
    const startAt = Date.now() + 60_000;
    const receipt = await f.request('POST', '/api/family/deposits', {
      contactId: contact.body.id,
      amountCents: 10_000,
      recurrence: 'weekly',
      startAt,
      paymentToken: 'demo-card',
    });
    expect(receipt.body).toMatchObject({ scheduled: true, feeCents: 495 });
    expect(await balanceCents(server.db, inmate.id)).toBe(before); // not yet due
    await server.db
      .updateTable('scheduled_deposits')
      .set({ next_at: Date.now() - 1 })
      .where('id', '=', String(receipt.body.receiptId))
      .execute();
    await Promise.all([
      runDueDeposits(server.context, demoPaymentProvider),
      runDueDeposits(server.context, demoPaymentProvider),
    ]);
    expect(await balanceCents(server.db, inmate.id)).toBe(before + 10_000 - 495);
    const schedule = await server.db
      .selectFrom('scheduled_deposits')
      .select(['next_at', 'active'])
      .where('id', '=', String(receipt.body.receiptId))
      .executeTakeFirstOrThrow();
    expect(schedule.active).toBe(1);
    expect(schedule.next_at).toBeGreaterThan(Date.now() + 6 * 86_400_000);
  });
});
