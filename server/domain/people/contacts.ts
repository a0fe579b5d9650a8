import { uuidv7 } from 'uuidv7';
import { HttpError } from '../../http/http-error';
import { inmateScope, write, type ServerContext } from '../context';

/** A family member's approved contact, or a 404 (never someone else's). */
export async function ownContact(ctx: ServerContext, familyId: string, contactId: string, approved = true) {
  const contact = await ctx.db
    .selectFrom('contacts')
    .selectAll()
    .where('id', '=', contactId)
    .where('family_id', '=', familyId)
    .executeTakeFirst();
  if (!contact) throw new HttpError(404, 'not_found', 'No such contact.');
  if (approved && contact.status !== 'approved')
    throw new HttpError(409, 'contact_not_approved', 'Staff have not approved this contact yet.');
  return contact;
}

/** The facility an inmate is in, with its rules, and the inmate's status. */
export async function facilityOfInmate(ctx: ServerContext, inmateId: string) {
  return ctx.db
    .selectFrom('inmates')
    .innerJoin('facilities', 'facilities.id', 'inmates.facility_id')
    .select([
      'facilities.id',
      'facilities.name',
      'facilities.settings',
      'facilities.fee_schedule',
      'facilities.review_policy',
      'inmates.status',
    ])
    .where('inmates.id', '=', inmateId)
    .executeTakeFirstOrThrow();
}

/** Asks to be an inmate's contact; staff approve it before anything can be sent. */
export async function requestContact(
  ctx: ServerContext,
  familyId: string,
  input: { docNumber: string; relationship: string | null },
) {
  const family = await ctx.db
    .selectFrom('family_accounts')
    .select('display_name')
    .where('id', '=', familyId)
    .executeTakeFirstOrThrow();
  const inmate = await ctx.db
    .selectFrom('inmates')
    .select(['id', 'facility_id', 'unit_id'])
    .where('doc_number', '=', input.docNumber.trim())
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (!inmate) throw new HttpError(404, 'inmate_not_found', 'No one with this DOC number is at a facility here.');
  const existing = await ctx.db
    .selectFrom('contacts')
    .select(['id', 'status'])
    .where('inmate_id', '=', inmate.id)
    .where('family_id', '=', familyId)
    .executeTakeFirst();
  if (existing) return existing;
  const id = uuidv7();
  await write(ctx, async (w) => {
    await w.trx
      .insertInto('contacts')
      .values({
        id,
        inmate_id: inmate.id,
        family_id: familyId,
        display_name: family.display_name,
        relationship: input.relationship,
        status: 'pending',
        updated_at: w.now,
      })
      .execute();
    await w.changed('contacts', id, { facilityId: inmate.facility_id, unitId: inmate.unit_id, inmateId: inmate.id });
  });
  return { id, status: 'pending' as const };
}

export async function approveContact(
  ctx: ServerContext,
  facilityId: string,
  contactId: string,
  approve: boolean,
): Promise<void> {
  await write(ctx, async (w) => {
    const contact = await w.trx
      .selectFrom('contacts')
      .innerJoin('inmates', 'inmates.id', 'contacts.inmate_id')
      .select(['contacts.id', 'contacts.inmate_id', 'inmates.facility_id'])
      .where('contacts.id', '=', contactId)
      .executeTakeFirst();
    if (!contact || contact.facility_id !== facilityId) throw new HttpError(404, 'not_found', 'No such contact.');
    await w.trx
      .updateTable('contacts')
      .set({ status: approve ? 'approved' : 'blocked', updated_at: w.now })
      .where('id', '=', contactId)
      .execute();
    await w.changed('contacts', contactId, await inmateScope(w.trx, contact.inmate_id));
  });
}
