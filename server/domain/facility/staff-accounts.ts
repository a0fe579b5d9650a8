import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { nodeScrypt } from '../../../shared/node/scrypt';
import type { StaffRole } from '../../../shared/portal-api/facility-admin';
import { normalizeAnswer, secretHasher } from '../../../shared/sync/secret-hash';
import { checkPassword } from '../../accounts/password-rules';
import { HttpError } from '../../http/http-error';
import type { Mailer } from '../../mail/mailer';
import { write, type ServerContext, type Writer } from '../context';
import { recordAudit } from './audit';
import { createStaffLink, spendLink, spendOpenLinks, staffLinkUrl, usableLink } from './staff-links';

const hasher = secretHasher(nodeScrypt);

/** Who acts: the signed-in admin (its facility), or the server host's CLI (actorId null). */
export interface Actor {
  id: string | null;
  facilityId: string;
}

export async function listStaff(ctx: ServerContext, facilityId: string) {
  const rows = await ctx.db
    .selectFrom('staff_users')
    .select(['id', 'email', 'display_name', 'role', 'status', 'created_at'])
    .where('facility_id', '=', facilityId)
    .orderBy('email')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    role: r.role,
    status: r.status,
    createdAt: r.created_at,
  }));
}

async function memberOf(w: Writer, actor: Actor, staffId: string) {
  const member = await w.trx
    .selectFrom('staff_users')
    .select(['id', 'email', 'role', 'status'])
    .where('id', '=', staffId)
    .where('facility_id', '=', actor.facilityId)
    .executeTakeFirst();
  if (!member) throw new HttpError(404, 'not_found', 'No such staff member in this facility.');
  return member;
}

/** An admin may not leave the facility without one: the last active admin keeps the role. */
async function keepsAnAdmin(w: Writer, facilityId: string, leaving: string): Promise<void> {
  const others = await w.trx
    .selectFrom('staff_users')
    .select('id')
    .where('facility_id', '=', facilityId)
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .where('id', '!=', leaving)
    .limit(1)
    .executeTakeFirst();
  if (!others) throw new HttpError(409, 'last_admin', 'The facility must keep one active admin.');
}

/**
 * A new staff member: one account per person (the email is unique), 'invited'
 * until the mailed link (7 days) is followed and a password chosen.
 */
export async function inviteStaff(
  ctx: ServerContext,
  actor: Actor,
  input: { email: string; displayName: string; role: StaffRole },
  mail: { mailer: Mailer; baseUrl: string },
) {
  const email = input.email.trim().toLowerCase();
  const { id, token } = await write(ctx, async (w) => {
    const taken = await w.trx.selectFrom('staff_users').select('id').where('email', '=', email).executeTakeFirst();
    if (taken) throw new HttpError(409, 'email_taken', 'There is already a staff account with this email.');
    const staffId = uuidv7();
    await w.trx
      .insertInto('staff_users')
      .values({
        id: staffId,
        facility_id: actor.facilityId,
        email,
        display_name: input.displayName,
        role: input.role,
        password_hash: '',
        created_at: w.now,
        status: 'invited',
        security_question: null,
        security_answer_hash: null,
      })
      .execute();
    await recordAudit(w.trx, {
      facilityId: actor.facilityId,
      actorId: actor.id,
      at: w.now,
      action: 'staff.invite',
      target: staffId,
      newValue: { email, role: input.role },
    });
    return { id: staffId, token: await createStaffLink(w.trx, { purpose: 'invite', staffId, now: w.now }) };
  });
  const link = staffLinkUrl(mail.baseUrl, 'invite', token);
  await mail.mailer.send({
    to: email,
    subject: 'Your staff account / Su cuenta de personal',
    text:
      `Hello ${input.displayName},\n\nOpen this link within 7 days to choose your password:\n${link}\n\n` +
      `Abra este enlace en los próximos 7 días para elegir su contraseña:\n${link}`,
    link,
  });
  return { id };
}

export async function setStaffRole(ctx: ServerContext, actor: Actor, staffId: string, role: StaffRole) {
  await write(ctx, async (w) => {
    const member = await memberOf(w, actor, staffId);
    if (member.role === role) return;
    if (member.role === 'admin') await keepsAnAdmin(w, actor.facilityId, staffId);
    await w.trx.updateTable('staff_users').set({ role }).where('id', '=', staffId).execute();
    // The new role applies to the next request; sessions stay (roles are read on every request).
    await recordAudit(w.trx, {
      facilityId: actor.facilityId,
      actorId: actor.id,
      at: w.now,
      action: 'staff.role',
      target: staffId,
      oldValue: member.role,
      newValue: role,
    });
  });
}

/** Deactivated: signed out everywhere, open links spent, never signs in again (the row stays for the audit). */
export async function deactivateStaff(ctx: ServerContext, actor: Actor, staffId: string) {
  await write(ctx, async (w) => {
    const member = await memberOf(w, actor, staffId);
    if (member.status === 'deactivated') return;
    if (member.role === 'admin') await keepsAnAdmin(w, actor.facilityId, staffId);
    await w.trx.updateTable('staff_users').set({ status: 'deactivated' }).where('id', '=', staffId).execute();
    await w.trx.deleteFrom('web_sessions').where('kind', '=', 'staff').where('account_id', '=', staffId).execute();
    await spendOpenLinks(w.trx, staffId, w.now);
    await recordAudit(w.trx, {
      facilityId: actor.facilityId,
      actorId: actor.id,
      at: w.now,
      action: 'staff.deactivate',
      target: staffId,
      oldValue: member.status,
      newValue: 'deactivated',
    });
  });
}

/** What a staff link's page shows before its form: which account and why. */
export async function describeStaffLink(ctx: ServerContext, token: string) {
  const link = await usableLink(ctx.db, token, ctx.now());
  if (link.purpose === 'setup' || !link.staff_id) return { purpose: link.purpose, email: null };
  const member = await ctx.db
    .selectFrom('staff_users')
    .select('email')
    .where('id', '=', link.staff_id)
    .executeTakeFirstOrThrow();
  return { purpose: link.purpose, email: member.email };
}

export const AcceptLinkInput = z
  .object({
    token: z.string().min(10).max(200),
    password: z.string().max(200),
    securityQuestion: z.string().trim().min(3).max(200),
    securityAnswer: z.string().trim().min(1).max(200),
  })
  .strict();

/** An invitation accepted, or a password reset made on the server host used: a new password, signed out elsewhere. */
export async function acceptStaffLink(ctx: ServerContext, input: z.infer<typeof AcceptLinkInput>): Promise<string> {
  checkPassword(input.password);
  const passwordHash = JSON.stringify(await hasher.hash(input.password));
  const answerHash = JSON.stringify(await hasher.hash(normalizeAnswer(input.securityAnswer)));
  return write(ctx, async (w) => {
    const link = await spendLink(w.trx, input.token, ['invite', 'reset'], w.now);
    const member = await w.trx
      .selectFrom('staff_users')
      .select(['id', 'facility_id', 'status'])
      .where('id', '=', link.staff_id ?? '')
      .executeTakeFirst();
    if (!member || member.status === 'deactivated')
      throw new HttpError(410, 'link_expired', 'This link was used or has expired. Ask for a new one.');
    await w.trx
      .updateTable('staff_users')
      .set({
        password_hash: passwordHash,
        status: 'active',
        security_question: input.securityQuestion,
        security_answer_hash: answerHash,
      })
      .where('id', '=', member.id)
      .execute();
    await w.trx.deleteFrom('web_sessions').where('kind', '=', 'staff').where('account_id', '=', member.id).execute();
    await recordAudit(w.trx, {
      facilityId: member.facility_id,
      actorId: member.id,
      at: w.now,
      action: link.purpose === 'invite' ? 'staff.invite_accepted' : 'staff.password_reset',
      target: member.id,
    });
    return member.id;
  });
}

/**
 * `admin reset-password EMAIL` on the server host: a one-time link (1 h)
 * printed there, never sent over the network. Audited with no actor.
 */
export async function hostResetLink(ctx: ServerContext, emailInput: string): Promise<string> {
  const email = emailInput.trim().toLowerCase();
  return write(ctx, async (w) => {
    const member = await w.trx
      .selectFrom('staff_users')
      .select(['id', 'facility_id', 'status'])
      .where('email', '=', email)
      .executeTakeFirst();
    if (!member) throw new HttpError(404, 'not_found', `No staff account with the email ${email}.`);
    if (member.status === 'deactivated')
      throw new HttpError(409, 'deactivated', `${email} is deactivated and stays closed.`);
    await spendOpenLinks(w.trx, member.id, w.now);
    await recordAudit(w.trx, {
      facilityId: member.facility_id,
      actorId: null,
      at: w.now,
      action: 'staff.reset_link',
      target: member.id,
    });
    return createStaffLink(w.trx, { purpose: 'reset', staffId: member.id, now: w.now });
  });
}
