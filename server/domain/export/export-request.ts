import type { Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/schema';

/**
 * An inmate asked for their own data at the kiosk: a job row in state `requested`, written in the
 * push's transaction (so a replayed push asks once). The process holding the scheduler lease
 * claims and builds it (`ExportJobs.claimRequested`); staff then hand it over, as at release.
 */
export async function requestInmateExport(
  trx: Transaction<Database>,
  facilityId: string,
  inmateId: string,
  now: number,
): Promise<void> {
  await trx
    .insertInto('export_jobs')
    .values({
      id: uuidv7(),
      facility_id: facilityId,
      kind: 'inmate',
      subject_id: inmateId,
      requested_by_kind: 'inmate',
      requested_by: inmateId,
      recipient_family_id: null,
      status: 'requested',
      progress_done: 0,
      progress_total: 0,
      file: null,
      bytes: null,
      sha256: null,
      problem: null,
      download_token_hash: null,
      download_expires_at: null,
      created_at: now,
      finished_at: null,
    })
    .execute();
}
