import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { StaffLinksTable } from '../../db/schema-accounts';
import { HttpError } from '../../http/http-error';
import { sha256Hex } from '../tokens';

type Db = Kysely<Database> | Transaction<Database>;
export type LinkPurpose = StaffLinksTable['purpose'];

/** How long each kind of link can be used. */
const LINK_TTL_MS: Record<LinkPurpose, number> = {
  setup: 24 * 3_600_000,
  invite: 7 * 24 * 3_600_000,
  reset: 3_600_000,
};

const expired = () => new HttpError(410, 'link_expired', 'This link was used or has expired. Ask for a new one.');

/** A new one-time link's token (only its hash is stored; the token is shown or mailed once). */
export async function createStaffLink(
  trx: Db,
  input: { purpose: LinkPurpose; staffId: string | null; now: number },
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await trx
    .insertInto('staff_links')
    .values({
      token_hash: sha256Hex(token),
      purpose: input.purpose,
      staff_id: input.staffId,
      created_at: input.now,
      expires_at: input.now + LINK_TTL_MS[input.purpose],
      used_at: null,
    })
    .execute();
  return token;
}

/** A link that can still be used, without using it (the page asks before showing its form). */
export async function usableLink(db: Db, token: string, now: number) {
  const row = await db
    .selectFrom('staff_links')
    .selectAll()
    .where('token_hash', '=', sha256Hex(token))
    .executeTakeFirst();
  if (!row || row.used_at !== null || row.expires_at <= now) throw expired();
  return row;
}

/**
 * Uses a link once: one conditional UPDATE, so two requests with the same
 * token at once get one success and one `link_expired`.
 */
export async function spendLink(trx: Db, token: string, purposes: readonly LinkPurpose[], now: number) {
  const row = await usableLink(trx, token, now);
  if (!purposes.includes(row.purpose)) throw expired();
  const spent = await trx
    .updateTable('staff_links')
    .set({ used_at: now })
    .where('token_hash', '=', row.token_hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(spent.numUpdatedRows) !== 1) throw expired();
  return row;
}

/** Every link still open for a staff member (or every setup link) is spent: a newer one replaces them. */
export async function spendOpenLinks(trx: Db, staffId: string | null, now: number): Promise<void> {
  let query = trx.updateTable('staff_links').set({ used_at: now }).where('used_at', 'is', null);
  query = staffId === null ? query.where('purpose', '=', 'setup') : query.where('staff_id', '=', staffId);
  await query.execute();
}

/** The console page a link opens (the token in the fragment never reaches a server log or a Referer). */
export const staffLinkUrl = (baseUrl: string, purpose: LinkPurpose, token: string) =>
  `${baseUrl}/portal/#${purpose === 'setup' ? 'setup' : 'staff-link'}?token=${encodeURIComponent(token)}`;
