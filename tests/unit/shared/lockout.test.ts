import { describe, expect, it } from 'vitest';
import {
  guardedAttempt,
  memoryLockoutStore,
  reserveCounter,
  type LockoutCounter,
} from '../../../shared/domain/lockout';

const policy = { limit: 3, windowMs: 60_000, lockMs: 300_000 };
const account: LockoutCounter = { key: 'account:a', policy, onSuccess: 'reset' };
const address: LockoutCounter = { key: 'address:x', policy: { ...policy, limit: 5 }, onSuccess: 'refund' };

describe('the lockout mechanism', () => {
  it('reserves up to the limit, locks on the last one, and opens again when the lock ends', () => {
    let state = null;
    for (let i = 1; i <= 3; i += 1) {
      const result = reserveCounter(state, policy, 1_000);
      expect(result.ok).toBe(true);
      if (result.ok) state = result.next;
    }
    expect(state).toEqual({ attempts: 3, windowStart: 1_000, lockedUntil: 301_000 });
    expect(reserveCounter(state, policy, 300_999)).toEqual({ ok: false, lockedUntil: 301_000 });
    expect(reserveCounter(state, policy, 301_000)).toMatchObject({ ok: true, next: { attempts: 1 } });
  });

  it('forgets failures older than the window', () => {
    const old = { attempts: 2, windowStart: 0, lockedUntil: 0 };
    expect(reserveCounter(old, policy, 60_000)).toMatchObject({ ok: true, next: { attempts: 1, windowStart: 60_000 } });
  });

  it('evaluates at most the limit of 30 guesses sent at once, whose checks all wait on each other', async () => {
    const store = memoryLockoutStore();
    let evaluated = 0;
    const gates: (() => void)[] = [];
    const outcomes = Promise.all(
      Array.from({ length: 30 }, () =>
        guardedAttempt(store, [account, address], 0, async () => {
          evaluated += 1;
          await new Promise<void>((resolve) => gates.push(resolve));
          return null;
        }),
      ),
    );
    // Every guess that got through is now inside its slow check at the same time.
    await new Promise((resolve) => setImmediate(resolve));
    gates.forEach((open) => open());
    const results = await outcomes;
    expect(evaluated).toBe(3);
    expect(results.filter((r) => r.kind === 'locked')).toHaveLength(27);
    // The address gave back the attempts the locked account refused: it counts only what was evaluated.
    expect(await guardedAttempt(store, [address], 1, () => Promise.resolve('ok'))).toEqual({ kind: 'ok', value: 'ok' });
  });

  it('a success resets the account and refunds the address; a check that throws gives every attempt back', async () => {
    const store = memoryLockoutStore();
    await guardedAttempt(store, [account, address], 0, () => Promise.resolve(null));
    await guardedAttempt(store, [account, address], 0, () => Promise.resolve(null));
    expect(await guardedAttempt(store, [account, address], 0, () => Promise.resolve(1))).toMatchObject({ kind: 'ok' });
    await expect(guardedAttempt(store, [account], 0, () => Promise.reject(new Error('database gone')))).rejects.toThrow(
      'database gone',
    );
    const failed = await guardedAttempt(store, [account], 0, () => Promise.resolve(null));
    expect(failed).toMatchObject({ kind: 'failed', attemptsLeft: 2, lockedNow: false });
  });
});
