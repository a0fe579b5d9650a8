import { randomInt } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { nodeScrypt } from '../../shared/node/scrypt';
import { secretHasher } from '../../shared/sync/secret-hash';
import { HttpError } from '../http/http-error';
import { inmateScope, write, type ServerContext } from './context';
import { addLedgerEntry, balanceCents } from './ledger';
import { newHumanCode, normalizeHumanCode } from './tokens';

const hasher = secretHasher(nodeScrypt);
const PIN_RESET_MS = 24 * 60 * 60_000;

async function inmateAt(ctx: ServerContext, facilityId: string, docNumber: string) {
  const inmate = await ctx.db
    .selectFrom('inmates')
    .selectAll()
    .where('facility_id', '=', facilityId)
    .where('doc_number', '=', docNumber.trim())
    .executeTakeFirst();
  if (!inmate) throw new HttpError(404, 'not_found', 'No one with this DOC number here.');
  return inmate;
}

/** A one-time code staff give an inmate who forgot the PIN; devices check it offline, the server again. */
export async function issuePinReset(
  ctx: ServerContext,
  facilityId: string,
  docNumber: string,
): Promise<{ code: string; expiresAt: number }> {
  const inmate = await inmateAt(ctx, facilityId, docNumber);
  const code = newHumanCode(2);
  const codeHash = await hasher.hash(normalizeHumanCode(code));
  const expiresAt = ctx.now() + PIN_RESET_MS;
  await write(ctx, async (w) => {
    await w.trx
      .updateTable('inmates')
      .set({ pin_reset: JSON.stringify({ codeHash, expiresAt }), updated_at: w.now })
      .where('id', '=', inmate.id)
      .execute();
    await w.changed('inmates', inmate.id, { facilityId, unitId: inmate.unit_id, inmateId: inmate.id });
  });
  return { code, expiresAt };
}

export async function postAnnouncement(
  ctx: ServerContext,
  facilityId: string,
  input: { title: string; body: string; unitId: string | null; language: 'en' | 'es' | null },
) {
  const id = uuidv7();
  await write(ctx, async (w) => {
    await w.trx
      .insertInto('announcements')
      .values({
        id,
        facility_id: facilityId,
        unit_id: input.unitId,
        title: input.title,
        body: input.body,
        language: input.language,
        posted_at: w.now,
        expires_at: null,
      })
      .execute();
    await w.changed('announcements', id, { facilityId, unitId: input.unitId });
  });
  return { id };
}

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
        description: `Moved to release card •••• ${lastFour}`,
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

export async function deviceList(ctx: ServerContext, facilityId: string) {
  const devices = await ctx.db
    .selectFrom('devices')
    .select(['id', 'label', 'mode', 'unit_id', 'app_version', 'enrolled_at', 'last_seen_at', 'revoked_at'])
    .where('facility_id', '=', facilityId)
    .orderBy('enrolled_at')
    .execute();
  const reports = await ctx.db
    .selectFrom('device_reports')
    .select(['device_id', 'action', 'at'])
    .where('kind', '=', 'audit')
    .orderBy('at', 'desc')
    .limit(500)
    .execute();
  return devices.map((d) => ({ ...d, recentActions: reports.filter((r) => r.device_id === d.id).slice(0, 5) }));
}
