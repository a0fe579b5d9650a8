import { uuidv7 } from 'uuidv7';
import type { InmateEdit, NewInmate } from '../../../shared/portal-api/roster';
import { nodeScrypt } from '../../../shared/node/scrypt';
import { normalizeAnswer, secretHasher } from '../../../shared/sync/secret-hash';
import { HttpError } from '../../http/http-error';
import { write, type Writer } from '../context';
import type { ServerContext } from '../context';
import { audit, changedFields, type StaffActor } from '../staff-audit';

const hasher = secretHasher(nodeScrypt);

/** A unit of the actor's facility, or a 400 naming it (never another facility's unit). */
async function unitOf(w: Writer, facilityId: string, unitId: string) {
  const unit = await w.trx
    .selectFrom('units')
    .select(['id', 'name'])
    .where('id', '=', unitId)
    .where('facility_id', '=', facilityId)
    .executeTakeFirst();
  if (!unit) throw new HttpError(400, 'unit_unknown', 'No such unit in this facility.', { unit: unitId });
  return unit;
}

/** The inmate, in the actor's facility, or a 404. */
async function inmateOf(w: Writer, facilityId: string, inmateId: string) {
  const inmate = await w.trx
    .selectFrom('inmates')
    .selectAll()
    .where('id', '=', inmateId)
    .where('facility_id', '=', facilityId)
    .executeTakeFirst();
  if (!inmate) throw new HttpError(404, 'not_found', 'No such person in this facility.');
  return inmate;
}

/** A new person's fields, their secrets already hashed (scrypt runs before the write lock is taken). */
interface InmateRow {
  id: string;
  unitId: string;
  docNumber: string;
  firstName: string;
  lastName: string;
  language: NewInmate['language'];
  pinHash: unknown;
  securityQuestion: string;
  answerHash: unknown;
  /** What the audit row says besides the person (a roster import names its batch). */
  auditExtra: Record<string, string>;
}

/** Writes one person with an empty account, tells their unit's devices, and audits it: one add, by hand or by CSV. */
export async function insertInmate(w: Writer, actor: StaffActor, row: InmateRow): Promise<void> {
  await w.trx
    .insertInto('inmates')
    .values({
      id: row.id,
      facility_id: actor.facility_id,
      unit_id: row.unitId,
      doc_number: row.docNumber,
      first_name: row.firstName,
      last_name: row.lastName,
      language: row.language,
      status: 'active',
      pin_hash: JSON.stringify(row.pinHash),
      pin_version: 0,
      security_question: row.securityQuestion,
      security_answer_hash: JSON.stringify(row.answerHash),
      pin_reset: null,
      updated_at: w.now,
    })
    .execute();
  await w.trx
    .insertInto('accounts')
    .values({ inmate_id: row.id, release_card_status: 'none', release_card_last_four: null, updated_at: w.now })
    .execute();
  const scope = { facilityId: actor.facility_id, unitId: row.unitId, inmateId: row.id };
  await w.changed('inmates', row.id, scope);
  await w.changed('accounts', row.id, scope);
  await audit(w, actor, {
    action: 'inmate.add',
    subject: { type: 'inmate', id: row.id },
    before: null,
    after: {
      docNumber: row.docNumber,
      firstName: row.firstName,
      lastName: row.lastName,
      unitId: row.unitId,
      language: row.language,
      ...row.auditExtra,
    },
  });
}

/** Adds one person to the roster (with an empty account), audited. */
export async function addInmate(ctx: ServerContext, actor: StaffActor, input: NewInmate): Promise<{ id: string }> {
  const pinHash = await hasher.hash(input.pin);
  const answerHash = await hasher.hash(normalizeAnswer(input.securityAnswer));
  const id = uuidv7();
  await write(ctx, async (w) => {
    await unitOf(w, actor.facility_id, input.unitId);
    const taken = await w.trx
      .selectFrom('inmates')
      .select('id')
      .where('facility_id', '=', actor.facility_id)
      .where('doc_number', '=', input.docNumber)
      .executeTakeFirst();
    if (taken)
      throw new HttpError(409, 'doc_on_roster', 'This DOC number is already on the roster.', { doc: input.docNumber });
    await insertInmate(w, actor, {
      id,
      unitId: input.unitId,
      docNumber: input.docNumber,
      firstName: input.firstName,
      lastName: input.lastName,
      language: input.language,
      pinHash,
      securityQuestion: input.securityQuestion,
      answerHash,
      auditExtra: {},
    });
  });
  return { id };
}

/** Every table whose rows belong to one inmate and reach that inmate's devices. */
const INMATE_TABLES = [
  ['contacts', 'id'],
  ['messages', 'id'],
  ['ledger', 'id'],
  ['scheduled_deposits', 'id'],
  ['entitlements', 'id'],
  ['progress', 'id'],
  ['tickets', 'id'],
] as const;

/**
 * After a move, the new unit's kiosks must get everything of this person's
 * that they never pulled (it was logged under the old unit): each row is
 * logged again in the new scope. The old unit's kiosks get a tombstone for the
 * person (a change they can see, whose row is no longer theirs).
 */
async function relogForMove(w: Writer, facilityId: string, inmateId: string, oldUnitId: string, newUnitId: string) {
  const scope = { facilityId, unitId: newUnitId, inmateId };
  await w.changed('inmates', inmateId, { facilityId, unitId: oldUnitId, inmateId: null });
  await w.changed('inmates', inmateId, scope);
  await w.changed('accounts', inmateId, scope);
  for (const [table, key] of INMATE_TABLES) {
    const rows = await w.trx.selectFrom(table).select(key).where('inmate_id', '=', inmateId).execute();
    for (const row of rows) await w.changed(table, row.id, scope);
  }
}

/** Edits names and language, or moves the person to another unit; each field that changed is in the audit row. */
export async function editInmate(ctx: ServerContext, actor: StaffActor, inmateId: string, edit: InmateEdit) {
  await write(ctx, async (w) => {
    const inmate = await inmateOf(w, actor.facility_id, inmateId);
    if (edit.unitId !== undefined) await unitOf(w, actor.facility_id, edit.unitId);
    const was = {
      firstName: inmate.first_name,
      lastName: inmate.last_name,
      unitId: inmate.unit_id,
      language: inmate.language,
    };
    const diff = changedFields(was, edit);
    if (Object.keys(diff.after).length === 0) return;
    await w.trx
      .updateTable('inmates')
      .set({
        first_name: edit.firstName ?? inmate.first_name,
        last_name: edit.lastName ?? inmate.last_name,
        unit_id: edit.unitId ?? inmate.unit_id,
        language: edit.language ?? inmate.language,
        updated_at: w.now,
      })
      .where('id', '=', inmateId)
      .execute();
    const moved = diff.after.unitId !== undefined;
    if (moved) await relogForMove(w, actor.facility_id, inmateId, inmate.unit_id, edit.unitId ?? inmate.unit_id);
    else await w.changed('inmates', inmateId, { facilityId: actor.facility_id, unitId: inmate.unit_id, inmateId });
    await audit(w, actor, {
      action: moved ? 'inmate.move' : 'inmate.edit',
      subject: { type: 'inmate', id: inmateId },
      ...diff,
    });
  });
}

/** Deactivates a person (no sign-in on any device, nothing sent or received) or activates them again. */
export async function setInmateActive(ctx: ServerContext, actor: StaffActor, inmateId: string, active: boolean) {
  await write(ctx, async (w) => {
    const inmate = await inmateOf(w, actor.facility_id, inmateId);
    if (inmate.status === 'released')
      throw new HttpError(409, 'already_released', 'A released person is not activated again here.');
    const status = active ? 'active' : 'inactive';
    if (inmate.status === status) return;
    await w.trx.updateTable('inmates').set({ status, updated_at: w.now }).where('id', '=', inmateId).execute();
    await w.changed('inmates', inmateId, { facilityId: actor.facility_id, unitId: inmate.unit_id, inmateId });
    await audit(w, actor, {
      action: active ? 'inmate.activate' : 'inmate.deactivate',
      subject: { type: 'inmate', id: inmateId },
      before: { status: inmate.status },
      after: { status },
    });
  });
}
