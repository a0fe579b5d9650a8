import type { Kysely, Transaction } from 'kysely';
import type { SyncTable } from '../../shared/sync/rows';
import type { Database } from '../db/schema';
import { oneAtATime, serializeWrite, signalCommit } from '../db/write-lock';
import { recordChange, type ChangeBus, type ChangeScope } from './changes';

/** What every domain function works with. `now` is injectable so tests control time. */
export interface ServerContext {
  readonly db: Kysely<Database>;
  readonly bus: ChangeBus;
  readonly now: () => number;
  readonly mediaDir: string;
}

export interface Writer {
  readonly trx: Transaction<Database>;
  readonly now: number;
  /** Records that a synced row changed (in this transaction); devices hear of it after the commit. */
  changed(table: SyncTable, rowId: string, scope: ChangeScope): Promise<void>;
}

/**
 * One transaction of domain work; change notices go out only once it
 * committed. Write transactions run one at a time, as on SQLite (see
 * db/write-lock.ts), so change-log numbers commit in order.
 */
export async function write<T>(ctx: ServerContext, work: (writer: Writer) => Promise<T>): Promise<T> {
  let changes = 0;
  const now = ctx.now();
  const result = await oneAtATime(ctx.db, () =>
    ctx.db.transaction().execute(async (trx) => {
      await serializeWrite(trx);
      const value = await work({
        trx,
        now,
        async changed(table, rowId, scope) {
          await recordChange(trx, table, rowId, scope, now);
          changes += 1;
        },
      });
      if (changes > 0) await signalCommit(trx);
      return value;
    }),
  );
  if (changes > 0) ctx.bus.committed();
  return result;
}

/** The scope of everything that belongs to one inmate. */
export async function inmateScope(
  db: Kysely<Database> | Transaction<Database>,
  inmateId: string,
): Promise<ChangeScope> {
  const inmate = await db
    .selectFrom('inmates')
    .select(['facility_id', 'unit_id'])
    .where('id', '=', inmateId)
    .executeTakeFirstOrThrow();
  return { facilityId: inmate.facility_id, unitId: inmate.unit_id, inmateId };
}
