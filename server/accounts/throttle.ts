import { sql } from 'kysely';
import {
  guardedAttempt,
  type LockoutCounter,
  type LockoutPolicy,
  type LockoutStore,
  type Reservation,
} from '../../shared/domain/lockout';
import type { ServerContext } from '../domain/context';
import { HttpError } from '../http/http-error';

/**
 * The server's lockouts and rate limits (see shared/domain/lockout.ts for the
 * mechanism). Counters live in the database (`sign_in_failures`), not in the
 * process, so a restart does not reset them and every server process behind
 * one database shares them.
 */
export const LIMITS = {
  /** Wrong passwords per account: 5 lock it for 15 minutes. */
  account: { limit: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  /** Wrong security answers per account, counted apart from passwords (a right password must not reset it). */
  answer: { limit: 5, windowMs: 60 * 60_000, lockMs: 60 * 60_000 },
  /** Failed sign-ins from one client address: 20 in 15 minutes are answered 429. */
  address: { limit: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  /** Sign-ups and reset requests from one client address (a family centre or library shares one). */
  mailAddress: { limit: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  /** Reset mails and sign-up notices to one email address. */
  mailAccount: { limit: 3, windowMs: 60 * 60_000, lockMs: 60 * 60_000 },
} as const satisfies Record<string, LockoutPolicy>;

/** The lockout store over the database: each step one statement, atomic on SQLite and PostgreSQL alike. */
function databaseLockoutStore(ctx: ServerContext): LockoutStore {
  return {
    async reserve(key, policy, now): Promise<Reservation> {
      await ctx.db
        .insertInto('sign_in_failures')
        .values({ key, failures: 0, window_start: now, locked_until: 0 })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      // Fresh: the window has passed or a lock has ended (the WHERE already refused a lock still running).
      // Times are cast to bigint: PostgreSQL would type a bare parameter beside the literal 0 as a 32-bit integer.
      const ms = (value: number) => sql<number>`cast(${value} as bigint)`;
      const fresh = sql<boolean>`(window_start <= ${ms(now - policy.windowMs)} or locked_until <> 0)`;
      const attempts = sql<number>`(case when ${fresh} then 1 else failures + 1 end)`;
      const updated = await ctx.db
        .updateTable('sign_in_failures')
        .set({
          failures: attempts,
          window_start: sql<number>`(case when ${fresh} then ${ms(now)} else window_start end)`,
          locked_until: sql<number>`(case when ${attempts} >= ${policy.limit} then ${ms(now + policy.lockMs)} else 0 end)`,
        })
        .where('key', '=', key)
        .where('locked_until', '<=', now)
        .where(sql<boolean>`(failures < ${policy.limit} or ${fresh})`)
        .returning('failures')
        .executeTakeFirst();
      if (updated) return { ok: true, attempts: updated.failures };
      const row = await ctx.db
        .selectFrom('sign_in_failures')
        .select('locked_until')
        .where('key', '=', key)
        .executeTakeFirst();
      return { ok: false, lockedUntil: row?.locked_until ?? now };
    },
    async reset(key) {
      await ctx.db.deleteFrom('sign_in_failures').where('key', '=', key).execute();
    },
    async refund(key) {
      await ctx.db
        .updateTable('sign_in_failures')
        .set({ failures: sql<number>`failures - 1`, locked_until: 0 })
        .where('key', '=', key)
        .where('failures', '>', 0)
        .execute();
    },
  };
}

export const accountCounter = (key: string, policy: LockoutPolicy = LIMITS.account): LockoutCounter => ({
  key: `account:${key}`,
  policy,
  onSuccess: 'reset',
});

export const addressCounter = (ip: string): LockoutCounter => ({
  key: `address:${ip}`,
  policy: LIMITS.address,
  onSuccess: 'refund',
});

/** Mails asked for from one client address (sign-up, forgot-password): uses, never given back. */
export const mailAddressCounter = (ip: string): LockoutCounter => ({
  key: `mail-from:${ip}`,
  policy: LIMITS.mailAddress,
  onSuccess: 'refund',
});

/** Mails sent to one email address (`kind:email`), counted whether or not it has an account. */
export const mailAccountCounter = (key: string): LockoutCounter => ({
  key: `mail-to:${key}`,
  policy: LIMITS.mailAccount,
  onSuccess: 'reset',
});

/**
 * Runs `verify` (a slow hash) under the counters: refused with 423 (the
 * account) or 429 (the address) before anything is evaluated when one is
 * shut; a wrong guess (`null`) is `wrong()` (the one that used the last
 * attempt too: the lock answers from the next one on).
 */
export async function throttledCheck<T>(
  ctx: ServerContext,
  counters: readonly LockoutCounter[],
  verify: () => Promise<T | null>,
  wrong: () => HttpError,
): Promise<T> {
  const outcome = await guardedAttempt(databaseLockoutStore(ctx), counters, ctx.now(), verify);
  if (outcome.kind === 'ok') return outcome.value;
  if (outcome.kind === 'locked') {
    const minutes = Math.max(1, Math.ceil(outcome.retryAfterMs / 60_000));
    throw outcome.counter.onSuccess === 'refund'
      ? new HttpError(429, 'rate_limited', `Too many attempts from here. Try again in ${minutes} minutes.`, { minutes })
      : new HttpError(423, 'locked_out', `Too many wrong tries. Locked for ${minutes} minutes.`, { minutes });
  }
  throw wrong();
}

/**
 * A throttle with no secret to check (sign-up, forgot-password): counts one
 * use on every counter, or says which is shut. Uses are never given back.
 */
export async function countUse(ctx: ServerContext, counters: readonly LockoutCounter[]): Promise<boolean> {
  const outcome = await guardedAttempt(databaseLockoutStore(ctx), counters, ctx.now(), () =>
    Promise.resolve<null>(null),
  );
  return outcome.kind !== 'locked';
}

/**
 * countUse for a client address: a shut counter is answered 429 with the minutes left (a parameter
 * the screen words), not a bare refusal.
 */
export async function requireUse(ctx: ServerContext, counters: readonly LockoutCounter[]): Promise<void> {
  const outcome = await guardedAttempt(databaseLockoutStore(ctx), counters, ctx.now(), () =>
    Promise.resolve<null>(null),
  );
  if (outcome.kind !== 'locked') return;
  const minutes = Math.max(1, Math.ceil(outcome.retryAfterMs / 60_000));
  throw new HttpError(429, 'rate_limited', 'Too many requests from here. Try again later.', { minutes });
}
