import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { ServerContext } from '../domain/context';
import { sha256Hex } from '../domain/tokens';
import { countUse, mailAccountCounter, mailAddressCounter, requireUse } from './throttle';

/** What a request that may mail someone answers at once; `delivery` settles when the mail is handed over. */
export interface MailAnswer {
  delivery: Promise<void>;
}

/** No mail (throttled, or nobody to write to): the same answer, with nothing to wait for. */
export const noMail = (): MailAnswer => ({ delivery: Promise.resolve() });

/**
 * The throttles of a request that mails an address. Too many from one client address: a 429 about the asker.
 * Too many to one email (`key` says for what): false, so the caller answers as always and sends nothing;
 * counted for unknown addresses alike, so the throttle tells nothing about who has an account.
 */
export async function mayMail(ctx: ServerContext, ip: string, key: string): Promise<boolean> {
  await requireUse(ctx, [mailAddressCounter(ip)]);
  return countUse(ctx, [mailAccountCounter(key)]);
}

/** A new single-use link's secret: the token the mailed link carries, and the hash the database keeps. */
export function linkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: sha256Hex(token) };
}

/** Following a mailed link proves the mailbox: an account not yet confirmed is confirmed by it. */
export async function confirmMailbox(trx: Transaction<Database>, accountId: string, now: number): Promise<void> {
  await trx
    .updateTable('family_accounts')
    .set({ email_confirmed_at: now })
    .where('id', '=', accountId)
    .where('email_confirmed_at', 'is', null)
    .execute();
}
