import { randomInt } from 'node:crypto';
import { HttpError } from '../../http/http-error';
import { inmateScope, write, type ServerContext } from '../context';
import { addLedgerEntry, balanceCents } from './ledger';

import { inmateAt } from '../people/inmates';

/**
 * Release: a release card is issued and the whole balance moves onto it (one
 * ledger entry leaving the account at zero); the inmate's devices sign them out.
 */
export async function processRelease(ctx: ServerContext, facilityId: string, docNumber: string) {
  const inmate = await inmateAt(ctx, facilityId, docNumber);
  if (inmate.status === 'released') throw new HttpError(409, 'already_released', 'This person is already released.');
  const lastFour = String(randomInt(0, 10_000)).padStart(4, '0');
  return write(ctx, async (w) => {
    const scope = await inmateScope(w.trx, inmate.id);
    const full = { facilityId, unitId: scope.unitId ?? null, inmateId: inmate.id };
    const balance = await balanceCents(w.trx, inmate.id);
    if (balance !== 0)
      await addLedgerEntry(w, full, {
        kind: 'release',
        amountCents: -balance,
        label: { code: 'release_card', lastFour },
        refId: null,
      });
    await w.trx
      .updateTable('accounts')
      .set({ release_card_status: 'issued', release_card_last_four: lastFour, updated_at: w.now })
      .where('inmate_id', '=', inmate.id)
      .execute();
    await w.trx
      .updateTable('inmates')
      .set({ status: 'released', updated_at: w.now })
      .where('id', '=', inmate.id)
      .execute();
    await w.changed('accounts', inmate.id, full);
    await w.changed('inmates', inmate.id, full);
    return { releasedCents: balance, cardLastFour: lastFour };
  });
}
