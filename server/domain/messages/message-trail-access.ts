import type { MessageTrail } from '../../../shared/domain/message-trail';
import { HttpError } from '../../http/http-error';
import type { ServerContext } from '../context';
import { messageTrail } from './message-events';

const notFound = () => new HttpError(404, 'not_found', 'No such message.');

/** A family's own message (to or from one of their contacts), as the family may see its trail. */
export async function familyTrail(ctx: ServerContext, familyId: string, messageId: string): Promise<MessageTrail> {
  const row = await ctx.db
    .selectFrom('messages')
    .innerJoin('contacts', 'contacts.id', 'messages.contact_id')
    .select(['contacts.family_id', 'messages.direction', 'messages.status'])
    .where('messages.id', '=', messageId)
    .executeTakeFirst();
  // A reply the family cannot see yet (in review, rejected) is not theirs to trace: it does not exist for them.
  if (!row || row.family_id !== familyId) throw notFound();
  if (row.direction === 'out' && row.status !== 'approved' && row.status !== 'delivered') throw notFound();
  const trail = await messageTrail(ctx, messageId, 'family');
  if (!trail) throw notFound();
  return trail;
}

/**
 * A technician at a device looks a message up by its id (server or outbox id) from the diagnostics
 * screen: any message of the device's people, in review or refused too, as a technician may see it.
 * The device vouches for the technician's sign-in (checked offline on the device); the server checks the
 * named technician is an active one of the device's facility, so a device alone cannot ask.
 */
export async function technicianTrail(
  ctx: ServerContext,
  device: { facility_id: string },
  allowedInmates: readonly string[],
  technicianId: string,
  id: string,
): Promise<MessageTrail> {
  const technician = await ctx.db
    .selectFrom('technicians')
    .select('id')
    .where('id', '=', technicianId)
    .where('facility_id', '=', device.facility_id)
    .where('active', '=', 1)
    .executeTakeFirst();
  if (!technician) throw new HttpError(403, 'forbidden', 'Not a technician of this facility.');
  const row = await ctx.db
    .selectFrom('messages')
    .select(['id', 'inmate_id'])
    .where((eb) => eb.or([eb('id', '=', id), eb('client_op_id', '=', id)]))
    .executeTakeFirst();
  if (!row || !allowedInmates.includes(row.inmate_id)) throw notFound();
  const trail = await messageTrail(ctx, row.id, 'technician');
  if (!trail) throw notFound();
  return trail;
}

/**
 * An inmate's message, for a device that may act for them: by the server's
 * id or by the outbox id the device pushed it with. An incoming message in
 * review or rejected is not shown to the inmate, so neither is its trail.
 */
export async function inmateTrail(
  ctx: ServerContext,
  allowedInmates: readonly string[],
  id: string,
): Promise<MessageTrail> {
  const row = await ctx.db
    .selectFrom('messages')
    .select(['id', 'inmate_id', 'direction', 'status'])
    .where((eb) => eb.or([eb('id', '=', id), eb('client_op_id', '=', id)]))
    .executeTakeFirst();
  if (!row || !allowedInmates.includes(row.inmate_id)) throw notFound();
  if (row.direction === 'in' && row.status !== 'approved' && row.status !== 'delivered') throw notFound();
  const trail = await messageTrail(ctx, row.id, 'inmate');
  if (!trail) throw notFound();
  return trail;
}
