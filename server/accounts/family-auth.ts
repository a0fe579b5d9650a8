import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { nodeScrypt } from '../../shared/node/scrypt';
import { normalizeAnswer, SecretHash, secretHasher } from '../../shared/sync/secret-hash';
import type { ServerContext } from '../domain/context';
import { sha256Hex } from '../domain/tokens';
import { HttpError } from '../http/http-error';
import type { Mailer } from '../mail/mailer';
import { checkNotLocked, clearFailures, recordFailure } from './throttle';
import { BROWSER_COOKIE, readCookies, rememberBrowserCookie, startSession } from './web-session';

const hasher = secretHasher(nodeScrypt);
const RESET_MS = 30 * 60_000;
/** Spent on unknown emails so a wrong address takes as long as a wrong password. */
const decoy: SecretHash = { algo: 'scrypt', N: 16_384, r: 8, p: 1, saltHex: '00'.repeat(16), hashHex: '00'.repeat(32) };
const commonPasswords = new Set([
  'password123',
  '1234567890',
  'qwertyuiop',
  'iloveyou123',
  'password1234',
  '12345678910',
  'letmein1234',
]);
const challenges = new Map<string, { accountId: string; expiresAt: number }>();

function checkPassword(password: string): void {
  if (password.length < 10 || password.length > 200)
    throw new HttpError(400, 'weak_password', 'Passwords need at least 10 characters.');
  if (commonPasswords.has(password.toLowerCase()))
    throw new HttpError(400, 'weak_password', 'This password is too common.');
}

export async function signUp(
  ctx: ServerContext,
  input: { email: string; password: string; displayName: string; securityQuestion: string; securityAnswer: string },
) {
  checkPassword(input.password);
  const email = input.email.trim().toLowerCase();
  const exists = await ctx.db.selectFrom('family_accounts').select('id').where('email', '=', email).executeTakeFirst();
  if (exists)
    throw new HttpError(409, 'email_taken', 'An account with this email exists. Sign in or reset the password.');
  const id = uuidv7();
  await ctx.db
    .insertInto('family_accounts')
    .values({
      id,
      email,
      display_name: input.displayName.trim(),
      password_hash: JSON.stringify(await hasher.hash(input.password)),
      security_question: input.securityQuestion.trim(),
      security_answer_hash: JSON.stringify(await hasher.hash(normalizeAnswer(input.securityAnswer))),
      created_at: ctx.now(),
    })
    .execute();
  return id;
}

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
  const keys = { account: email, address: request.ip };
  await checkNotLocked(ctx, keys);
  const account = await ctx.db.selectFrom('family_accounts').selectAll().where('email', '=', email).executeTakeFirst();
  const ok = account
    ? await hasher.verify(input.password, SecretHash.parse(JSON.parse(account.password_hash)))
    : await hasher.verify(input.password, decoy);
  if (!account || !ok) {
    await recordFailure(ctx, keys);
    throw new HttpError(401, 'wrong_credentials', 'Email or password is not right.');
  }
  await clearFailures(ctx, email);
  const browser = readCookies(request)[BROWSER_COOKIE];
  const known = browser
    ? await ctx.db
        .selectFrom('remembered_browsers')
        .select('account_id')
        .where('token_hash', '=', sha256Hex(browser))
        .where('account_id', '=', account.id)
        .executeTakeFirst()
    : undefined;
  if (!known) {
    const challengeId = randomBytes(18).toString('base64url');
    challenges.set(challengeId, { accountId: account.id, expiresAt: ctx.now() + 10 * 60_000 });
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
  const challenge = challenges.get(input.challengeId);
  challenges.delete(input.challengeId);
  if (!challenge || challenge.expiresAt < ctx.now())
    throw new HttpError(401, 'challenge_expired', 'Please sign in again.');
  const account = await ctx.db
    .selectFrom('family_accounts')
    .selectAll()
    .where('id', '=', challenge.accountId)
    .executeTakeFirstOrThrow();
  const keys = { account: account.email, address: request.ip };
  await checkNotLocked(ctx, keys);
  if (
    !(await hasher.verify(normalizeAnswer(input.answer), SecretHash.parse(JSON.parse(account.security_answer_hash))))
  ) {
    await recordFailure(ctx, keys);
    throw new HttpError(401, 'wrong_answer', 'That answer is not right. Please sign in again.');
  }
  const token = randomBytes(32).toString('base64url');
  await ctx.db
    .insertInto('remembered_browsers')
    .values({ token_hash: sha256Hex(token), account_id: account.id, created_at: ctx.now() })
    .execute();
  const csrf = await startSession(ctx, reply, request, { kind: 'family', accountId: account.id });
  void reply.header('set-cookie', [
    ...([reply.getHeader('set-cookie')].flat().filter(Boolean) as string[]),
    rememberBrowserCookie(request, token),
  ]);
  return { status: 'signed-in' as const, csrf };
}

/**
 * "Forgot password": a single-use link valid 30 minutes, mailed by SMTP when
 * configured, else written to the local mail folder (the demo shows it). The
 * answer is the same whether or not the email exists, and the caller does
 * not wait for delivery (a slow relay would tell which addresses have an
 * account): the returned promise settles when the mail is handed over.
 *
 * The link opens the portal's reset page; the token is in the URL fragment,
 * so it never reaches server logs or a Referer header.
 */
export async function requestPasswordReset(
  ctx: ServerContext,
  mailer: Mailer,
  baseUrl: string,
  emailInput: string,
): Promise<{ delivery: Promise<void> }> {
  const email = emailInput.trim().toLowerCase();
  const account = await ctx.db
    .selectFrom('family_accounts')
    .select(['id', 'display_name'])
    .where('email', '=', email)
    .executeTakeFirst();
  if (!account) return { delivery: Promise.resolve() };
  const token = randomBytes(32).toString('base64url');
  await ctx.db
    .insertInto('password_resets')
    .values({ token_hash: sha256Hex(token), account_id: account.id, expires_at: ctx.now() + RESET_MS, used_at: null })
    .execute();
  const link = resetLink(baseUrl, token);
  return {
    delivery: mailer.send({
      to: email,
      subject: 'Reset your password / Restablecer su contraseña',
      text:
        `Hello ${account.display_name},\n\nOpen this link within 30 minutes to choose a new password:\n${link}\n\n` +
        'If you did not ask for this, ignore this email.\n\n' +
        `Abra este enlace en los próximos 30 minutos para elegir una contraseña nueva:\n${link}\n\n` +
        'Si no lo pidió, ignore este correo.',
      link,
    }),
  };
}

/** The portal's reset page for a token. */
export const resetLink = (baseUrl: string, token: string) =>
  `${baseUrl}/portal/#reset?token=${encodeURIComponent(token)}`;

export async function resetPassword(ctx: ServerContext, input: { token: string; newPassword: string }): Promise<void> {
  checkPassword(input.newPassword);
  const hash = sha256Hex(input.token);
  const row = await ctx.db.selectFrom('password_resets').selectAll().where('token_hash', '=', hash).executeTakeFirst();
  if (!row || row.used_at !== null || row.expires_at <= ctx.now())
    throw new HttpError(410, 'link_expired', 'This link was used or has expired. Ask for a new one.');
  const passwordHash = JSON.stringify(await hasher.hash(input.newPassword));
  await ctx.db.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable('password_resets')
      .set({ used_at: ctx.now() })
      .where('token_hash', '=', hash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1)
      throw new HttpError(410, 'link_expired', 'This link was used or has expired. Ask for a new one.');
    await trx
      .updateTable('family_accounts')
      .set({ password_hash: passwordHash })
      .where('id', '=', row.account_id)
      .execute();
    // A new password signs out every browser.
    await trx
      .deleteFrom('web_sessions')
      .where('kind', '=', 'family')
      .where('account_id', '=', row.account_id)
      .execute();
  });
}

export async function staffSignIn(
  ctx: ServerContext,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { email: string; password: string },
) {
  const email = input.email.trim().toLowerCase();
  const keys = { account: `staff:${email}`, address: request.ip };
  await checkNotLocked(ctx, keys);
  const staff = await ctx.db.selectFrom('staff_users').selectAll().where('email', '=', email).executeTakeFirst();
  const ok = staff
    ? await hasher.verify(input.password, SecretHash.parse(JSON.parse(staff.password_hash)))
    : await hasher.verify(input.password, decoy);
  if (!staff || !ok) {
    await recordFailure(ctx, keys);
    throw new HttpError(401, 'wrong_credentials', 'Email or password is not right.');
  }
  await clearFailures(ctx, `staff:${email}`);
  const csrf = await startSession(ctx, reply, request, { kind: 'staff', accountId: staff.id });
  return { status: 'signed-in' as const, csrf, role: staff.role };
}
