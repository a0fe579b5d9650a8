import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { nodeScrypt } from '../../shared/node/scrypt';
import { normalizeAnswer, SecretHash, secretHasher } from '../../shared/sync/secret-hash';
import type { ServerContext } from '../domain/context';
import { sha256Hex } from '../domain/tokens';
import { HttpError } from '../http/http-error';
import { accountCounter, addressCounter, LIMITS, throttledCheck } from './throttle';
import { BROWSER_COOKIE, readCookie, rememberBrowser, startSession } from './web-session';

const hasher = secretHasher(nodeScrypt);
const CHALLENGE_MS = 10 * 60_000;
/** Spent on unknown emails so a wrong address takes as long as a wrong password. */
const decoy: SecretHash = { algo: 'scrypt', N: 16_384, r: 8, p: 1, saltHex: '00'.repeat(16), hashHex: '00'.repeat(32) };
/**
 * Email + password; on a browser this account has not seen, the security
 * question first ("remember this device" once answered).
 */
export async function signIn(
  ctx: ServerContext,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { email: string; password: string },
) {
  const email = input.email.trim().toLowerCase();
  const wrong = () => new HttpError(401, 'wrong_credentials', 'Email or password is not right.');
  const account = await throttledCheck(
    ctx,
    [accountCounter(email), addressCounter(request.ip)],
    async () => {
      const found = await ctx.db
        .selectFrom('family_accounts')
        .selectAll()
        .where('email', '=', email)
        .executeTakeFirst();
      const ok = found
        ? await hasher.verify(input.password, SecretHash.parse(JSON.parse(found.password_hash)))
        : await hasher.verify(input.password, decoy);
      // An account whose email is not confirmed answers like a wrong password (sign-up tells nobody it exists).
      return found && ok && found.email_confirmed_at !== null ? found : null;
    },
    wrong,
  );
  const browser = readCookie(request, BROWSER_COOKIE);
  const known = browser
    ? await ctx.db
        .selectFrom('remembered_browsers')
        .select('account_id')
        .where('token_hash', '=', sha256Hex(browser))
        .where('account_id', '=', account.id)
        .executeTakeFirst()
    : undefined;
  if (!known) {
    // In the database, not this process: any server behind the same database can take the answer.
    const challengeId = randomBytes(18).toString('base64url');
    await ctx.db
      .insertInto('sign_in_challenges')
      .values({ id_hash: sha256Hex(challengeId), account_id: account.id, expires_at: ctx.now() + CHALLENGE_MS })
      .execute();
    return { status: 'security-question' as const, question: account.security_question, challengeId };
  }
  const csrf = await startSession(ctx, reply, request, { kind: 'family', accountId: account.id });
  return { status: 'signed-in' as const, csrf };
}

export async function answerChallenge(
  ctx: ServerContext,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { challengeId: string; answer: string },
) {
  // A challenge answers once, right or wrong: taken by one delete, so two answers sent together get one try.
  const challenge = await ctx.db
    .deleteFrom('sign_in_challenges')
    .where('id_hash', '=', sha256Hex(input.challengeId))
    .returning(['account_id', 'expires_at'])
    .executeTakeFirst();
  await ctx.db.deleteFrom('sign_in_challenges').where('expires_at', '<', ctx.now()).execute();
  if (!challenge || challenge.expires_at < ctx.now())
    throw new HttpError(401, 'challenge_expired', 'Please sign in again.');
  const account = await ctx.db
    .selectFrom('family_accounts')
    .selectAll()
    .where('id', '=', challenge.account_id)
    .executeTakeFirstOrThrow();
  // The question has a counter of its own: a right password must not reset the guesses at the answer.
  await throttledCheck(
    ctx,
    [accountCounter(`answer:${account.id}`, LIMITS.answer), addressCounter(request.ip)],
    async () =>
      (await hasher.verify(normalizeAnswer(input.answer), SecretHash.parse(JSON.parse(account.security_answer_hash))))
        ? true
        : null,
    () => new HttpError(401, 'wrong_answer', 'That answer is not right. Please sign in again.'),
  );
  await rememberThisBrowser(ctx, request, reply, account.id);
  const csrf = await startSession(ctx, reply, request, { kind: 'family', accountId: account.id });
  return { status: 'signed-in' as const, csrf };
}

/**
 * This browser is known to the account from now on: its sign-ins skip the security question. After a
 * right answer, and on the browser that followed the account's confirmation link (only the owner of the
 * address got it), so a family is not asked, right after signing up, the question they just typed.
 */
export async function rememberThisBrowser(
  ctx: ServerContext,
  request: FastifyRequest,
  reply: FastifyReply,
  accountId: string,
): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  await ctx.db
    .insertInto('remembered_browsers')
    .values({ token_hash: sha256Hex(token), account_id: accountId, created_at: ctx.now() })
    .execute();
  rememberBrowser(reply, request, token);
}

export async function staffSignIn(
  ctx: ServerContext,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { email: string; password: string },
) {
  const email = input.email.trim().toLowerCase();
  const staff = await throttledCheck(
    ctx,
    [accountCounter(`staff:${email}`), addressCounter(request.ip)],
    async () => {
      const found = await ctx.db.selectFrom('staff_users').selectAll().where('email', '=', email).executeTakeFirst();
      const ok = found?.password_hash
        ? await hasher.verify(input.password, SecretHash.parse(JSON.parse(found.password_hash)))
        : await hasher.verify(input.password, decoy);
      // An invited account has no password yet; a deactivated one never signs in again.
      return found && ok && found.status === 'active' ? found : null;
    },
    () => new HttpError(401, 'wrong_credentials', 'Email or password is not right.'),
  );
  const csrf = await startSession(ctx, reply, request, { kind: 'staff', accountId: staff.id });
  return { status: 'signed-in' as const, csrf, role: staff.role };
}
