import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../server/app';
import { LIMITS } from '../../server/accounts/throttle';
import { demoServer } from '../support/server-harness';
import { signedInFamily, WebBrowser } from '../support/web-browser';

/**
 * Issue #12, items 1, 2 and 8 on the real server: bursts of guesses sent at
 * once are evaluated at most `limit` times, the right secret after the burst
 * is refused while locked, the security question has a lock of its own, and
 * the trusted proxy decides who "one address" is.
 */
let server: RunningServer;
beforeAll(async () => {
  server = await demoServer({ schedulerMs: 0 });
});
afterAll(() => server.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/** `count` requests at once, each from its own X-Forwarded-For (ignored here: no trusted proxy), statuses back. */
async function burst(count: number, send: (i: number) => Promise<Response>): Promise<number[]> {
  const responses = await Promise.all(Array.from({ length: count }, (_, i) => send(i)));
  return responses.map((r) => r.status);
}

describe('lockouts hold under parallel guessing (server)', () => {
  it('family sign-in: 30 wrong passwords at once, at most 5 evaluated; the right one is then refused', async () => {
    await signedInFamily(server.url, 'burst.family@example.com');
    const statuses = await burst(30, () =>
      post('/api/family/signin', { email: 'burst.family@example.com', password: 'wrong password guess' }),
    );
    const evaluated = statuses.filter((s) => s === 401).length;
    expect(evaluated).toBeGreaterThan(0);
    expect(evaluated).toBeLessThanOrEqual(LIMITS.account.limit);
    expect(statuses.every((s) => s === 401 || s === 423)).toBe(true);
    const right = await post('/api/family/signin', {
      email: 'burst.family@example.com',
      password: 'correct horse battery',
    });
    expect(right.status).toBe(423);
  });

  it('staff sign-in: the same, for a staff account', async () => {
    const statuses = await burst(30, () =>
      post('/api/staff/signin', { email: 'reviewer@riverside.example', password: 'not the password' }),
    );
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(LIMITS.account.limit);
    const right = await post('/api/staff/signin', {
      email: 'reviewer@riverside.example',
      password: 'riverside-review-1',
    });
    expect(right.status).toBe(423);
  });

  it('the security question has its own counter: a right password does not reset it', async () => {
    await signedInFamily(server.url, 'question.family@example.com');
    // Each guess at the answer needs a challenge, and each challenge a right password on a new browser.
    const challenge = async () => {
      const fresh = new WebBrowser(server.url);
      const first = await fresh.request('POST', '/api/family/signin', {
        email: 'question.family@example.com',
        password: 'correct horse battery',
      });
      expect(first.body).toMatchObject({ status: 'security-question' });
      return { browser: fresh, challengeId: String(first.body.challengeId) };
    };
    const challenges = [];
    for (let i = 0; i < 12; i += 1) challenges.push(await challenge());
    const answers = await Promise.all(
      challenges.map(({ browser, challengeId }) =>
        browser.request('POST', '/api/family/signin/answer', { challengeId, answer: 'not blue' }),
      ),
    );
    const evaluated = answers.filter((a) => a.body.error === 'wrong_answer').length;
    expect(evaluated).toBeLessThanOrEqual(LIMITS.answer.limit);
    expect(answers.filter((a) => a.status === 423).length).toBe(12 - evaluated);
    // The right answer, with a right password, is refused while the question is locked.
    const last = await challenge();
    const right = await last.browser.request('POST', '/api/family/signin/answer', {
      challengeId: last.challengeId,
      answer: 'blue',
    });
    expect(right.status).toBe(423);
  });

  it('a challenge answers once, even when the same one is sent many times at once', async () => {
    await signedInFamily(server.url, 'replay.family@example.com');
    const fresh = new WebBrowser(server.url);
    const first = await fresh.request('POST', '/api/family/signin', {
      email: 'replay.family@example.com',
      password: 'correct horse battery',
    });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        fresh.request('POST', '/api/family/signin/answer', { challengeId: first.body.challengeId, answer: 'red' }),
      ),
    );
    expect(answers.filter((a) => a.body.error === 'wrong_answer')).toHaveLength(1);
    expect(answers.filter((a) => a.body.error === 'challenge_expired')).toHaveLength(9);
  });
});

describe('the trusted proxy (docs/DEPLOY.md)', () => {
  async function failFrom(target: RunningServer, forwardedFor: string, count: number) {
    return Promise.all(
      Array.from({ length: count }, (_, i) =>
        fetch(`${target.url}/api/family/signin`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
          body: JSON.stringify({ email: `nobody${i}@example.com`, password: 'wrong password guess' }),
        }).then((r) => r.status),
      ),
    );
  }

  it('without trustProxy every client is the proxy: one client locks out the next', async () => {
    // server is started without trustProxy: X-Forwarded-For is ignored.
    const attacker = await failFrom(server, '203.0.113.7', LIMITS.address.limit + 5);
    expect(attacker.filter((s) => s === 429).length).toBeGreaterThan(0);
    const [neighbour] = await failFrom(server, '198.51.100.9', 1);
    expect(neighbour).toBe(429);
  });

  it('with trustProxy the client address counts, and cookies keep Secure behind the TLS proxy', async () => {
    const proxied = await startServer({
      dbPath: join(mkdtempSync(join(tmpdir(), 'kiosk-proxy-')), 'facility.db'),
      port: 0,
      seed: 'demo',
      logLevel: 'silent',
      schedulerMs: 0,
      trustProxy: ['127.0.0.1'],
    });
    try {
      const attacker = await failFrom(proxied, '203.0.113.7', LIMITS.address.limit + 5);
      expect(attacker.filter((s) => s === 401).length).toBeLessThanOrEqual(LIMITS.address.limit);
      expect(attacker.filter((s) => s === 429).length).toBeGreaterThan(0);
      const [neighbour] = await failFrom(proxied, '198.51.100.9', 1);
      expect(neighbour).toBe(401);
      const signIn = (target: RunningServer) =>
        fetch(`${target.url}/api/staff/signin`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-forwarded-proto': 'https',
            'x-forwarded-for': '198.51.100.10',
          },
          body: JSON.stringify({ email: 'admin@riverside.example', password: 'riverside-admin-1' }),
        });
      const behindProxy = (await signIn(proxied)).headers.getSetCookie();
      expect(behindProxy.length).toBeGreaterThan(0);
      expect(behindProxy.every((c) => /;\s*Secure/i.test(c))).toBe(true);
      // Not trusted: X-Forwarded-Proto is ignored, so no Secure on plain http.
      const direct = (await signIn(server)).headers.getSetCookie();
      expect(direct.some((c) => /;\s*Secure/i.test(c))).toBe(false);
    } finally {
      await proxied.close();
    }
  });
});
