import { uuidv7 } from 'uuidv7';
import { nodeScrypt } from '../../shared/node/scrypt';
import { normalizeAnswer, secretHasher } from '../../shared/sync/secret-hash';
import type { ServerContext } from '../domain/context';
import { sha256Hex } from '../domain/tokens';
import { HttpError } from '../http/http-error';
import type { Mailer } from '../mail/mailer';
import { checkPassword } from './password-rules';
import { confirmMailbox, linkToken, mayMail, noMail, type MailAnswer } from './mail-link';

const hasher = secretHasher(nodeScrypt);
const CONFIRM_MS = 24 * 60 * 60_000;

export interface SignUpInput {
  email: string;
  password: string;
  displayName: string;
  securityQuestion: string;
  securityAnswer: string;
}

/** The portal's page that confirms an email (`#confirm?token=…`; the token stays in the fragment). */
const confirmLink = (baseUrl: string, token: string) => `${baseUrl}/portal/#confirm?token=${encodeURIComponent(token)}`;

/**
 * Sign-up answers the same for every address ("check your email"), so it
 * tells nobody whether an account exists: a new address gets an account
 * that can sign in once the mailed link is followed; a known one gets a
 * mail telling its owner (who can sign in or reset the password). Both
 * spend the same hashing time. Throttled per client address (429) and per
 * email (quietly: no more mail, the same answer).
 */
export async function signUp(
  ctx: ServerContext,
  mailer: Mailer,
  baseUrl: string,
  input: SignUpInput,
  ip: string,
): Promise<MailAnswer> {
  checkPassword(input.password);
  const email = input.email.trim().toLowerCase();
  if (!(await mayMail(ctx, ip, `signup:${email}`))) return noMail();
  const passwordHash = JSON.stringify(await hasher.hash(input.password));
  const answerHash = JSON.stringify(await hasher.hash(normalizeAnswer(input.securityAnswer)));
  const id = uuidv7();
  const { token, hash } = linkToken();
  const created = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('family_accounts')
      .values({
        id,
        email,
        display_name: input.displayName.trim(),
        password_hash: passwordHash,
        security_question: input.securityQuestion.trim(),
        security_answer_hash: answerHash,
        created_at: ctx.now(),
        email_confirmed_at: null,
      })
      .onConflict((oc) => oc.column('email').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1) return false;
    await trx
      .insertInto('email_confirmations')
      .values({ token_hash: hash, account_id: id, expires_at: ctx.now() + CONFIRM_MS, used_at: null })
      .execute();
    return true;
  });
  if (created) {
    const link = confirmLink(baseUrl, token);
    return {
      delivery: mailer.send({
        to: email,
        subject: 'Confirm your email / Confirme su correo',
        text:
          `Hello ${input.displayName.trim()},\n\nOpen this link within 24 hours to confirm your email and finish signing up:\n${link}\n\n` +
          'If you did not sign up, ignore this email.\n\n' +
          `Abra este enlace en las próximas 24 horas para confirmar su correo y terminar el registro:\n${link}\n\n` +
          'Si no se registró, ignore este correo.',
        link,
      }),
    };
  }
  return {
    delivery: mailer.send({
      to: email,
      subject: 'You already have an account / Ya tiene una cuenta',
      text:
        'Someone tried to sign up with this email, which already has an account. If it was you, sign in, or ask ' +
        'for a password reset if you forgot the password. If not, ignore this email: nothing was changed.\n\n' +
        'Alguien intentó registrarse con este correo, que ya tiene una cuenta. Si fue usted, inicie sesión o pida ' +
        'restablecer la contraseña. Si no, ignore este correo: no se cambió nada.',
    }),
  };
}

/** The link in the sign-up mail: confirms the email once; a used or expired link is a 410. */
export async function confirmEmail(ctx: ServerContext, token: string): Promise<{ accountId: string }> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('email_confirmations')
      .set({ used_at: ctx.now() })
      .where('token_hash', '=', sha256Hex(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', ctx.now())
      .returning('account_id')
      .executeTakeFirst();
    if (!row) throw new HttpError(410, 'link_expired', 'This link was used or has expired.');
    await confirmMailbox(trx, row.account_id, ctx.now());
    return { accountId: row.account_id };
  });
}
