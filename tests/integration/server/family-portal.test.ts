import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../server/app';
import { setUpFacility } from '../../support/facility-setup';
import { demoServer, testStore } from '../../support/server-harness';
import { approvedContact as approvedContactAt, signedInFamily, WebBrowser } from '../../support/web-browser';
import { demoPaymentProvider } from '../../../server/payments/payment-provider';

let server: RunningServer;
beforeAll(async () => {
  server = await demoServer();
});
afterAll(() => server.close());

const approvedContact = (family: WebBrowser, docNumber: string) => approvedContactAt(server.url, family, docNumber);

const tokenOf = (link: string) => /[#?&]token=([^&]+)/.exec(link)?.[1] ?? '';

describe('password reset through the portal', () => {
  it('mails a link to the portal reset page; the demo mailbox shows it; the link works once', async () => {
    await signedInFamily(server.url, 'portal.reset@example.com');
    const anon = new WebBrowser(server.url);
    expect(
      (await anon.request('POST', '/api/family/password/forgot', { email: 'portal.reset@example.com' })).body,
    ).toEqual({ ok: true });
    const box = await anon.request('GET', '/api/demo/mail');
    expect(box.status).toBe(200);
    expect(box.body.demo).toBe(true);
    const mail = (box.body.mail as { to: string; subject: string; text: string; link: string }[]).find(
      (m) => m.to === 'portal.reset@example.com',
    );
    expect(mail?.link).toMatch(new RegExp(`^${server.url}/portal/#reset\\?token=[A-Za-z0-9_-]{40,}$`));
    expect(mail?.text).toContain(mail?.link);
    const token = tokenOf(mail?.link ?? '');

    // An old-style link (/family/reset?token=) opens the same page.
    const old = await anon.request('GET', `/family/reset?token=${token}`);
    expect(old.status).toBe(302);
    expect(old.headers.get('location')).toBe(`/portal/#reset?token=${token}`);
    expect((await anon.request('GET', '/family/reset?token=<script>')).status).toBe(400);
    // The page itself is the portal (served for any path under /portal/).
    expect((await fetch(`${server.url}/portal/`)).status).not.toBe(500);

    expect(
      (await anon.request('POST', '/api/family/password/reset', { token, newPassword: 'short' })).body,
    ).toMatchObject({ error: 'weak_password' });
    expect(
      (await anon.request('POST', '/api/family/password/reset', { token, newPassword: 'my new long password' })).status,
    ).toBe(200);
    expect(
      (await anon.request('POST', '/api/family/password/reset', { token, newPassword: 'another long password' })).body,
    ).toMatchObject({ error: 'link_expired' });
    const again = await anon.request('POST', '/api/family/signin', {
      email: 'portal.reset@example.com',
      password: 'my new long password',
    });
    expect(again.status).toBe(200);
  });

  it('the mail folder is written with no SMTP, and the demo mailbox exists only in demo mode', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-nodemo-'));
    const plain = await startServer({ ...(await testStore(dir)), port: 0, seed: 'none', logLevel: 'silent' });
    try {
      expect((await fetch(`${plain.url}/api/demo/mail`)).status).toBe(404);
    } finally {
      await plain.close();
    }
    const mailDir = join(server.context.mediaDir, '..', 'mail');
    expect(readdirSync(mailDir).some((f) => readFileSync(join(mailDir, f), 'utf8').includes('#reset?token='))).toBe(
      true,
    );
  });
});

describe('SMTP delivery', () => {
  it('sends the reset mail through a real SMTP server, and the demo mailbox is off', async () => {
    const received: { from: string; to: string[]; data: string }[] = [];
    let arrived: () => void = () => undefined;
    const got = new Promise<void>((resolve) => (arrived = resolve));
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      disableReverseLookup: true,
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            data: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
          // The sign-up's confirmation mail, then the reset mail.
          if (received.length === 2) arrived();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-smtp-'));
    const withSmtp = await startServer({
      ...(await testStore(dir)),
      port: 0,
      seed: 'none',
      logLevel: 'silent',
      demoMailbox: true, // asked for, but SMTP wins: the mailbox only ever shows the mail folder
      smtpUrl: `smtp://127.0.0.1:${port}`,
      mailFrom: 'Riverside Portal <no-reply@riverside.example>',
      publicUrl: 'https://portal.riverside.example/',
    });
    try {
      // A server without the demo answers nothing until it is set up (issue #14).
      await setUpFacility(withSmtp.url, (await withSmtp.setupLink()) ?? '');
      const anon = new WebBrowser(withSmtp.url);
      await anon.request('POST', '/api/family/signup', {
        email: 'smtp.user@example.com',
        password: 'correct horse battery',
        displayName: 'Smtp User',
        securityQuestion: 'Favourite colour?',
        securityAnswer: 'Blue',
      });
      expect(
        (await anon.request('POST', '/api/family/password/forgot', { email: 'smtp.user@example.com' })).status,
      ).toBe(200);
      await got;
      const decoded = (data: string) => data.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
      const mail = received.find((m) => decoded(m.data).includes('#reset?token='));
      expect(mail?.from).toBe('no-reply@riverside.example');
      expect(mail?.to).toEqual(['smtp.user@example.com']);
      // Quoted-printable may wrap long lines: undo soft breaks before looking for the link.
      const body = decoded(mail?.data ?? '');
      const link = /https:\/\/portal\.riverside\.example\/portal\/#reset\?token=[A-Za-z0-9_-]+/.exec(body)?.[0];
      expect(link).toBeDefined();
      // The token in the mail resets the password.
      expect(
        (
          await anon.request('POST', '/api/family/password/reset', {
            token: tokenOf(link ?? ''),
            newPassword: 'mailed new password',
          })
        ).status,
      ).toBe(200);
      // With SMTP there is no demo mailbox and no mail folder.
      expect((await fetch(`${withSmtp.url}/api/demo/mail`)).status).toBe(404);
      expect(readdirSync(dir)).not.toContain('mail');
    } finally {
      await withSmtp.close();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});

/** A PNG claiming `width`×`height` pixels with almost no data: a decompression bomb. */

describe('sign out everywhere', () => {
  it('ends every session of the account, on every browser, and only that account', async () => {
    const email = 'everywhere@example.com';
    const phone = await signedInFamily(server.url, email);
    const laptop = new WebBrowser(server.url);
    laptop.cookies = new Map(phone.cookies); // same remembered browser token: no security question
    laptop.cookies.delete('ok_session');
    laptop.cookies.delete('ok_csrf');
    expect(
      (await laptop.request('POST', '/api/family/signin', { email, password: 'correct horse battery' })).body,
    ).toMatchObject({ status: 'signed-in' });
    const other = await signedInFamily(server.url, 'bystander@example.com');
    expect((await laptop.request('GET', '/api/family/me')).status).toBe(200);
    expect((await phone.request('POST', '/api/family/signout-everywhere', {})).status).toBe(200);
    expect((await phone.request('GET', '/api/family/me')).status).toBe(401);
    expect((await laptop.request('GET', '/api/family/me')).status).toBe(401);
    expect((await other.request('GET', '/api/family/me')).status).toBe(200);
  });
});

describe('deposit history', () => {
  it('lists deposits made now, scheduled ones and scheduled runs, with fees; never another family’s', async () => {
    const { runDueDeposits } = await import('../../../server/domain/ledger/scheduled-deposits');
    const family = await signedInFamily(server.url, 'history@example.com');
    const contactId = await approvedContact(family, '100240');
    const now = await family.request('POST', '/api/family/deposits', {
      contactId,
      amountCents: 5000,
      recurrence: 'once',
      startAt: null,
      paymentToken: 'demo-card',
    });
    expect(now.body).toMatchObject({ scheduled: false });
    const startAt = Date.now() + 3 * 86_400_000;
    const later = await family.request('POST', '/api/family/deposits', {
      contactId,
      amountCents: 2500,
      recurrence: 'once',
      startAt,
      paymentToken: 'demo-card',
    });
    expect(later.body).toMatchObject({ scheduled: true });
    expect(
      (
        await family.request('POST', '/api/family/deposits', {
          contactId,
          amountCents: 2500,
          recurrence: 'once',
          startAt: Date.now() + 400 * 86_400_000,
          paymentToken: 'demo-card',
        })
      ).body,
    ).toMatchObject({ error: 'start_too_far' });

    const history = await family.request('GET', '/api/family/deposits');
    expect(history.body).toEqual([
      {
        id: later.body.receiptId,
        name: 'Andre Davis',
        amountCents: 2500,
        feeCents: 295,
        status: 'scheduled',
        recurrence: 'once',
        at: startAt,
      },
      {
        id: now.body.receiptId,
        name: 'Andre Davis',
        amountCents: 5000,
        feeCents: 295,
        status: 'completed',
        recurrence: null,
        at: expect.any(Number) as number,
      },
    ]);

    await server.db
      .updateTable('scheduled_deposits')
      .set({ next_at: Date.now() - 1 })
      .where('id', '=', String(later.body.receiptId))
      .execute();
    await runDueDeposits(server.context, demoPaymentProvider);
    const after = (await family.request('GET', '/api/family/deposits')).body as {
      status: string;
      amountCents: number;
    }[];
    expect(after.map((d) => [d.status, d.amountCents])).toEqual([
      ['completed', 2500],
      ['completed', 5000],
    ]);
    const stranger = await signedInFamily(server.url, 'stranger@example.com');
    expect((await stranger.request('GET', '/api/family/deposits')).body).toEqual([]);
    expect((await new WebBrowser(server.url).request('GET', '/api/family/deposits')).status).toBe(401);
  });
});

describe('support', () => {
  it('tells families where to get help, signed in or not', async () => {
    const response = await new WebBrowser(server.url).request('GET', '/api/family/support');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ facilities: expect.arrayContaining([expect.any(String)]) as unknown });
  });
});
