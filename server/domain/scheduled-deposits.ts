import { uuidv7 } from 'uuidv7';
import { write, type ServerContext } from './context';
import { depositFee, FeeSchedule } from './facility-settings';
import { addLedgerEntry } from './ledger';

/** The next run of a recurring deposit: a week later, or the same day next month (the 31st becomes the month's last day). */
export function nextRun(at: number, recurrence: 'once' | 'weekly' | 'monthly'): number | null {
  if (recurrence === 'once') return null;
  if (recurrence === 'weekly') return at + 7 * 86_400_000;
  const date = new Date(at);
  const day = date.getUTCDate();
  const next = new Date(
    Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1, date.getUTCHours(), date.getUTCMinutes()),
  );
  const lastDay = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
  next.setUTCDate(Math.min(day, lastDay));
  return next.getTime();
}

/**
 * Runs the scheduled and recurring deposits that are due: each run is the
 * deposit and the facility fee on the ledger, and the schedule moves on, in
 * one transaction (a crash never runs one twice or skips one).
 */
export async function runDueDeposits(ctx: ServerContext): Promise<number> {
  const due = await ctx.db
    .selectFrom('scheduled_deposits')
    .innerJoin('inmates', 'inmates.id', 'scheduled_deposits.inmate_id')
    .innerJoin('facilities', 'facilities.id', 'inmates.facility_id')
    .select([
      'scheduled_deposits.id',
      'scheduled_deposits.inmate_id',
      'scheduled_deposits.amount_cents',
      'scheduled_deposits.next_at',
      'scheduled_deposits.recurrence',
      'scheduled_deposits.from_name',
      'scheduled_deposits.family_id',
      'inmates.facility_id',
      'inmates.unit_id',
      'inmates.status',
      'facilities.fee_schedule',
    ])
    .where('scheduled_deposits.active', '=', 1)
    .where('scheduled_deposits.next_at', '<=', ctx.now())
    .limit(200)
    .execute();
  for (const d of due) {
    await write(ctx, async (w) => {
      // Re-read inside the transaction: another run may have taken it.
      const current = await w.trx
        .selectFrom('scheduled_deposits')
        .select(['next_at', 'active'])
        .where('id', '=', d.id)
        .executeTakeFirst();
      if (!current || current.active !== 1 || current.next_at !== d.next_at) return;
      const scope = { facilityId: d.facility_id, unitId: d.unit_id, inmateId: d.inmate_id };
      const next = d.status === 'active' ? nextRun(d.next_at, d.recurrence) : null;
      const fee = depositFee(FeeSchedule.parse(JSON.parse(d.fee_schedule)), d.amount_cents);
      await w.trx
        .insertInto('deposit_receipts')
        .values({
          id: uuidv7(),
          family_id: d.family_id,
          inmate_id: d.inmate_id,
          schedule_id: d.id,
          amount_cents: d.amount_cents,
          fee_cents: d.status === 'active' ? fee : 0,
          status: d.status === 'active' ? 'completed' : 'not_delivered',
          at: w.now,
        })
        .execute();
      if (d.status === 'active') {
        await addLedgerEntry(w, scope, {
          kind: 'deposit',
          amountCents: d.amount_cents,
          description: `Deposit from ${d.from_name}`,
          refId: d.id,
        });
        if (fee > 0)
          await addLedgerEntry(w, scope, { kind: 'fee', amountCents: -fee, description: 'Deposit fee', refId: d.id });
      }
      await w.trx
        .updateTable('scheduled_deposits')
        .set(next === null ? { active: 0 } : { next_at: next })
        .where('id', '=', d.id)
        .execute();
      await w.changed('scheduled_deposits', d.id, scope);
    });
  }
  return due.length;
}
