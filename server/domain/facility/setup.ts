import type { Kysely, Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { DEFAULT_FACILITY_SETTINGS } from '../../../shared/domain/facility-settings';
import { nodeScrypt } from '../../../shared/node/scrypt';
import { normalizeAnswer, secretHasher } from '../../../shared/sync/secret-hash';
import { checkPassword } from '../../accounts/password-rules';
import type { Database } from '../../db/schema';
import { HttpError } from '../../http/http-error';
import { write, type ServerContext } from '../context';
import { DEFAULT_FEE_SCHEDULE, policyForMode } from '../facility-settings';
import { recordAudit } from './audit';
import { FacilityIdentity } from './facility-identity';
import { createStaffLink, spendLink, spendOpenLinks } from './staff-links';

const hasher = secretHasher(nodeScrypt);

/** What the setup page sends: the facility, and its first admin (who signs in with it at once). */
export const SetupInput = z
  .object({
    token: z.string().min(10).max(200),
    facility: FacilityIdentity,
    admin: z
      .object({
        email: z.email().max(200),
        displayName: z.string().trim().min(1).max(100),
        password: z.string().max(200),
        securityQuestion: z.string().trim().min(3).max(200),
        securityAnswer: z.string().trim().min(1).max(200),
      })
      .strict(),
  })
  .strict();
export type SetupInput = z.infer<typeof SetupInput>;

/** Set up: an active admin exists (the demo seed makes one too). Until then only the setup page works. */
export async function isSetUp(db: Kysely<Database> | Transaction<Database>): Promise<boolean> {
  const admin = await db
    .selectFrom('staff_users')
    .select('id')
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .limit(1)
    .executeTakeFirst();
  return admin !== undefined;
}

/**
 * On a start with no admin: a new one-time setup link (24 h; any earlier
 * one is spent, so only the newest printed link works). Null once an admin
 * exists: a second start never prints one.
 */
export async function issueSetupLink(ctx: ServerContext): Promise<string | null> {
  if (await isSetUp(ctx.db)) return null;
  return write(ctx, async ({ trx, now }) => {
    await spendOpenLinks(trx, null, now);
    return createStaffLink(trx, { purpose: 'setup', staffId: null, now });
  });
}

/** Creates the facility and its first admin with the setup link (once); returns the admin's id. */
export async function completeSetup(ctx: ServerContext, input: SetupInput): Promise<string> {
  checkPassword(input.admin.password);
  const passwordHash = JSON.stringify(await hasher.hash(input.admin.password));
  const answerHash = JSON.stringify(await hasher.hash(normalizeAnswer(input.admin.securityAnswer)));
  return write(ctx, async (w) => {
    const { trx, now } = w;
    await spendLink(trx, input.token, ['setup'], now);
    if (await isSetUp(trx)) throw new HttpError(409, 'already_set_up', 'This facility is already set up.');
    const facilityId = uuidv7();
    const adminId = uuidv7();
    const facility = {
      id: facilityId,
      name: input.facility.name,
      time_zone: input.facility.timeZone,
      locale: input.facility.locale,
      currency: input.facility.currency,
      settings: JSON.stringify(DEFAULT_FACILITY_SETTINGS),
      fee_schedule: JSON.stringify(DEFAULT_FEE_SCHEDULE),
      review_policy: JSON.stringify(policyForMode('all')),
      updated_at: now,
    };
    await trx.insertInto('facilities').values(facility).execute();
    await w.changed('facilities', facilityId, { facilityId });
    await trx
      .insertInto('staff_users')
      .values({
        id: adminId,
        facility_id: facilityId,
        email: input.admin.email.trim().toLowerCase(),
        display_name: input.admin.displayName,
        role: 'admin',
        password_hash: passwordHash,
        created_at: now,
        status: 'active',
        security_question: input.admin.securityQuestion,
        security_answer_hash: answerHash,
      })
      .execute();
    await recordAudit(trx, {
      facilityId,
      actorId: adminId,
      at: now,
      action: 'facility.setup',
      target: facilityId,
      newValue: { ...input.facility, admin: input.admin.email.trim().toLowerCase() },
    });
    return adminId;
  });
}
