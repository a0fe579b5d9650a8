import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app';
import { sendFamilyMessage } from '../../../server/domain/messages/family-messages';
import { balanceCents } from '../../../server/domain/ledger/ledger';
import { ECARD_TEMPLATE_IDS } from '../../../shared/domain/ecards';
import { demoServer, enroll, pullAll } from '../../support/server-harness';
import { confirmSignUp, WebBrowser as Browser } from '../../support/web-browser';

let server: RunningServer;
const rows = (body: unknown) => body as { id: string; body?: string; status?: string }[];
beforeAll(async () => {
  server = await demoServer();
});
afterAll(() => server.close());

async function family(email: string, password = 'correct horse battery', answer = 'Blue') {
  const browser = new Browser(server.url);
  await browser.request('POST', '/api/family/signup', {
    email,
    password,
    displayName: email.split('@')[0],
    securityQuestion: 'Favourite colour?',
    securityAnswer: answer,
  });
  await confirmSignUp(server.url, email);
  const first = await browser.request('POST', '/api/family/signin', { email, password });
  expect(first.body).toMatchObject({ status: 'security-question', question: 'Favourite colour?' });
  const done = await browser.request('POST', '/api/family/signin/answer', {
    challengeId: first.body.challengeId,
    answer: ` ${answer.toLowerCase()} `,
  });
  expect(done.body).toMatchObject({ status: 'signed-in' });
  return browser;
}

async function staff(email: string, password: string) {
  const browser = new Browser(server.url);
  expect((await browser.request('POST', '/api/staff/signin', { email, password })).status).toBe(200);
  return browser;
}

describe('family accounts', () => {
  it('asks the security question on a new browser only', async () => {
    const browser = await family('new.browser@example.com');
    await browser.request('POST', '/api/family/signout', {});
    const again = await browser.request('POST', '/api/family/signin', {
      email: 'new.browser@example.com',
      password: 'correct horse battery',
    });
    expect(again.body).toMatchObject({ status: 'signed-in' });
    const other = new Browser(server.url);
    expect(
      (
        await other.request('POST', '/api/family/signin', {
          email: 'new.browser@example.com',
          password: 'correct horse battery',
        })
      ).body,
    ).toMatchObject({ status: 'security-question' });
  });

  it('refuses weak passwords, and answers a taken email exactly like a new one', async () => {
    const b = new Browser(server.url);
    const base = { displayName: 'X', securityQuestion: 'Favourite colour?', securityAnswer: 'Red' };
    expect(
      (await b.request('POST', '/api/family/signup', { ...base, email: 'weak@example.com', password: 'short' })).body,
    ).toMatchObject({ error: 'weak_password' });
    expect(
      (
        await b.request('POST', '/api/family/signup', {
          ...base,
          email: 'maria.reyes@example.com',
          password: 'long enough password',
        })
      ).body,
    ).toEqual({ status: 'check-email' });
  });

  it('locks the account after five wrong passwords', async () => {
    await family('locked@example.com');
    const b = new Browser(server.url);
    for (let i = 0; i < 5; i += 1)
      expect(
        (await b.request('POST', '/api/family/signin', { email: 'locked@example.com', password: 'wrong wrong wrong' }))
          .status,
      ).toBe(401);
    const locked = await b.request('POST', '/api/family/signin', {
      email: 'locked@example.com',
      password: 'correct horse battery',
    });
    expect(locked.status).toBe(423);
  });

  it('a reset link works once and expires', async () => {
    await family('reset@example.com');
    const b = new Browser(server.url);
    await b.request('POST', '/api/family/password/forgot', { email: 'reset@example.com' });
    const mailDir = join(dirname(server.context.mediaDir), 'mail');
    const mail = readdirSync(mailDir)
      .map((f) => JSON.parse(readFileSync(join(mailDir, f), 'utf8')) as { to: string; link: string })
      .find((m) => m.to === 'reset@example.com' && m.link.includes('#reset'));
    const token = /[#?&]token=([^&]+)/.exec(mail?.link ?? '')?.[1] ?? '';
    expect(
      (await b.request('POST', '/api/family/password/reset', { token, newPassword: 'a brand new password' })).status,
    ).toBe(200);
    expect(
      (await b.request('POST', '/api/family/password/reset', { token, newPassword: 'another new password' })).body,
    ).toMatchObject({ error: 'link_expired' });
    const signedIn = await new Browser(server.url).request('POST', '/api/family/signin', {
      email: 'reset@example.com',
      password: 'a brand new password',
    });
    expect(signedIn.status).toBe(200);
    // An old link is refused after 30 minutes.
    await b.request('POST', '/api/family/password/forgot', { email: 'reset@example.com' });
    await server.db
      .updateTable('password_resets')
      .set({ expires_at: Date.now() - 1 })
      .where('used_at', 'is', null)
      .execute();
    const latest = readdirSync(mailDir)
      .sort()
      .map((f) => JSON.parse(readFileSync(join(mailDir, f), 'utf8')) as { to: string; link: string })
      .filter((m) => m.to === 'reset@example.com')
      .at(-1);
    const expired = /[#?&]token=([^&]+)/.exec(latest?.link ?? '')?.[1] ?? '';
    expect(
      (await b.request('POST', '/api/family/password/reset', { token: expired, newPassword: 'yet another password' }))
        .body,
    ).toMatchObject({ error: 'link_expired' });
  });

  it('refuses state changes without the CSRF token', async () => {
    const b = await family('csrf@example.com');
    const response = await b.request(
      'POST',
      '/api/family/contacts',
      { docNumber: '100234', relationship: null },
      { csrf: false },
    );
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ error: 'csrf' });
  });
});

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

describe('isolation and roles', () => {
  it("family A can never see family B's messages or act on B's contact", async () => {
    const a = await family('family.a@example.com');
    const b = await family('family.b@example.com');
    const bContact = await b.request('POST', '/api/family/contacts', { docNumber: '100238', relationship: null });
    const admin = await staff('admin@riverside.example', 'riverside-admin-1');
    await admin.request('POST', `/api/staff/contacts/${String(bContact.body.id)}`, { approve: true });
    await b.request('POST', '/api/family/messages', {
      contactId: bContact.body.id,
      body: 'private to B',
      photos: [],
      ecard: null,
    });
    expect(rows((await a.request('GET', '/api/family/messages')).body).some((m) => m.body === 'private to B')).toBe(
      false,
    );
    expect(
      (
        await a.request('POST', '/api/family/messages', {
          contactId: bContact.body.id,
          body: 'x',
          photos: [],
          ecard: null,
        })
      ).status,
    ).toBe(404);
    expect(
      (await a.request('GET', `/api/family/deposits/quote?contactId=${String(bContact.body.id)}&amountCents=5000`))
        .status,
    ).toBe(404);
    expect((await a.request('GET', '/api/family/me')).body.contacts).toEqual([]);
  });

  it('a reviewer cannot do admin actions; a family cannot use staff routes', async () => {
    const reviewer = await staff('reviewer@riverside.example', 'riverside-review-1');
    const someone = await server.db
      .selectFrom('inmates')
      .select('id')
      .where('doc_number', '=', '100240')
      .executeTakeFirstOrThrow();
    expect(
      (await reviewer.request('POST', `/api/staff/inmates/${someone.id}/release`, { confirmCents: 0 })).status,
    ).toBe(403);
    expect((await reviewer.request('POST', '/api/staff/pin-reset', { docNumber: '100240' })).status).toBe(403);
    expect((await reviewer.request('POST', '/api/staff/enrollment-codes', {})).status).toBe(403);
    const f = await family('not.staff@example.com');
    expect((await f.request('GET', '/api/staff/review')).status).toBe(401);
  });

  it('an admin issues a PIN reset code and processes a release that moves the whole balance', async () => {
    const admin = await staff('admin@riverside.example', 'riverside-admin-1');
    const reset = await admin.request('POST', '/api/staff/pin-reset', { docNumber: '100241' });
    expect(reset.body).toMatchObject({ code: expect.stringMatching(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/) as string });
    const inmate = await server.db
      .selectFrom('inmates')
      .select('id')
      .where('doc_number', '=', '100242')
      .executeTakeFirstOrThrow();
    const balance = await balanceCents(server.db, inmate.id);
    const preview = await admin.request('GET', `/api/staff/inmates/${inmate.id}/release`);
    expect(preview.body).toMatchObject({ docNumber: '100242', balanceCents: balance });
    // A confirmation of another amount (the balance moved since it was shown) changes nothing.
    const stale = await admin.request('POST', `/api/staff/inmates/${inmate.id}/release`, { confirmCents: balance + 1 });
    expect(stale.body).toMatchObject({ error: 'balance_changed', params: { balanceCents: balance } });
    expect(await balanceCents(server.db, inmate.id)).toBe(balance);
    const release = await admin.request('POST', `/api/staff/inmates/${inmate.id}/release`, { confirmCents: balance });
    expect(release.body).toMatchObject({
      releasedCents: balance,
      cardLastFour: expect.stringMatching(/^\d{4}$/) as string,
    });
    expect(await balanceCents(server.db, inmate.id)).toBe(0);
    expect((await admin.request('POST', `/api/staff/inmates/${inmate.id}/release`, { confirmCents: 0 })).status).toBe(
      409,
    );
  });
});

describe('the portal files', () => {
  it('are served with the CSP, and a path out of the portal folder gets the app shell, never the file', async () => {
    const page = await fetch(`${server.url}/portal/`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    for (const path of [
      '/portal/../package.json',
      '/portal/%2e%2e/%2e%2e/package.json',
      '/portal/..%2f..%2fpackage.json',
    ]) {
      const response = await fetch(`${server.url}${path}`);
      expect(await response.text(), path).not.toContain('"devDependencies"');
    }
  });
});

describe('roster and catalog', () => {
  it('imports a CSV roster: a dry run names each bad row by code, a commit with a bad row writes nothing', async () => {
    const admin = await staff('admin@riverside.example', 'riverside-admin-1');
    const bad = [
      'doc_number,first_name,last_name,unit,language,pin,security_question,security_answer',
      '300001,Ana,Pérez,Unit A — North,es,4455,"¿Color favorito?",Azul',
      '300002,,Nolast,Unit A — North,en,4455,Q?,A',
      '300003,Bo,Smith,Unit Z,en,12,Q?,A',
      '100234,Dup,Licate,Unit A — North,en,4455,Q?,A',
      '"300004","Cy","O\'Neil, Jr.",Unit B — South,en,987654,"Pet, first?",Rex',
    ].join('\n');
    const problems = (body: unknown) =>
      (body as { rows: { row: number; problems: { code: string }[] }[] }).rows.map((r) => [
        r.row,
        r.problems.map((p) => p.code),
      ]);
    const dry = await admin.request('POST', '/api/staff/roster', { csv: bad });
    expect(dry.body).toMatchObject({ committed: false, imported: 0, fileProblem: null });
    expect(problems(dry.body)).toEqual([
      [2, []],
      [3, ['name_required']],
      [4, ['unit_unknown', 'pin_invalid']],
      [5, ['doc_on_roster']],
      [6, []],
    ]);
    const refused = await admin.request('POST', '/api/staff/roster', { csv: bad, commit: true });
    expect(refused.body).toMatchObject({ committed: false, imported: 0 });
    const docs = () =>
      server.db
        .selectFrom('inmates')
        .select(['doc_number', 'last_name'])
        .where('doc_number', 'in', ['300001', '300004'])
        .orderBy('doc_number')
        .execute();
    expect(await docs()).toEqual([]);
    const good = bad
      .split('\n')
      .filter((_, i) => i === 0 || i === 1 || i === 5)
      .join('\n');
    expect((await admin.request('POST', '/api/staff/roster', { csv: good, commit: true })).body).toMatchObject({
      committed: true,
      imported: 2,
    });
    expect(await docs()).toEqual([
      { doc_number: '300001', last_name: 'Pérez' },
      { doc_number: '300004', last_name: "O'Neil, Jr." },
    ]);
    const again = await admin.request('POST', '/api/staff/roster', { csv: good, commit: true });
    expect(again.body).toMatchObject({ committed: false, imported: 0 });
    expect(problems(again.body)).toEqual([
      [2, ['doc_on_roster']],
      [3, ['doc_on_roster']],
    ]);
    expect((await admin.request('POST', '/api/staff/roster', { csv: 'doc,name\n1,x' })).body).toMatchObject({
      fileProblem: { code: 'columns_missing' },
    });
  });

  it('approving or withdrawing a catalog item reaches devices; a reviewer may not', async () => {
    const admin = await staff('admin@riverside.example', 'riverside-admin-1');
    const catalog = rows((await admin.request('GET', '/api/staff/catalog')).body) as unknown as {
      id: string;
      approved: boolean;
      title: string;
    }[];
    const book = catalog.find((c) => c.title === 'Cuentos del mar');
    expect(book?.approved).toBe(true);
    const device = await enroll(server);
    const before = await pullAll(server, device);
    const cursor = before.cursor;
    expect(
      (await admin.request('POST', `/api/staff/catalog/${book?.id ?? ''}`, { approved: false, priceCents: 0 })).status,
    ).toBe(200);
    const after = await pullAll(server, device, cursor);
    expect(after.changes).toEqual([
      expect.objectContaining({ table: 'catalog', op: 'delete', id: book?.id }) as unknown,
    ]);
    await admin.request('POST', `/api/staff/catalog/${book?.id ?? ''}`, { approved: true, priceCents: 349 });
    const again = await pullAll(server, device, after.cursor);
    expect(again.changes[0]).toMatchObject({ table: 'catalog', op: 'upsert', row: { priceCents: 349 } });
    const reviewer = await staff('reviewer@riverside.example', 'riverside-review-1');
    expect((await reviewer.request('GET', '/api/staff/catalog')).status).toBe(403);
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

describe('family videograms', () => {
  it('verifies the length from the file, holds a scheduled one until its time, and refuses over three minutes', async () => {
    const { announceDueMessages } = await import('../../../server/domain/messages/scheduled-delivery');
    const f = await family('video@example.com');
    const contact = await f.request('POST', '/api/family/contacts', { docNumber: '100234', relationship: null });
    const admin = await staff('admin@riverside.example', 'riverside-admin-1');
    await admin.request('POST', `/api/staff/contacts/${String(contact.body.id)}`, { approve: true });
    const video = readFileSync(join(import.meta.dirname, '../../../resources/demo/videos/kids-say-hi.webm'));
    const later = Date.now() + 3_600_000;
    const sent = await f.upload(
      `/api/family/videograms?contactId=${String(contact.body.id)}&deliverAt=${later}`,
      video,
      'video/webm',
    );
    expect(sent.body).toMatchObject({ status: 'pending_review', deliverAt: later });
    expect(Math.abs(Number(sent.body.durationMs) - 10_023)).toBeLessThan(200);
    await admin.request('POST', `/api/staff/review/${String(sent.body.id)}`, { decision: 'approve' });
    const device = await enroll(server);
    const visible = async () =>
      (await pullAll(server, device)).changes.some(
        (c) => c.op === 'upsert' && c.table === 'messages' && c.row.id === sent.body.id,
      );
    expect(await visible()).toBe(false); // approved, but not due yet
    await server.db
      .updateTable('messages')
      .set({ deliver_at: Date.now() - 1 })
      .where('id', '=', String(sent.body.id))
      .execute();
    expect(await announceDueMessages(server.context)).toBeGreaterThanOrEqual(1);
    expect(await visible()).toBe(true);

    const { webmWithDuration } = await import('../../support/webm');
    const long = await f.upload(
      `/api/family/videograms?contactId=${String(contact.body.id)}`,
      webmWithDuration(181_000),
      'video/webm',
    );
    expect(long).toMatchObject({ status: 400, body: { error: 'duration_exceeded' } });
    const notVideo = await f.upload(
      `/api/family/videograms?contactId=${String(contact.body.id)}`,
      Buffer.from('hello'),
      'video/webm',
    );
    expect(notVideo).toMatchObject({ status: 415 });
  });
});

describe('eCards', () => {
  it('refuses an unknown eCard template with nothing written, and takes every template in the shared list', async () => {
    const carla = await family('carla.ecards@example.com');
    const contact = await carla.request('POST', '/api/family/contacts', { docNumber: '100238', relationship: null });
    const admin = await staff('admin@riverside.example', 'riverside-admin-1');
    await admin.request('POST', `/api/staff/contacts/${String(contact.body.id)}`, { approve: true });
    const count = async () =>
      (
        await server.db
          .selectFrom('messages')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('contact_id', '=', String(contact.body.id))
          .executeTakeFirstOrThrow()
      ).n;
    const send = (templateId: string) =>
      carla.request('POST', '/api/family/messages', {
        contactId: contact.body.id,
        body: '',
        photos: [],
        ecard: { templateId, greeting: 'Hi!' },
      });

    for (const templateId of ['halloween', '', 'BIRTHDAY', '../birthday']) {
      const refused = await send(templateId);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ error: 'validation' });
    }
    expect(await count()).toBe(0);

    // The domain refuses it too, for any caller besides the route.
    const row = await server.db
      .selectFrom('contacts')
      .select('family_id')
      .where('id', '=', String(contact.body.id))
      .executeTakeFirstOrThrow();
    await expect(
      sendFamilyMessage(server.context, server.media, row.family_id, {
        contactId: String(contact.body.id),
        body: '',
        photos: [],
        ecard: { templateId: 'halloween', greeting: '' },
      }),
    ).rejects.toMatchObject({ status: 400, code: 'unknown_template' });
    expect(await count()).toBe(0);

    for (const templateId of ECARD_TEMPLATE_IDS) expect((await send(templateId)).status).toBe(200);
    expect(await count()).toBe(ECARD_TEMPLATE_IDS.length);
  });
});
