import { nodeScrypt } from '../../../shared/node/scrypt';
import { secretHasher } from '../../../shared/sync/secret-hash';
import { HttpError } from '../../http/http-error';
import { write, type ServerContext } from '../context';
import { newHumanCode, normalizeHumanCode } from '../tokens';

const hasher = secretHasher(nodeScrypt);
const PIN_RESET_MS = 24 * 60 * 60_000;

/** The inmate with this DOC number in this facility, or a 404. */
export async function inmateAt(ctx: ServerContext, facilityId: string, docNumber: string) {
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
