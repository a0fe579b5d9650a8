import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskClient } from '../../shared/kiosk-api/client';
import { KioskError } from '../../shared/kiosk-api/errors';
import { kioskStack, type KioskStack } from '../support/kiosk-stack';

/**
 * Issue #12, items 1 and 2 on the device: the real core behind the real
 * preview host, each guess on a screen (connection) of its own, all sent at
 * once. The demo facility locks after 5 wrong PINs; the technician gate
 * after 3.
 */
const PIN_LIMIT = 5;
const GATE_LIMIT = 3;
let stack: KioskStack;
beforeAll(async () => {
  stack = await kioskStack();
  await stack.synced(60_000);
});
afterAll(() => stack.close());

const screens = (count: number, prefix: string): Promise<KioskClient[]> =>
  Promise.all(Array.from({ length: count }, (_, i) => stack.client(`${prefix}-${i}`)));

/** The error a call failed with (or null when it succeeded). */
const failure = (call: Promise<unknown>): Promise<KioskError | null> =>
  call.then(
    () => null,
    (error: unknown) =>
      error instanceof KioskError ? error : new KioskError({ code: 'internal', message: String(error) }),
  );

/** A guess the device evaluated: a plain refusal, or the one that used the last attempt (attemptsLeft 0). */
const evaluated = (errors: (KioskError | null)[]) =>
  errors.filter((e) => e?.code === 'unauthorized' || (e?.code === 'locked_out' && e.detail?.attemptsLeft === 0)).length;

describe('lockouts hold under parallel guessing (device)', () => {
  it('kiosk PIN: 30 wrong PINs at once, at most 5 evaluated; the right PIN is then refused', async () => {
    const clients = await screens(30, 'pin-burst');
    const errors = await Promise.all(
      clients.map((client) => failure(client.call('auth.signIn', { docNumber: '100235', pin: '0000' }))),
    );
    expect(errors.every((e) => e?.code === 'unauthorized' || e?.code === 'locked_out')).toBe(true);
    expect(evaluated(errors)).toBeGreaterThan(0);
    expect(evaluated(errors)).toBeLessThanOrEqual(PIN_LIMIT);
    const [right] = await screens(1, 'pin-right');
    expect(await failure(right!.call('auth.signIn', { docNumber: '100235', pin: '1357' }))).toMatchObject({
      code: 'locked_out',
    });
  });

  it('kiosk security question: its own counter, not reset by a right PIN', async () => {
    const clients = await screens(12, 'question-burst');
    const challenges = [];
    for (const client of clients) {
      const first = await client.call('auth.signIn', { docNumber: '100236', pin: '8642' });
      expect(first.kind).toBe('security-question');
      if (first.kind === 'security-question') challenges.push({ client, challengeId: first.challengeId });
    }
    const errors = await Promise.all(
      challenges.map(({ client, challengeId }) =>
        failure(client.call('auth.answerSecurityQuestion', { challengeId, answer: 'wrong answer' })),
      ),
    );
    expect(evaluated(errors)).toBeLessThanOrEqual(PIN_LIMIT);
    const [last] = await screens(1, 'question-right');
    const first = await last!.call('auth.signIn', { docNumber: '100236', pin: '8642' });
    expect(first.kind).toBe('security-question');
    if (first.kind !== 'security-question') return;
    expect(
      await failure(last!.call('auth.answerSecurityQuestion', { challengeId: first.challengeId, answer: 'Canelo' })),
    ).toMatchObject({ code: 'locked_out' });
  });

  it('technician gate: 30 wrong credentials at once, at most 3 evaluated; the right one is then refused', async () => {
    const clients = await screens(30, 'gate-burst');
    const results = await Promise.all(
      clients.map((client) => client.call('technician.signIn', { login: 'Sam Ortiz', secret: 'not-the-secret' })),
    );
    // The one that used the last attempt answers locked_out too: at most limit - 1 plain refusals.
    const wrong = results.filter((r) => !r.ok && r.problem === 'wrong_credential').length;
    expect(wrong).toBeLessThanOrEqual(GATE_LIMIT - 1);
    expect(results.every((r) => !r.ok && (r.problem === 'wrong_credential' || r.problem === 'locked_out'))).toBe(true);
    const [right] = await screens(1, 'gate-right');
    expect(await right!.call('technician.signIn', { login: 'Sam Ortiz', secret: 'tech-2468' })).toMatchObject({
      ok: false,
      problem: 'locked_out',
    });
  });
});
