import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { RunningServer } from '../../../server/app';
import { FolderMailer, type Mailer } from '../../../server/mail/mailer';
import { balanceCents } from '../../../server/domain/ledger/ledger';
import { runDueDeposits } from '../../../server/domain/ledger/scheduled-deposits';
import { RecordingProvider } from '../../support/recording-payments';
import { confirmSignUp, WebBrowser as Browser } from '../../support/web-browser';
import { demoServer, enroll, pullAll } from '../../support/server-harness';

let server: RunningServer;
const payments = new RecordingProvider();
beforeAll(async () => {
  // The tests run the deposit scheduler themselves: the server's own timer must not take a run first.
  server = await demoServer({ payments, schedulerMs: 0 });
});
afterAll(() => server.close());

async function familyWithContact(email: string, docNumber: string) {
  const f = new Browser(server.url);
  await f.request('POST', '/api/family/signup', {
    email,
    password: 'correct horse battery',
    displayName: 'Pat Payer',
    securityQuestion: 'Favourite colour?',
    securityAnswer: 'Blue',
  });
  await confirmSignUp(server.url, email);
  const first = await f.request('POST', '/api/family/signin', { email, password: 'correct horse battery' });
  await f.request('POST', '/api/family/signin/answer', { challengeId: first.body.challengeId, answer: 'blue' });
  const contact = await f.request('POST', '/api/family/contacts', { docNumber, relationship: null });
  const admin = new Browser(server.url);
  await admin.request('POST', '/api/staff/signin', { email: 'admin@riverside.example', password: 'riverside-admin-1' });
  await admin.request('POST', `/api/staff/contacts/${String(contact.body.id)}`, { approve: true });
  const inmate = await server.db
    .selectFrom('inmates')
    .select('id')
    .where('doc_number', '=', docNumber)
    .executeTakeFirstOrThrow();
  return { f, contactId: String(contact.body.id), inmateId: inmate.id };
}

/** A deposit the family schedules for a minute from now (each test makes it due when it wants). */
const scheduleDeposit = (
  f: Browser,
  contactId: string,
  deposit: { amountCents: number; recurrence: 'once' | 'weekly' | 'monthly'; paymentToken: string },
) => f.request('POST', '/api/family/deposits', { contactId, ...deposit, startAt: Date.now() + 60_000 });

const makeDue = (id: string) =>
  server.db
    .updateTable('scheduled_deposits')
    .set({ next_at: Date.now() - 1 })
    .where('id', '=', id)
    .execute();
const runs = (id: string) =>
  server.db.selectFrom('deposit_runs').selectAll().where('schedule_id', '=', id).orderBy('due_at').execute();

describe('recurring deposits charge the family on every run', () => {
  it('charges nothing when set up, then exactly once per run (also when two schedulers race), crediting each', async () => {
    const { f, contactId, inmateId } = await familyWithContact('weekly.payer@example.com', '100237');
    const before = await balanceCents(server.db, inmateId);
    const charged = payments.distinctCharges;
    const receipt = await scheduleDeposit(f, contactId, {
      amountCents: 10_000,
      recurrence: 'weekly',
      paymentToken: 'card-weekly',
    });
    expect(receipt.body).toMatchObject({ scheduled: true, feeCents: 495 });
    const id = String(receipt.body.receiptId);
    expect(payments.distinctCharges).toBe(charged); // nothing charged before the first run
    for (let run = 1; run <= 3; run += 1) {
      await makeDue(id);
      await Promise.all([runDueDeposits(server.context, payments), runDueDeposits(server.context, payments)]);
      expect(payments.distinctCharges, `run ${run}`).toBe(charged + run);
      expect(await balanceCents(server.db, inmateId), `run ${run}`).toBe(before + run * (10_000 - 495));
    }
    expect(payments.charges.at(-1)).toMatchObject({ amountCents: 10_000, token: 'card-weekly' });
    expect((await runs(id)).map((r) => r.status)).toEqual(['charged', 'charged', 'charged']);
  });

  it('a declined run credits nothing and the schedule goes on; a run cut off mid-charge is finished once', async () => {
    const { f, contactId, inmateId } = await familyWithContact('declined.payer@example.com', '100238');
    const declined = await scheduleDeposit(f, contactId, {
      amountCents: 5_000,
      recurrence: 'monthly',
      paymentToken: 'decline',
    });
    const before = await balanceCents(server.db, inmateId);
    await makeDue(String(declined.body.receiptId));
    await runDueDeposits(server.context, payments);
    expect(await balanceCents(server.db, inmateId)).toBe(before);
    expect(await runs(String(declined.body.receiptId))).toEqual([
      expect.objectContaining({ status: 'declined', problem: 'payment_declined' }),
    ]);
    const schedule = await server.db
      .selectFrom('scheduled_deposits')
      .select(['active', 'next_at'])
      .where('id', '=', String(declined.body.receiptId))
      .executeTakeFirstOrThrow();
    expect(schedule).toMatchObject({ active: 1 });
    expect(schedule.next_at).toBeGreaterThan(Date.now() + 27 * 86_400_000);
    // The family sees it still active, to whom, and that its last run was declined.
    expect((await f.request('GET', '/api/family/deposits/scheduled')).body).toEqual([
      expect.objectContaining({
        id: String(declined.body.receiptId),
        name: expect.stringMatching(/\S+ \S+/) as unknown,
        amount_cents: 5_000,
        recurrence: 'monthly',
        lastRun: expect.objectContaining({ status: 'declined', problem: 'payment_declined' }) as unknown,
      }) as unknown,
    ]);

    // The processor is down during the charge: the run stays claimed, nothing is credited…
    const later = await scheduleDeposit(f, contactId, {
      amountCents: 3_000,
      recurrence: 'once',
      paymentToken: 'card-once',
    });
    const id = String(later.body.receiptId);
    await makeDue(id);
    payments.down = true;
    await expect(runDueDeposits(server.context, payments)).rejects.toThrow('processor unreachable');
    payments.down = false;
    expect(await balanceCents(server.db, inmateId)).toBe(before);
    expect((await runs(id))[0]?.status).toBe('charging');
    // …and a later pass finishes it with the same idempotency key: one charge, one credit.
    await server.db
      .updateTable('deposit_runs')
      .set({ created_at: Date.now() - 10 * 60_000 })
      .where('schedule_id', '=', id)
      .execute();
    await runDueDeposits(server.context, payments);
    await runDueDeposits(server.context, payments);
    const [run] = await runs(id);
    expect(run?.status).toBe('charged');
    expect(payments.charges.filter((c) => c.idempotencyKey === run?.id)).toHaveLength(2);
    expect(await balanceCents(server.db, inmateId)).toBe(before + 3_000 - 295);
  });

  it('a schedule made before runs were charged credits its prepaid first run, then stops', async () => {
    const { inmateId } = await familyWithContact('legacy.payer@example.com', '100239');
    const family = await server.db
      .selectFrom('family_accounts')
      .select('id')
      .where('email', '=', 'legacy.payer@example.com')
      .executeTakeFirstOrThrow();
    const id = uuidv7();
    await server.db
      .insertInto('scheduled_deposits')
      .values({
        id,
        inmate_id: inmateId,
        family_id: family.id,
        from_name: 'Legacy',
        amount_cents: 2_000,
        next_at: Date.now() - 1,
        recurrence: 'weekly',
        active: 1,
        payment_token: null,
      })
      .execute();
    const before = await balanceCents(server.db, inmateId);
    const charged = payments.charges.length;
    await runDueDeposits(server.context, payments);
    await makeDue(id);
    await runDueDeposits(server.context, payments);
    expect(payments.charges.length).toBe(charged);
    expect(await balanceCents(server.db, inmateId)).toBe(before + 2_000 - 295);
    expect((await runs(id)).map((r) => [r.status, r.problem])).toEqual([
      ['charged', null],
      ['skipped', 'no_payment_method'],
    ]);
  });

  it('a family cancels its own recurring deposit (nothing more is charged, devices drop it); never someone else’s', async () => {
    const { f, contactId, inmateId } = await familyWithContact('cancel.payer@example.com', '100240');
    const receipt = await scheduleDeposit(f, contactId, {
      amountCents: 2_500,
      recurrence: 'weekly',
      paymentToken: 'card-cancel',
    });
    const id = String(receipt.body.receiptId);
    const listed = (await f.request('GET', '/api/family/deposits/scheduled')).body as unknown as { id: string }[];
    expect(listed.map((s) => s.id)).toEqual([id]);
    const tablet = await enroll(server, { mode: 'tablet', inmateDoc: '100240' });
    const start = await pullAll(server, tablet);
    expect(start.changes.some((c) => c.table === 'scheduled_deposits' && c.op === 'upsert' && c.row.id === id)).toBe(
      true,
    );

    const stranger = await familyWithContact('stranger.payer@example.com', '100241');
    expect((await stranger.f.request('POST', `/api/family/deposits/${id}/cancel`, {})).status).toBe(404);
    expect((await f.request('POST', `/api/family/deposits/${id}/cancel`, {})).body).toEqual({ ok: true });
    expect((await f.request('GET', '/api/family/deposits/scheduled')).body).toEqual([]);
    const after = await pullAll(server, tablet, start.cursor);
    expect(after.changes).toContainEqual(
      expect.objectContaining({ table: 'scheduled_deposits', op: 'delete', id }) as unknown,
    );
    const charged = payments.charges.length;
    const before = await balanceCents(server.db, inmateId);
    await makeDue(id);
    await runDueDeposits(server.context, payments);
    expect(payments.charges.length).toBe(charged);
    expect(await balanceCents(server.db, inmateId)).toBe(before);
  });
});

describe('the family is emailed about a declined run', () => {
  /** The server's own mail folder (no SMTP in the demo): what its scheduler sent. */
  /** Mail to the family about its deposits (not the sign-up's confirmation). */
  const mailTo = (email: string) =>
    new FolderMailer(join(server.context.mediaDir, '..', 'mail'))
      .list(1_000)
      .filter((m) => m.to === email && !m.link?.includes('#confirm?token='));
  const DAY = 86_400_000;
  /** 03:00 UTC yesterday: still the day before in the facility's zone (America/Chicago), so a UTC date would show. */
  const yesterdayNight = () => {
    const now = new Date();
    return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1, 3);
  };
  /** The calendar day an instant falls on in Chicago at 03:00 UTC (21:00 or 22:00 the day before), computed without the zone. */
  const chicagoDay = (at: number, locale: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(at - DAY);

  it('once per run, after the decline: to whom, how much, when, that nothing moved and the schedule goes on, in English and Spanish, with the portal link', async () => {
    const email = 'mail.declined@example.com';
    const { f, contactId, inmateId } = await familyWithContact(email, '100242');
    const receipt = await scheduleDeposit(f, contactId, {
      amountCents: 2_000,
      recurrence: 'weekly',
      paymentToken: 'decline',
    });
    const id = String(receipt.body.receiptId);
    const before = await balanceCents(server.db, inmateId);
    const dueAt = yesterdayNight();
    await server.db.updateTable('scheduled_deposits').set({ next_at: dueAt }).where('id', '=', id).execute();
    expect(mailTo(email)).toEqual([]);

    // Two scheduler passes racing, then another pass once the run is old enough to look interrupted: one run, declined once, one mail.
    await Promise.all([server.runDueDeposits(), server.runDueDeposits()]);
    await server.db
      .updateTable('deposit_runs')
      .set({ created_at: Date.now() - 10 * 60_000 })
      .where('schedule_id', '=', id)
      .execute();
    await server.runDueDeposits();
    expect((await runs(id)).map((r) => [r.status, r.problem])).toEqual([['declined', 'payment_declined']]);
    expect(await balanceCents(server.db, inmateId)).toBe(before);
    const mails = mailTo(email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    const link = `${server.url}/portal/#deposits`;
    expect(mail?.subject).toBe('Your scheduled deposit was declined / Su depósito programado fue rechazado');
    expect(mail?.link).toBe(link);
    const text = mail?.text ?? '';
    // English…
    expect(text).toContain('Hello Pat Payer,');
    expect(text).toContain(
      `Your weekly deposit of $20.00 to Robert Miller, scheduled for ${chicagoDay(dueAt, 'en-US')}, was declined`,
    );
    expect(text).toContain("Nothing was charged, and nothing was credited to Robert Miller's account.");
    expect(text).toContain(
      `The recurring deposit continues: the next one is on ${chicagoDay(dueAt + 7 * DAY, 'en-US')}.`,
    );
    expect(text).toContain(`Your deposits: ${link}`);
    // …and Spanish, in the same mail.
    expect(text).toContain(
      `Su depósito semanal de $20.00 para Robert Miller, programado para el ${chicagoDay(dueAt, 'es-US')}, fue rechazado`,
    );
    expect(text).toContain('No se cobró nada y no se acreditó nada en la cuenta de Robert Miller.');
    expect(text).toContain(
      `El depósito recurrente continúa: el próximo es el ${chicagoDay(dueAt + 7 * DAY, 'es-US')}.`,
    );
    expect(text).toContain(`Sus depósitos: ${link}`);
    // No more than the portal's deposit list shows of the person.
    expect(text).not.toContain('100242');

    // The schedule went on: its next run, declined again, is a second run and so a second mail.
    await server.db
      .updateTable('scheduled_deposits')
      .set({ next_at: Date.now() - 1 })
      .where('id', '=', id)
      .execute();
    await server.runDueDeposits();
    expect((await runs(id)).map((r) => r.status)).toEqual(['declined', 'declined']);
    expect(mailTo(email)).toHaveLength(2);
  });

  it('a declined one-time deposit says it will not be tried again', async () => {
    const email = 'mail.once@example.com';
    const { f, contactId } = await familyWithContact(email, '100243');
    const receipt = await scheduleDeposit(f, contactId, {
      amountCents: 43_210,
      recurrence: 'once',
      paymentToken: 'decline',
    });
    expect(receipt.body).toMatchObject({ scheduled: true });
    await makeDue(String(receipt.body.receiptId));
    await server.runDueDeposits();
    const [mail, ...more] = mailTo(email);
    expect(more).toEqual([]);
    expect(mail?.text).toContain('Your one-time deposit of $432.10 to James Wilson');
    expect(mail?.text).toContain('This deposit will not be tried again.');
    expect(mail?.text).toContain('Este depósito no se volverá a intentar.');
    expect(mail?.text).not.toContain('continues');
  });

  it('a charged run sends no decline mail', async () => {
    const email = 'mail.charged@example.com';
    const { f, contactId } = await familyWithContact(email, '100242');
    const receipt = await scheduleDeposit(f, contactId, {
      amountCents: 2_000,
      recurrence: 'weekly',
      paymentToken: 'card-charged',
    });
    const id = String(receipt.body.receiptId);
    await makeDue(id);
    await server.runDueDeposits();
    expect((await runs(id)).map((r) => r.status)).toEqual(['charged']);
    expect(mailTo(email)).toEqual([]);
  });

  it('a mailer that throws is reported and changes nothing: the run is declined, the next run of the schedule happens', async () => {
    const { f, contactId, inmateId } = await familyWithContact('mail.broken@example.com', '100243');
    const receipt = await scheduleDeposit(f, contactId, {
      amountCents: 2_000,
      recurrence: 'weekly',
      paymentToken: 'decline',
    });
    const id = String(receipt.body.receiptId);
    let attempts = 0;
    const broken: Mailer = {
      kind: 'smtp',
      send: () => {
        attempts += 1;
        throw new Error('relay refused');
      },
      close: () => undefined,
    };
    const reported: { message: string; runId: string }[] = [];
    const mail = {
      mailer: broken,
      baseUrl: () => server.url,
      onError: (error: unknown, runId: string) => reported.push({ message: String(error), runId }),
    };
    const before = await balanceCents(server.db, inmateId);
    await makeDue(id);
    await expect(runDueDeposits(server.context, payments, mail)).resolves.toBe(1);
    const [declined] = await runs(id);
    expect(declined).toMatchObject({ status: 'declined', problem: 'payment_declined' });
    expect(attempts).toBe(1);
    expect(reported).toEqual([{ message: 'Error: relay refused', runId: declined?.id }]);
    // The family still sees it on the portal.
    expect((await f.request('GET', '/api/family/deposits/scheduled')).body).toEqual([
      expect.objectContaining({ id, lastRun: expect.objectContaining({ status: 'declined' }) as unknown }) as unknown,
    ]);

    // The family fixes the card; the next run is charged and credited, the broken mailer notwithstanding.
    await server.db
      .updateTable('scheduled_deposits')
      .set({ payment_token: 'card-fixed' })
      .where('id', '=', id)
      .execute();
    await makeDue(id);
    await runDueDeposits(server.context, payments, mail);
    expect((await runs(id)).map((r) => r.status)).toEqual(['declined', 'charged']);
    expect(await balanceCents(server.db, inmateId)).toBe(before + 2_000 - 295);
    expect(attempts).toBe(1);
  });
});
