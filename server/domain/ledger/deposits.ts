import { uuidv7 } from 'uuidv7';
import { DEPOSIT_MAX_CENTS, DEPOSIT_MIN_CENTS } from '../../../shared/domain/limits';
import { HttpError } from '../../http/http-error';
import { inmateScope, write, type ServerContext } from '../context';
import { depositFee, facilitySettings, FeeSchedule } from '../facility-settings';
import { addLedgerEntry } from './ledger';
import type { DepositHistoryItem } from '../../../shared/domain/deposit-history';

import { facilityOfInmate, ownContact } from '../people/contacts';

/** What a deposit costs the family: the amount (which the inmate receives, less the facility's fee) and the fee. */
export async function quoteDeposit(ctx: ServerContext, familyId: string, contactId: string, amountCents: number) {
  const contact = await ownContact(ctx, familyId, contactId);
  const facility = await facilityOfInmate(ctx, contact.inmate_id);
  // The facility's own limits, which its admin sets inside the hard $20–$500.
  const settings = facilitySettings(facility);
  const minCents = Math.max(DEPOSIT_MIN_CENTS, settings.depositMinCents);
  const maxCents = Math.min(DEPOSIT_MAX_CENTS, settings.depositMaxCents);
  if (!Number.isSafeInteger(amountCents) || amountCents < minCents || amountCents > maxCents) {
    throw new HttpError(400, 'amount_out_of_range', `Deposits are between $${minCents / 100} and $${maxCents / 100}.`, {
      minCents,
      maxCents,
    });
  }
  const feeCents = depositFee(FeeSchedule.parse(JSON.parse(facility.fee_schedule)), amountCents);
  return { contact, amountCents, feeCents, creditedCents: amountCents - feeCents };
}

/**
 * A one-time deposit now (the payment provider has charged the family
 * before this runs: `paymentReference` is set), or a recurring/scheduled one
 * (`paymentReference` null) the scheduler charges and credits on every run.
 * The inmate's ledger gets the deposit and the facility fee as two entries.
 */
export async function deposit(
  ctx: ServerContext,
  familyId: string,
  input: {
    contactId: string;
    amountCents: number;
    recurrence: 'once' | 'weekly' | 'monthly';
    startAt: number | null;
    paymentToken: string;
    paymentReference: string | null;
  },
) {
  const quote = await quoteDeposit(ctx, familyId, input.contactId, input.amountCents);
  const family = await ctx.db
    .selectFrom('family_accounts')
    .select('display_name')
    .where('id', '=', familyId)
    .executeTakeFirstOrThrow();
  return write(ctx, async (w) => {
    const scope = await inmateScope(w.trx, quote.contact.inmate_id);
    const full = { facilityId: scope.facilityId, unitId: scope.unitId ?? null, inmateId: quote.contact.inmate_id };
    const receiptId = uuidv7();
    const later = input.paymentReference === null;
    if (later) {
      await w.trx
        .insertInto('scheduled_deposits')
        .values({
          id: receiptId,
          inmate_id: quote.contact.inmate_id,
          family_id: familyId,
          from_name: family.display_name,
          amount_cents: input.amountCents,
          next_at: input.startAt ?? w.now,
          recurrence: input.recurrence,
          active: 1,
          payment_token: input.paymentToken,
        })
        .execute();
      await w.changed('scheduled_deposits', receiptId, full);
    } else {
      await w.trx
        .insertInto('deposit_receipts')
        .values({
          id: receiptId,
          family_id: familyId,
          inmate_id: quote.contact.inmate_id,
          schedule_id: null,
          amount_cents: input.amountCents,
          fee_cents: quote.feeCents,
          status: 'completed',
          at: w.now,
        })
        .execute();
      await addLedgerEntry(w, full, {
        kind: 'deposit',
        amountCents: input.amountCents,
        label: { code: 'deposit', from: family.display_name },
        refId: receiptId,
      });
      if (quote.feeCents > 0)
        await addLedgerEntry(w, full, {
          kind: 'fee',
          amountCents: -quote.feeCents,
          label: { code: 'deposit_fee' },
          refId: receiptId,
        });
    }
    return {
      receiptId,
      scheduled: later,
      amountCents: input.amountCents,
      feeCents: quote.feeCents,
      creditedCents: quote.creditedCents,
      paymentReference: input.paymentReference,
    };
  });
}

/**
 * A family's deposits: upcoming scheduled and recurring ones first (with the
 * fee the facility charges today), then receipts, newest first.
 */
export async function familyDeposits(ctx: ServerContext, familyId: string): Promise<DepositHistoryItem[]> {
  const upcoming = await ctx.db
    .selectFrom('scheduled_deposits')
    .innerJoin('inmates', 'inmates.id', 'scheduled_deposits.inmate_id')
    .innerJoin('facilities', 'facilities.id', 'inmates.facility_id')
    .select([
      'scheduled_deposits.id',
      'scheduled_deposits.amount_cents',
      'scheduled_deposits.next_at',
      'scheduled_deposits.recurrence',
      'inmates.first_name',
      'inmates.last_name',
      'facilities.fee_schedule',
    ])
    .where('scheduled_deposits.family_id', '=', familyId)
    .where('scheduled_deposits.active', '=', 1)
    .orderBy('scheduled_deposits.next_at')
    .limit(100)
    .execute();
  const done = await ctx.db
    .selectFrom('deposit_receipts')
    .innerJoin('inmates', 'inmates.id', 'deposit_receipts.inmate_id')
    .select([
      'deposit_receipts.id',
      'deposit_receipts.amount_cents',
      'deposit_receipts.fee_cents',
      'deposit_receipts.status',
      'deposit_receipts.at',
      'inmates.first_name',
      'inmates.last_name',
    ])
    .where('deposit_receipts.family_id', '=', familyId)
    .orderBy('deposit_receipts.at', 'desc')
    .limit(200)
    .execute();
  return [
    ...upcoming.map((d) => ({
      id: d.id,
      name: `${d.first_name} ${d.last_name}`,
      amountCents: d.amount_cents,
      feeCents: depositFee(FeeSchedule.parse(JSON.parse(d.fee_schedule)), d.amount_cents),
      status: 'scheduled' as const,
      recurrence: d.recurrence,
      at: d.next_at,
    })),
    ...done.map((d) => ({
      id: d.id,
      name: `${d.first_name} ${d.last_name}`,
      amountCents: d.amount_cents,
      feeCents: d.fee_cents,
      status: d.status,
      recurrence: null,
      at: d.at,
    })),
  ];
}
