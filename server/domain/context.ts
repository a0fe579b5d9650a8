import type { Kysely, Transaction } from 'kysely';
import type { SyncTable } from '../../shared/sync/rows';
import type { Database } from '../db/schema';
import { recordChange, type ChangeBus, type ChangeNotice, type ChangeScope } from './changes';

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

/** One transaction of domain work; change notices go out only once it committed. */
export async function write<T>(ctx: ServerContext, work: (writer: Writer) => Promise<T>): Promise<T> {
  const notices: ChangeNotice[] = [];
  const now = ctx.now();
  const result = await ctx.db.transaction().execute(async (trx) =>
    work({
      trx,
      now,
      async changed(table, rowId, scope) {
        const seq = await recordChange(trx, table, rowId, scope, now);
        notices.push({
          seq,
          facilityId: scope.facilityId,
          unitId: scope.unitId ?? null,
          inmateId: scope.inmateId ?? null,
        });
      },
    }),
  );
  notices.forEach((notice) => ctx.bus.notify(notice));
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
