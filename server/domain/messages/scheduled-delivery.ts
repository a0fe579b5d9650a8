import { write, type ServerContext } from '../context';

/**
 * Messages scheduled for later (a videogram for a birthday) are invisible to
 * devices until their time; this puts them in the change log when it comes.
 * Runs every few seconds; each due message is announced once.
 */
export async function announceDueMessages(ctx: ServerContext): Promise<number> {
  const now = ctx.now();
  const due = await ctx.db
    .selectFrom('messages')
    .innerJoin('inmates', 'inmates.id', 'messages.inmate_id')
    .select(['messages.id', 'messages.inmate_id', 'inmates.facility_id', 'inmates.unit_id'])
    .where('messages.delivery_announced', '=', 0)
    .where('messages.deliver_at', '<=', now)
    .limit(500)
    .execute();
  if (due.length === 0) return 0;
  await write(ctx, async (w) => {
    for (const message of due) {
      await w.trx.updateTable('messages').set({ delivery_announced: 1 }).where('id', '=', message.id).execute();
      await w.changed('messages', message.id, {
        facilityId: message.facility_id,
        unitId: message.unit_id,
        inmateId: message.inmate_id,
      });
    }
  });
  return due.length;
}
