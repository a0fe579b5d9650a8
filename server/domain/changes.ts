import { EventEmitter } from 'node:events';
import type { Kysely, Transaction } from 'kysely';
import type { SyncTable } from '../../shared/sync/rows';
import type { Database } from '../db/schema';

export type Db = Kysely<Database> | Transaction<Database>;

/** Where a change is visible: always a facility; a unit's or one inmate's rows only on their devices. */
export interface ChangeScope {
  facilityId: string;
  unitId?: string | null;
  inmateId?: string | null;
}

export interface ChangeNotice extends Required<ChangeScope> {
  seq: number;
}

/**
 * Appends to the change log devices pull from. Call it inside the same
 * transaction as the write it describes, so a device can never see a row
 * without its change or a change without its row.
 */
export async function recordChange(
  db: Db,
  table: SyncTable,
  rowId: string,
  scope: ChangeScope,
  at: number,
): Promise<number> {
  const inserted = await db
    .insertInto('changes')
    .values({
      table_name: table,
      row_id: rowId,
      facility_id: scope.facilityId,
      unit_id: scope.unitId ?? null,
      inmate_id: scope.inmateId ?? null,
      at,
    })
    .returning('seq')
    .executeTakeFirstOrThrow();
  return inserted.seq;
}

/**
 * Tells this process's listeners (the change signal) that the log grew and
 * that devices were revoked. Writes only say `committed()`: the change feed
 * (server/sync/change-feed.ts) reads the log after the commit, from this
 * process and from every other process on the same database, and emits a
 * `changed` notice per new row (a notice before the commit would send
 * devices to pull a change they cannot see yet).
 */
export class ChangeBus extends EventEmitter<{
  changed: [ChangeNotice];
  committed: [];
  revoked: [deviceId: string, origin: 'here' | 'elsewhere'];
}> {
  notify(notice: ChangeNotice): void {
    this.emit('changed', notice);
  }

  /** A transaction that appended to the change log committed. */
  committed(): void {
    this.emit('committed');
  }

  /** A device's credential was revoked (here, or by another process): open connections of that device must end now. */
  revoked(deviceId: string, origin: 'here' | 'elsewhere' = 'here'): void {
    this.emit('revoked', deviceId, origin);
  }
}
