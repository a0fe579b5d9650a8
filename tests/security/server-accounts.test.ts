import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app';
import { LIMITS } from '../../server/accounts/throttle';
import { FolderMailer } from '../../server/mail/mailer';
import { confirmSignUp } from '../support/web-browser';

/**
 * Issue #12, items 7 and 9: sign-up and forgot-password answer the same for
 * known and unknown addresses and are throttled; a reset spends every
 * outstanding link; demo-only routes exist only in demo mode on a demo
 * database.
 */
let server: RunningServer;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-accounts-'));
  server = await startServer({
    dbPath: join(dir, 'facility.db'),
    port: 0,
    seed: 'demo',
    logLevel: 'silent',
    schedulerMs: 0,
  });
});
afterAll(() => server.close());

const post = async (path: string, body: unknown, forwardedFor?: string) => {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const mailTo = (email: string) => new FolderMailer(join(dir, 'mail')).list(1_000).filter((m) => m.to === email);
const signUpBody = (email: string) => ({
  email,
  password: 'a long enough password',
  displayName: 'Someone',
  securityQuestion: 'Favourite colour?',
  securityAnswer: 'Green',
});

describe('sign-up and forgot-password', () => {
  it('sign-up answers a known address exactly like a new one, and neither can sign in unconfirmed', async () => {
    const known = await post('/api/family/signup', signUpBody('maria.reyes@example.com'));
    const fresh = await post('/api/family/signup', signUpBody('brand.new@example.com'));
    expect(known).toEqual(fresh);
    expect(fresh).toEqual({ status: 200, body: { status: 'check-email' } });
    // The attacker's own password does not tell them apart either.
    const signInKnown = await post('/api/family/signin', {
      email: 'maria.reyes@example.com',
      password: 'a long enough password',
    });
    const signInFresh = await post('/api/family/signin', {
      email: 'brand.new@example.com',
      password: 'a long enough password',
    });
    expect(signInKnown).toEqual(signInFresh);
    expect(signInFresh.status).toBe(401);
    // The owner of the known address is told; the new one gets a link that makes the account usable.
    expect(mailTo('maria.reyes@example.com').some((m) => m.subject.includes('already have an account'))).toBe(true);
    expect(await confirmSignUp(server.url, 'brand.new@example.com')).toBe(true);
    expect(
      (await post('/api/family/signin', { email: 'brand.new@example.com', password: 'a long enough password' })).status,
    ).toBe(200);
  });

  it('12 reset requests for one address at once: the same answer as an unknown address, at most 3 mails', async () => {
    const unknown = await post('/api/family/password/forgot', { email: 'nobody.here@example.com' });
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => post('/api/family/password/forgot', { email: 'ana.reyes@example.com' })),
    );
    for (const answer of answers) expect(answer).toEqual(unknown);
    expect(unknown).toEqual({ status: 200, body: { ok: true } });
    expect(mailTo('ana.reyes@example.com').length).toBeLessThanOrEqual(LIMITS.mailAccount.limit);
    expect(mailTo('ana.reyes@example.com').length).toBeGreaterThan(0);
  });

  it('one client address is throttled across sign-up and forgot-password (429)', async () => {
    const answers = await Promise.all(
      Array.from({ length: LIMITS.mailAddress.limit + 10 }, (_, i) =>
        post('/api/family/password/forgot', { email: `flood${i}@example.com` }),
      ),
    );
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(10);
    expect(answers.every((a) => a.status === 200 || a.status === 429)).toBe(true);
  });
});

describe('password reset', () => {
  it('a reset spends every outstanding link of the account', async () => {
    const other = await startServer({
      dbPath: join(mkdtempSync(join(tmpdir(), 'kiosk-reset-')), 'facility.db'),
      port: 0,
      seed: 'demo',
      logLevel: 'silent',
      schedulerMs: 0,
    });
    try {
      const ask = () =>
        fetch(`${other.url}/api/family/password/forgot`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'maria.reyes@example.com' }),
        });
      await ask();
      await ask();
      const links = new FolderMailer(join(other.context.mediaDir, '..', 'mail'))
        .list(10)
        .filter((m) => m.link?.includes('#reset?token='))
        .map((m) => new URLSearchParams(m.link?.split('?')[1] ?? '').get('token') ?? '');
      expect(links).toHaveLength(2);
      const reset = (token: string, newPassword: string) =>
        fetch(`${other.url}/api/family/password/reset`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token, newPassword }),
        });
      expect((await reset(links[0] ?? '', 'the first new password')).status).toBe(200);
      const second = await reset(links[1] ?? '', 'an attacker password');
      expect(second.status).toBe(410);
    } finally {
      await other.close();
    }
  });
});

describe('demo-only routes', () => {
  it('exist in demo mode on a demo database, and never on a production database', async () => {
    expect((await fetch(`${server.url}/api/demo/mail`)).status).toBe(200);
    const prodDir = mkdtempSync(join(tmpdir(), 'kiosk-prod-'));
    const prodDb = join(prodDir, 'facility.db');
    // A production database (not seeded as a demo), then started again with demo mode asked for.
    const production = await startServer({ dbPath: prodDb, port: 0, seed: 'none', logLevel: 'silent', schedulerMs: 0 });
    expect((await fetch(`${production.url}/api/demo/mail`)).status).toBe(404);
    await production.context.db
      .insertInto('facilities')
      .values({
        id: '01900000-0000-7000-8000-000000000001',
        name: 'Production Facility',
        time_zone: 'UTC',
        settings: '{}',
        fee_schedule: '{}',
        review_policy: '{}',
        updated_at: Date.now(),
      })
      .execute();
    await production.close();
    const restarted = await startServer({ dbPath: prodDb, port: 0, seed: 'demo', logLevel: 'silent', schedulerMs: 0 });
    try {
      expect((await fetch(`${restarted.url}/api/demo/mail`)).status).toBe(404);
    } finally {
      await restarted.close();
    }
  });
});
