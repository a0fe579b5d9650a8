import type { ServerContext } from '../domain/context';
import { HttpError } from '../http/http-error';

/**
 * Failed sign-ins, counted per account (lockout: 5 in 15 minutes locks it
 * for 15 minutes) and per client address (rate limit: 20 in 15 minutes), in
 * the database so a restart does not reset them.
 */
export const LIMITS = {
  account: { failures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  address: { failures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
} as const;

export async function checkNotLocked(ctx: ServerContext, keys: { account: string; address: string }): Promise<void> {
  const now = ctx.now();
  const rows = await ctx.db
    .selectFrom('sign_in_failures')
    .selectAll()
    .where('key', 'in', [`account:${keys.account}`, `address:${keys.address}`])
    .execute();
  for (const row of rows) {
    if (row.locked_until > now) {
      const minutes = Math.ceil((row.locked_until - now) / 60_000);
      throw row.key.startsWith('address:')
        ? new HttpError(429, 'rate_limited', `Too many attempts from here. Try again in ${minutes} minutes.`, {
            minutes,
          })
        : new HttpError(423, 'locked_out', `Too many wrong passwords. The account is locked for ${minutes} minutes.`, {
            minutes,
          });
    }
  }
}

export async function recordFailure(ctx: ServerContext, keys: { account: string; address: string }): Promise<void> {
  const now = ctx.now();
  for (const [kind, key] of [
    ['account', `account:${keys.account}`],
    ['address', `address:${keys.address}`],
  ] as const) {
    const limit = LIMITS[kind];
    const row = await ctx.db.selectFrom('sign_in_failures').selectAll().where('key', '=', key).executeTakeFirst();
    const fresh = !row || now - row.window_start > limit.windowMs;
    const failures = fresh ? 1 : row.failures + 1;
    const values = {
      key,
      failures,
      window_start: fresh ? now : row.window_start,
      locked_until: failures >= limit.failures ? now + limit.lockMs : (row?.locked_until ?? 0),
    };
    await ctx.db
      .insertInto('sign_in_failures')
      .values(values)
      .onConflict((oc) => oc.column('key').doUpdateSet(values))
      .execute();
  }
}

export async function clearFailures(ctx: ServerContext, account: string): Promise<void> {
  await ctx.db.deleteFrom('sign_in_failures').where('key', '=', `account:${account}`).execute();
}
