import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskClient } from '../../../shared/kiosk-api/client';
import { KioskError } from '../../../shared/kiosk-api/errors';
import { signIn, stackWithDaniel, until, type KioskStack } from '../../support/kiosk-stack';

/**
 * The device end to end over the preview host's HTTP API: signing in at the kiosk (the security question, PIN
 * lockout), session events reaching only their screen, and the encrypted cache on disk.
 */
let stack: KioskStack;
/** This file's patience for the device and server to catch up. */
const waitFor = <T>(what: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 15_000) =>
  until(what, ok, timeoutMs);
let daniel: KioskClient;

beforeAll(async () => {
  ({ stack, daniel } = await stackWithDaniel());
}, 60_000);
afterAll(() => stack.close());

describe('sign-in', () => {
  it('asks the security question on the first sign-in on this device, then signs in', async () => {
    const first = await daniel.call('auth.signIn', { docNumber: '100234', pin: '2468' });
    expect(first).toMatchObject({ kind: 'security-question', question: 'What was the name of your first pet?' });
    if (first.kind !== 'security-question') return;
    const done = await daniel.call('auth.answerSecurityQuestion', { challengeId: first.challengeId, answer: '  REX ' });
    expect(done).toMatchObject({ kind: 'signed-in', inmate: { displayName: 'Daniel Reyes', docNumber: '100234' } });
    // The second time on this device: no question.
    const again = await daniel.call('auth.signIn', { docNumber: '100234', pin: '2468' });
    expect(again.kind).toBe('signed-in');
  });

  it('counts wrong PINs down and locks out at the facility limit', async () => {
    const other = await stack.client('lockout-screen');
    const errors: KioskError[] = [];
    for (let i = 0; i < 5; i += 1) {
      errors.push(
        await other.call('auth.signIn', { docNumber: '100236', pin: '0000' }).then(
          () => {
            throw new Error('signed in with a wrong PIN');
          },
          (e: unknown) => KioskError.from(e),
        ),
      );
    }
    expect(errors.slice(0, 4).map((e) => [e.code, e.detail?.attemptsLeft])).toEqual([
      ['unauthorized', 4],
      ['unauthorized', 3],
      ['unauthorized', 2],
      ['unauthorized', 1],
    ]);
    expect(errors[4]?.code).toBe('locked_out');
    // Even the right PIN is refused while locked.
    await expect(other.call('auth.signIn', { docNumber: '100236', pin: '8642' })).rejects.toMatchObject({
      code: 'locked_out',
    });
  });

  it('refuses calls that need a session on a screen where nobody signed in', async () => {
    const nobody = await stack.client('empty-screen');
    await expect(nobody.call('inbox.list', { filter: 'all', search: '', offset: 0, limit: 10 })).rejects.toMatchObject({
      code: 'unauthorized',
    });
    await expect(nobody.call('account.summary', {})).rejects.toMatchObject({ code: 'unauthorized' });
  });
});

describe('session events', () => {
  it('reach only the screen whose session it is', async () => {
    const left = await stack.client('events-left');
    const right = await stack.client('events-right');
    await signIn(left, '100235', '1357', 'maple');
    await signIn(right, '100234', '2468', 'rex');
    const heard: string[] = [];
    left.on('session.ended', ({ reason }) => heard.push(`left ${reason}`));
    right.on('session.ended', ({ reason }) => heard.push(`right ${reason}`));
    await left.call('auth.signOut', {});
    await waitFor(
      () => Promise.resolve(heard),
      (h) => h.length > 0,
    );
    // Still signed in: its unread count is that of its unread list.
    const unread = await right.call('inbox.list', { filter: 'unread', search: '', offset: 0, limit: 1 });
    expect((await right.call('inbox.counts', {})).unread).toBe(unread.total);
    // Core sends a screen's events in order: once the right screen hears its own sign-out, anything the
    // left one's sign-out had wrongly sent it would have come first.
    await right.call('auth.signOut', {});
    await waitFor(
      () => Promise.resolve(heard),
      (h) => h.includes('right signed_out'),
    );
    expect(heard).toEqual(['left signed_out', 'right signed_out']);
  });
});

describe('the encrypted cache', () => {
  it("holds none of a message's plaintext on disk", async () => {
    const message = await daniel.call('messages.get', {
      id:
        (await daniel.call('inbox.list', { filter: 'all', search: 'grandma', offset: 0, limit: 1 })).rows[0]?.id ?? '',
    });
    const needle = message.body.slice(0, 40);
    expect(needle.length).toBeGreaterThan(20);
    for (const file of readdirSync(stack.deviceDir).filter((f) => f.startsWith('device.db'))) {
      expect(readFileSync(join(stack.deviceDir, file)).includes(needle), file).toBe(false);
    }
  });
});
