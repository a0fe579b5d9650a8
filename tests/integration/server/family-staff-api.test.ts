import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app';
import { balanceCents } from '../../../server/domain/ledger/ledger';
import { demoServer } from '../../support/server-harness';
import { portalPeople, rows, WebBrowser as Browser } from '../../support/web-browser';

/** The portal API's accounts, roles and files (its money path: family-money-api; its content: family-content-api). */
let server: RunningServer;
beforeAll(async () => {
  server = await demoServer();
});
afterAll(() => server.close());

const { family, staff } = portalPeople(() => server.url);

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
