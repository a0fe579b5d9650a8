import { nodeScrypt } from '../../shared/node/scrypt';
import { secretHasher } from '../../shared/sync/secret-hash';
import type { ServerContext } from '../domain/context';
import { sha256Hex } from '../domain/tokens';
import { HttpError } from '../http/http-error';
import type { Mailer } from '../mail/mailer';
import { checkPassword } from './password-rules';
import { confirmMailbox, linkToken, mayMail, noMail, type MailAnswer } from './mail-link';

const hasher = secretHasher(nodeScrypt);
const RESET_MS = 30 * 60_000;

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
  ip: string,
): Promise<MailAnswer> {
  const email = emailInput.trim().toLowerCase();
  if (!(await mayMail(ctx, ip, `reset:${email}`))) return noMail();
  const account = await ctx.db
    .selectFrom('family_accounts')
    .select(['id', 'display_name'])
    .where('email', '=', email)
    .executeTakeFirst();
  if (!account) return noMail();
  const { token, hash } = linkToken();
  await ctx.db
    .insertInto('password_resets')
    .values({ token_hash: hash, account_id: account.id, expires_at: ctx.now() + RESET_MS, used_at: null })
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
    // Every other link still outstanding for the account is spent too: one reset ends them all.
    await trx
      .updateTable('password_resets')
      .set({ used_at: ctx.now() })
      .where('account_id', '=', row.account_id)
      .where('used_at', 'is', null)
      .execute();
    await confirmMailbox(trx, row.account_id, ctx.now());
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
