import { uuidv7 } from 'uuidv7';
import type { EnrollOptionsResponse, EnrollRequest, EnrollResponse } from '../../../shared/sync/protocol';
import { DEVICE_AUTH_SCHEME } from '../../../shared/sync/protocol';
import type { Row } from '../../db/schema';
import { HttpError } from '../../http/http-error';
import { write, type ServerContext } from '../context';
import { newHumanCode, newSecret, normalizeHumanCode, sha256Hex } from '../tokens';

const ENROLLMENT_CODE_TTL_MS = 24 * 60 * 60_000;

/** Staff make a one-time code; only its hash is kept, the code is shown once. */
export async function createEnrollmentCode(
  ctx: ServerContext,
  facilityId: string,
  ttlMs = ENROLLMENT_CODE_TTL_MS,
): Promise<{ code: string; expiresAt: number }> {
  const code = newHumanCode();
  const now = ctx.now();
  await ctx.db
    .insertInto('enrollment_codes')
    .values({
      id: uuidv7(),
      facility_id: facilityId,
      code_hash: sha256Hex(normalizeHumanCode(code)),
      created_at: now,
      expires_at: now + ttlMs,
      used_at: null,
      device_id: null,
    })
    .execute();
  return { code, expiresAt: now + ttlMs };
}

async function usableCode(ctx: ServerContext, code: string): Promise<Row<'enrollment_codes'>> {
  const row = await ctx.db
    .selectFrom('enrollment_codes')
    .selectAll()
    .where('code_hash', '=', sha256Hex(normalizeHumanCode(code)))
    .executeTakeFirst();
  if (!row) throw new HttpError(400, 'code_unknown', 'This enrollment code is not known.');
  if (row.used_at !== null) throw new HttpError(410, 'code_used', 'This enrollment code was already used.');
  if (row.expires_at <= ctx.now()) throw new HttpError(410, 'code_expired', 'This enrollment code has expired.');
  return row;
}

/** What a technician chooses from before enrolling; proves the code is good without using it. */
export async function enrollOptions(ctx: ServerContext, code: string): Promise<EnrollOptionsResponse> {
  const row = await usableCode(ctx, code);
  const facility = await ctx.db
    .selectFrom('facilities')
    .select('name')
    .where('id', '=', row.facility_id)
    .executeTakeFirstOrThrow();
  const units = await ctx.db
    .selectFrom('units')
    .select(['id', 'name'])
    .where('facility_id', '=', row.facility_id)
    .orderBy('name')
    .execute();
  const inmates = await ctx.db
    .selectFrom('inmates')
    .select(['id', 'first_name', 'last_name', 'doc_number', 'unit_id'])
    .where('facility_id', '=', row.facility_id)
    .where('status', '=', 'active')
    .orderBy('last_name')
    .execute();
  return {
    facilityName: facility.name,
    units,
    inmates: inmates.map((i) => ({
      id: i.id,
      name: `${i.first_name} ${i.last_name}`,
      docNumber: i.doc_number,
      unitId: i.unit_id,
    })),
  };
}

/** Uses the code and issues the device credential in one transaction: both or neither. */
export async function enrollDevice(ctx: ServerContext, request: EnrollRequest): Promise<EnrollResponse> {
  const code = await usableCode(ctx, request.code);
  const secret = newSecret();
  const deviceId = uuidv7();
  return write(ctx, async ({ trx, now }) => {
    const facility = await trx
      .selectFrom('facilities')
      .select(['id', 'name'])
      .where('id', '=', code.facility_id)
      .executeTakeFirstOrThrow();
    let unitId = request.unitId;
    if (unitId) {
      const unit = await trx
        .selectFrom('units')
        .select('id')
        .where('id', '=', unitId)
        .where('facility_id', '=', facility.id)
        .executeTakeFirst();
      if (!unit) throw new HttpError(400, 'unit_unknown', 'That housing unit is not at this facility.');
    }
    if (request.mode === 'tablet') {
      if (!request.inmateId) throw new HttpError(400, 'inmate_unknown', 'A tablet needs the inmate it belongs to.');
      const inmate = await trx
        .selectFrom('inmates')
        .select(['id', 'unit_id'])
        .where('id', '=', request.inmateId)
        .where('facility_id', '=', facility.id)
        .where('status', '=', 'active')
        .executeTakeFirst();
      if (!inmate) throw new HttpError(400, 'inmate_unknown', 'That person is not at this facility.');
      unitId = inmate.unit_id;
    }
    // The update only matches an unused code, so two devices racing with one code cannot both win.
    const used = await trx
      .updateTable('enrollment_codes')
      .set({ used_at: now, device_id: deviceId })
      .where('id', '=', code.id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1)
      throw new HttpError(410, 'code_used', 'This enrollment code was already used.');
    await trx
      .insertInto('devices')
      .values({
        id: deviceId,
        facility_id: facility.id,
        unit_id: unitId,
        inmate_id: request.mode === 'tablet' ? request.inmateId : null,
        mode: request.mode,
        label: request.label,
        secret_hash: sha256Hex(secret),
        app_version: request.appVersion,
        enrolled_at: now,
        last_seen_at: now,
        revoked_at: null,
      })
      .execute();
    return {
      deviceId,
      secret,
      facilityId: facility.id,
      facilityName: facility.name,
      mode: request.mode,
      unitId,
      inmateId: request.mode === 'tablet' ? request.inmateId : null,
    };
  });
}

export type Device = Row<'devices'>;

/** `Authorization: Device <id>.<secret>` → the device, or a 401. */
export async function authenticateDevice(ctx: ServerContext, header: string | undefined): Promise<Device> {
  const match = header?.match(new RegExp(`^${DEVICE_AUTH_SCHEME} ([0-9a-f-]{36})\\.([A-Za-z0-9_-]{20,200})$`));
  if (!match?.[1] || !match[2]) throw new HttpError(401, 'unauthorized', 'Device credential missing or malformed.');
  const device = await ctx.db.selectFrom('devices').selectAll().where('id', '=', match[1]).executeTakeFirst();
  if (!device || device.revoked_at !== null || device.secret_hash !== sha256Hex(match[2])) {
    throw new HttpError(401, 'unauthorized', 'Device credential not accepted.');
  }
  // "Last seen" for the device list; at most once a minute, so pulls do not write on every request.
  const now = ctx.now();
  if (device.last_seen_at === null || now - device.last_seen_at > 60_000) {
    await ctx.db.updateTable('devices').set({ last_seen_at: now }).where('id', '=', device.id).execute();
  }
  return device;
}

/** The inmates whose data a device may hold: its tablet owner, or everyone in its unit (or facility). */
export async function allowedInmateIds(ctx: ServerContext, device: Device): Promise<string[]> {
  if (device.mode === 'tablet') return device.inmate_id ? [device.inmate_id] : [];
  let query = ctx.db.selectFrom('inmates').select('id').where('facility_id', '=', device.facility_id);
  if (device.unit_id) query = query.where('unit_id', '=', device.unit_id);
  return (await query.execute()).map((row) => row.id);
}
