import { randomInt } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { HttpError } from '../../http/http-error';
import { inmateScope, write, type ServerContext } from '../context';
import { audit, type StaffActor } from '../staff-audit';
import { addLedgerEntry, balanceCents } from './ledger';

/** The person in the actor's facility, or a 404. */
async function releasable(ctx: ServerContext, facilityId: string, inmateId: string) {
  const inmate = await ctx.db
    .selectFrom('inmates')
    .select(['id', 'doc_number', 'first_name', 'last_name', 'status'])
    .where('id', '=', inmateId)
    .where('facility_id', '=', facilityId)
    .executeTakeFirst();
  if (!inmate) throw new HttpError(404, 'not_found', 'No such person in this facility.');
  if (inmate.status === 'released') throw new HttpError(409, 'already_released', 'This person is already released.');
  return inmate;
}

/** What a release would do: whom it names and the balance that would go onto the card (the confirmation step). */
export async function releasePreview(ctx: ServerContext, facilityId: string, inmateId: string) {
  const inmate = await releasable(ctx, facilityId, inmateId);
  return {
    id: inmate.id,
    docNumber: inmate.doc_number,
    firstName: inmate.first_name,
    lastName: inmate.last_name,
    balanceCents: await balanceCents(ctx.db, inmate.id),
  };
}

/**
 * Release: a release card is issued and the whole balance moves onto it (one
 * ledger entry leaving the account at zero); the inmate's devices sign them
 * out. `confirmCents` is the amount the staff member confirmed: if a deposit
 * or a purchase changed the balance since, nothing happens (409 with the new
 * amount) and they confirm again. The card is recorded where the person's
 * family can see it (release_cards), and the release is audited.
 */
export async function processRelease(ctx: ServerContext, actor: StaffActor, inmateId: string, confirmCents: number) {
  const inmate = await releasable(ctx, actor.facility_id, inmateId);
  const lastFour = String(randomInt(0, 10_000)).padStart(4, '0');
  return write(ctx, async (w) => {
    const status = await w.trx.selectFrom('inmates').select('status').where('id', '=', inmate.id).executeTakeFirst();
    if (status?.status === 'released') throw new HttpError(409, 'already_released', 'This person is already released.');
    const scope = await inmateScope(w.trx, inmate.id);
    const full = { facilityId: actor.facility_id, unitId: scope.unitId ?? null, inmateId: inmate.id };
    const balance = await balanceCents(w.trx, inmate.id);
    if (balance !== confirmCents)
      throw new HttpError(409, 'balance_changed', 'The balance changed since it was shown; confirm again.', {
        balanceCents: balance,
      });
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
    await w.trx
      .insertInto('release_cards')
      .values({
        id: uuidv7(),
        facility_id: actor.facility_id,
        inmate_id: inmate.id,
        amount_cents: balance,
        last_four: lastFour,
        issued_by: actor.id,
        issued_at: w.now,
      })
      .execute();
    await w.changed('accounts', inmate.id, full);
    await w.changed('inmates', inmate.id, full);
    await audit(w, actor, {
      action: 'inmate.release',
      subject: { type: 'inmate', id: inmate.id },
      before: { status: inmate.status, balanceCents: balance },
      after: { status: 'released', balanceCents: 0, cardLastFour: lastFour },
    });
    return { releasedCents: balance, cardLastFour: lastFour };
  });
}

/** The release cards of people this family is an approved contact of: to whom, how much, when. */
export async function familyReleaseCards(ctx: ServerContext, familyId: string) {
  const rows = await ctx.db
    .selectFrom('release_cards')
    .innerJoin('contacts', 'contacts.inmate_id', 'release_cards.inmate_id')
    .innerJoin('inmates', 'inmates.id', 'release_cards.inmate_id')
    .select([
      'inmates.first_name',
      'inmates.last_name',
      'release_cards.amount_cents',
      'release_cards.last_four',
      'release_cards.issued_at',
      'release_cards.id',
    ])
    .where('contacts.family_id', '=', familyId)
    .where('contacts.status', '=', 'approved')
    .orderBy('release_cards.issued_at', 'desc')
    .orderBy('release_cards.id')
    .execute();
  return rows.map((row) => ({
    inmateName: `${row.first_name} ${row.last_name}`,
    amountCents: row.amount_cents,
    cardLastFour: row.last_four,
    issuedAt: row.issued_at,
  }));
}
