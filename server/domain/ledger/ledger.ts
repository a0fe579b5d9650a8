import { uuidv7 } from 'uuidv7';
import { ledgerRecordText, type LedgerLabel } from '../../../shared/domain/ledger-label';
import type { Row } from '../../db/schema';
import type { Db } from '../changes';
import type { Writer } from '../context';

/** The trust account balance: the sum of the ledger, never a stored number that could drift. */
export async function balanceCents(db: Db, inmateId: string): Promise<number> {
  const row = await db
    .selectFrom('ledger')
    .select((eb) => eb.fn.sum<number>('amount_cents').as('balance'))
    .where('inmate_id', '=', inmateId)
    .executeTakeFirst();
  return row?.balance ?? 0;
}

export class InsufficientFundsError extends Error {
  constructor(
    readonly balanceCents: number,
    readonly neededCents: number,
  ) {
    super(`balance ${balanceCents} is less than ${neededCents}`);
    this.name = 'InsufficientFundsError';
  }
}

/**
 * Adds one ledger entry (and tells devices the account changed). Charges
 * (negative amounts) never take the balance below zero; deposits and
 * refunds always go in. Runs inside the caller's transaction.
 */
export async function addLedgerEntry(
  w: Writer,
  scope: { facilityId: string; unitId: string | null; inmateId: string },
  entry: { kind: Row<'ledger'>['kind']; amountCents: number; label: LedgerLabel; refId: string | null },
): Promise<string> {
  if (!Number.isSafeInteger(entry.amountCents)) throw new Error('ledger amounts are integer cents');
  if (entry.amountCents < 0 && entry.kind !== 'release') {
    const balance = await balanceCents(w.trx, scope.inmateId);
    if (balance + entry.amountCents < 0) throw new InsufficientFundsError(balance, -entry.amountCents);
  }
  const id = uuidv7();
  await w.trx
    .insertInto('ledger')
    .values({
      id,
      inmate_id: scope.inmateId,
      kind: entry.kind,
      amount_cents: entry.amountCents,
      description: ledgerRecordText(entry.label),
      label: JSON.stringify(entry.label),
      at: w.now,
      ref_id: entry.refId,
    })
    .execute();
  await w.changed('ledger', id, scope);
  await w.changed('accounts', scope.inmateId, scope);
  return id;
}
