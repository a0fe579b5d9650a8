import { uuidv7 } from 'uuidv7';
import { HttpError } from '../../http/http-error';
import { write, type ServerContext, type Writer } from '../context';
import { recordAudit } from './audit';
import type { Actor } from './staff-accounts';

export async function listUnits(ctx: ServerContext, facilityId: string) {
  const units = await ctx.db
    .selectFrom('units')
    .leftJoin('inmates', (join) => join.onRef('inmates.unit_id', '=', 'units.id').on('inmates.status', '=', 'active'))
    .select(({ fn }) => ['units.id', 'units.name', fn.count<number>('inmates.id').as('inmates')])
    .where('units.facility_id', '=', facilityId)
    .groupBy(['units.id', 'units.name'])
    .orderBy('units.name')
    .execute();
  return units.map((u) => ({ id: u.id, name: u.name, inmates: u.inmates }));
}

async function nameFree(w: Writer, facilityId: string, name: string, except: string | null) {
  let query = w.trx
    .selectFrom('units')
    .select('id')
    .where('facility_id', '=', facilityId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()));
  if (except) query = query.where('id', '!=', except);
  if (await query.executeTakeFirst())
    throw new HttpError(409, 'unit_exists', 'There is already a unit with this name.', { name });
}

/** A new housing unit: kiosks are enrolled to one, announcements may target one; devices get it by sync. */
export async function createUnit(ctx: ServerContext, actor: Actor, name: string) {
  return write(ctx, async (w) => {
    await nameFree(w, actor.facilityId, name, null);
    const id = uuidv7();
    await w.trx.insertInto('units').values({ id, facility_id: actor.facilityId, name }).execute();
    await w.changed('units', id, { facilityId: actor.facilityId });
    await recordAudit(w.trx, {
      facilityId: actor.facilityId,
      actorId: actor.id,
      at: w.now,
      action: 'unit.create',
      target: id,
      newValue: name,
    });
    return { id, name };
  });
}

export async function renameUnit(ctx: ServerContext, actor: Actor, unitId: string, name: string) {
  return write(ctx, async (w) => {
    const unit = await w.trx
      .selectFrom('units')
      .select(['id', 'name'])
      .where('id', '=', unitId)
      .where('facility_id', '=', actor.facilityId)
      .executeTakeFirst();
    if (!unit) throw new HttpError(404, 'not_found', 'No such unit in this facility.');
    if (unit.name === name) return { id: unitId, name };
    await nameFree(w, actor.facilityId, name, unitId);
    await w.trx.updateTable('units').set({ name }).where('id', '=', unitId).execute();
    await w.changed('units', unitId, { facilityId: actor.facilityId });
    await recordAudit(w.trx, {
      facilityId: actor.facilityId,
      actorId: actor.id,
      at: w.now,
      action: 'unit.rename',
      target: unitId,
      oldValue: unit.name,
      newValue: name,
    });
    return { id: unitId, name };
  });
}
