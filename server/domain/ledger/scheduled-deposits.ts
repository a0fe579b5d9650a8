import { uuidv7 } from 'uuidv7';
import { HttpError } from '../../http/http-error';
import type { Mailer } from '../../mail/mailer';
import type { PaymentProvider } from '../../payments/payment-provider';
import { write, type ServerContext } from '../context';
import { declinedDepositMail, type DeclinedRun } from './deposit-mail';
import { facilityDepositFee } from '../facility-settings';
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

/** A run claimed but not settled for this long was interrupted (a crash mid-charge) and is finished again. */
const STALE_CLAIM_MS = 5 * 60_000;

interface Claim {
  runId: string;
  scheduleId: string;
  amountCents: number;
  token: string | null;
  /** Made before runs were charged: its first run was paid when it was set up. */
  prepaid: boolean;
}

/**
 * Claims the due run of one schedule and moves the schedule on, in one
 * transaction: the run is unique per schedule and due time, so two
 * schedulers (or a second pass) can never claim, and so charge, it twice.
 */
async function claim(ctx: ServerContext, scheduleId: string, dueAt: number): Promise<Claim | null> {
  return write(ctx, async (w) => {
    const schedule = await w.trx
      .selectFrom('scheduled_deposits')
      .innerJoin('inmates', 'inmates.id', 'scheduled_deposits.inmate_id')
      .select([
        'scheduled_deposits.next_at',
        'scheduled_deposits.active',
        'scheduled_deposits.recurrence',
        'scheduled_deposits.amount_cents',
        'scheduled_deposits.payment_token',
        'scheduled_deposits.inmate_id',
        'inmates.facility_id',
        'inmates.unit_id',
        'inmates.status',
      ])
      .where('scheduled_deposits.id', '=', scheduleId)
      .executeTakeFirst();
    if (!schedule || schedule.active !== 1 || schedule.next_at !== dueAt) return null;
    const earlier = await w.trx
      .selectFrom('deposit_runs')
      .select('id')
      .where('schedule_id', '=', scheduleId)
      .limit(1)
      .executeTakeFirst();
    const released = schedule.status !== 'active';
    const noMethod = schedule.payment_token === null && earlier !== undefined;
    const next = released || noMethod ? null : nextRun(dueAt, schedule.recurrence);
    const runId = uuidv7();
    await w.trx
      .insertInto('deposit_runs')
      .values({
        id: runId,
        schedule_id: scheduleId,
        due_at: dueAt,
        status: released || noMethod ? 'skipped' : 'charging',
        payment_reference: null,
        problem: released ? 'released' : noMethod ? 'no_payment_method' : null,
        created_at: w.now,
        settled_at: released || noMethod ? w.now : null,
      })
      .execute();
    await w.trx
      .updateTable('scheduled_deposits')
      .set(next === null ? { active: 0 } : { next_at: next })
      .where('id', '=', scheduleId)
      .execute();
    await w.changed('scheduled_deposits', scheduleId, {
      facilityId: schedule.facility_id,
      unitId: schedule.unit_id,
      inmateId: schedule.inmate_id,
    });
    if (released || noMethod) return null;
    return {
      runId,
      scheduleId,
      amountCents: schedule.amount_cents,
      token: schedule.payment_token,
      prepaid: schedule.payment_token === null,
    };
  });
}

/**
 * Settles a claimed run: a charged one credits the deposit and the facility
 * fee; a declined one credits nothing and returns what the family's email
 * about it says. Only the pass that moves the run out of 'charging' gets
 * that back, so there is one mail per declined run however many passes race.
 */
async function settle(
  ctx: ServerContext,
  run: Claim,
  outcome: { reference: string } | { problem: string },
): Promise<DeclinedRun | null> {
  return write(ctx, async (w) => {
    const current = await w.trx
      .selectFrom('deposit_runs')
      .innerJoin('scheduled_deposits', 'scheduled_deposits.id', 'deposit_runs.schedule_id')
      .innerJoin('inmates', 'inmates.id', 'scheduled_deposits.inmate_id')
      .innerJoin('facilities', 'facilities.id', 'inmates.facility_id')
      .innerJoin('family_accounts', 'family_accounts.id', 'scheduled_deposits.family_id')
      .select([
        'deposit_runs.status',
        'deposit_runs.due_at',
        'scheduled_deposits.inmate_id',
        'scheduled_deposits.from_name',
        'scheduled_deposits.family_id',
        'scheduled_deposits.recurrence',
        'scheduled_deposits.active',
        'scheduled_deposits.next_at',
        'inmates.facility_id',
        'inmates.unit_id',
        'inmates.first_name',
        'inmates.last_name',
        'facilities.fee_schedule',
        'facilities.time_zone',
        'family_accounts.email',
        'family_accounts.display_name',
      ])
      .where('deposit_runs.id', '=', run.runId)
      .executeTakeFirstOrThrow();
    if (current.status !== 'charging') return null; // settled by another pass
    if ('problem' in outcome) {
      const declined = await w.trx
        .updateTable('deposit_runs')
        .set({ status: 'declined', problem: outcome.problem, settled_at: w.now })
        .where('id', '=', run.runId)
        .where('status', '=', 'charging')
        .executeTakeFirst();
      // The status guard is what makes the mail once per run, whatever the read above saw.
      if (Number(declined.numUpdatedRows) !== 1) return null;
      return {
        runId: run.runId,
        email: current.email,
        familyName: current.display_name,
        inmateName: `${current.first_name} ${current.last_name}`,
        amountCents: run.amountCents,
        recurrence: current.recurrence,
        dueAt: current.due_at,
        // claim() already moved the schedule on (or ended it), so this is the run after the declined one.
        nextAt: current.active === 1 ? current.next_at : null,
        timeZone: current.time_zone,
      };
    }
    const scope = { facilityId: current.facility_id, unitId: current.unit_id, inmateId: current.inmate_id };
    const fee = facilityDepositFee(current, run.amountCents);
    await addLedgerEntry(w, scope, {
      kind: 'deposit',
      amountCents: run.amountCents,
      label: { code: 'deposit', from: current.from_name },
      refId: run.runId,
    });
    if (fee > 0)
      await addLedgerEntry(w, scope, {
        kind: 'fee',
        amountCents: -fee,
        label: { code: 'deposit_fee' },
        refId: run.runId,
      });
    // The family's receipt for this run (their deposit history).
    await w.trx
      .insertInto('deposit_receipts')
      .values({
        id: run.runId,
        family_id: current.family_id,
        inmate_id: current.inmate_id,
        schedule_id: run.scheduleId,
        amount_cents: run.amountCents,
        fee_cents: fee,
        status: 'completed',
        at: w.now,
      })
      .execute();
    await w.trx
      .updateTable('deposit_runs')
      .set({ status: 'charged', payment_reference: outcome.reference, settled_at: w.now })
      .where('id', '=', run.runId)
      .execute();
    return null;
  });
}

/** Charges a claimed run and settles it; a declined run comes back (committed) for the family's email. */
async function charge(ctx: ServerContext, payments: PaymentProvider, run: Claim): Promise<DeclinedRun | null> {
  if (run.prepaid) return settle(ctx, run, { reference: 'paid-when-scheduled' });
  let outcome: { reference: string } | { problem: string };
  try {
    outcome = await payments.charge({
      amountCents: run.amountCents,
      token: run.token ?? '',
      description: 'Trust account deposit (scheduled)',
      idempotencyKey: run.runId,
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // A decline is final for this run; anything else (processor down) leaves the claim to be finished later.
    if (code !== 'payment_declined') throw error;
    outcome = { problem: 'payment_declined' };
  }
  return settle(ctx, run, outcome);
}

/** How the family hears of a declined run: the server's mailer and the portal's address. */
export interface DeclinedMail {
  mailer: Mailer;
  /** The address families open (links in email); read when a mail is written, as it is known only once listening. */
  baseUrl: () => string;
  /** A mail that could not be handed over: logged, never retried (see runDueDeposits). */
  onError: (error: unknown, runId: string) => void;
}

/**
 * Emails the family about a run already declined and committed. A failing
 * mailer is reported to onError and goes no further: the run stays
 * declined, the schedule goes on, and the portal shows the declined run.
 */
async function mailDeclined(mail: DeclinedMail, run: DeclinedRun): Promise<void> {
  try {
    await mail.mailer.send(declinedDepositMail(run, mail.baseUrl()));
  } catch (error) {
    mail.onError(error, run.runId);
  }
}

/**
 * Runs the scheduled and recurring deposits that are due. Every run charges
 * the family's payment method through the provider (with the run's id as
 * the idempotency key) and only then credits the inmate: deposit and fee on
 * the ledger. A declined run credits nothing and the schedule goes on; a
 * run interrupted between charge and credit is finished on a later pass,
 * charged again with the same key (so never twice).
 *
 * With `mail`, the family is emailed about each run this pass declined, once
 * the decline has committed. The mail is not in the transaction: a crash
 * between the commit and the send loses that one mail, and nothing resends
 * it (no outbox). That is accepted: the decline itself is never lost, moves
 * no money, and a recurring schedule's declined run stays on the portal's
 * deposit list. Without `mail` (callers that are not the server's scheduler)
 * no email is sent.
 */
export async function runDueDeposits(
  ctx: ServerContext,
  payments: PaymentProvider,
  mail?: DeclinedMail,
): Promise<number> {
  const now = ctx.now();
  const due = await ctx.db
    .selectFrom('scheduled_deposits')
    .select(['id', 'next_at'])
    .where('active', '=', 1)
    .where('next_at', '<=', now)
    // The longest overdue first, so a backlog over 200 is worked off in order on any database.
    .orderBy('next_at')
    .orderBy('id')
    .limit(200)
    .execute();
  let ran = 0;
  // One run failing (the processor unreachable) must not hold back the others; the first failure is rethrown at the end.
  const failures: unknown[] = [];
  // Mails go out while later runs are charged (a slow relay holds none of them back); the pass ends when all are handed over.
  const mails: Promise<void>[] = [];
  const declined = (run: DeclinedRun | null) => {
    if (run && mail) mails.push(mailDeclined(mail, run));
  };
  for (const d of due) {
    let claimed: Claim | null;
    try {
      claimed = await claim(ctx, d.id, d.next_at);
    } catch (error) {
      // Another scheduler claimed the same run first (unique per schedule and due time).
      if (/unique|constraint/i.test(String(error))) continue;
      throw error;
    }
    if (!claimed) continue;
    ran += 1;
    await charge(ctx, payments, claimed).then(declined, (error: unknown) => failures.push(error));
  }
  const stale = await ctx.db
    .selectFrom('deposit_runs')
    .innerJoin('scheduled_deposits', 'scheduled_deposits.id', 'deposit_runs.schedule_id')
    .select([
      'deposit_runs.id',
      'deposit_runs.schedule_id',
      'scheduled_deposits.amount_cents',
      'scheduled_deposits.payment_token',
    ])
    .where('deposit_runs.status', '=', 'charging')
    .where('deposit_runs.created_at', '<', now - STALE_CLAIM_MS)
    .limit(50)
    .execute();
  for (const run of stale) {
    await charge(ctx, payments, {
      runId: run.id,
      scheduleId: run.schedule_id,
      amountCents: run.amount_cents,
      token: run.payment_token,
      prepaid: false,
    }).then(declined, (error: unknown) => failures.push(error));
  }
  await Promise.all(mails);
  if (failures.length > 0) throw failures[0];
  return ran;
}

/** A family's scheduled and recurring deposits that are still active, soonest first, with their inmate and facility. */
export function activeSchedules(ctx: ServerContext, familyId: string) {
  return ctx.db
    .selectFrom('scheduled_deposits')
    .innerJoin('inmates', 'inmates.id', 'scheduled_deposits.inmate_id')
    .innerJoin('facilities', 'facilities.id', 'inmates.facility_id')
    .where('scheduled_deposits.family_id', '=', familyId)
    .where('scheduled_deposits.active', '=', 1)
    .orderBy('scheduled_deposits.next_at');
}

/** A family's scheduled and recurring deposits that are still active, with whom they go to and the outcome of the last run. */
export async function familySchedules(ctx: ServerContext, familyId: string) {
  const schedules = await activeSchedules(ctx, familyId)
    .select([
      'scheduled_deposits.id',
      'scheduled_deposits.inmate_id',
      'scheduled_deposits.amount_cents',
      'scheduled_deposits.next_at',
      'scheduled_deposits.recurrence',
      'inmates.first_name',
      'inmates.last_name',
    ])
    .execute();
  const runs =
    schedules.length === 0
      ? []
      : await ctx.db
          .selectFrom('deposit_runs')
          .select(['schedule_id', 'due_at', 'status', 'problem'])
          .where(
            'schedule_id',
            'in',
            schedules.map((s) => s.id),
          )
          .orderBy('due_at', 'desc')
          .execute();
  return schedules.map(({ first_name, last_name, ...s }) => ({
    ...s,
    name: `${first_name} ${last_name}`,
    lastRun: runs.find((r) => r.schedule_id === s.id) ?? null,
  }));
}

/** A family stops one of their own recurring or scheduled deposits; nothing more is charged for it. */
export async function cancelSchedule(ctx: ServerContext, familyId: string, scheduleId: string): Promise<void> {
  await write(ctx, async (w) => {
    const schedule = await w.trx
      .selectFrom('scheduled_deposits')
      .innerJoin('inmates', 'inmates.id', 'scheduled_deposits.inmate_id')
      .select(['scheduled_deposits.active', 'scheduled_deposits.inmate_id', 'inmates.facility_id', 'inmates.unit_id'])
      .where('scheduled_deposits.id', '=', scheduleId)
      .where('scheduled_deposits.family_id', '=', familyId)
      .executeTakeFirst();
    if (!schedule) throw new HttpError(404, 'not_found', 'No such scheduled deposit.');
    if (schedule.active !== 1) return;
    await w.trx.updateTable('scheduled_deposits').set({ active: 0 }).where('id', '=', scheduleId).execute();
    // The inmate's devices drop it from "coming deposits".
    await w.changed('scheduled_deposits', scheduleId, {
      facilityId: schedule.facility_id,
      unitId: schedule.unit_id,
      inmateId: schedule.inmate_id,
    });
  });
}
