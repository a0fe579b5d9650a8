import { sql } from 'kysely';
import type { Change, PullQuery, PullResponse } from '../../shared/sync/protocol';
import type { SyncTable } from '../../shared/sync/rows';
import { syncTableNames } from '../../shared/sync/rows';
import type { ServerContext } from '../domain/context';
import { allowedInmateIds, type Device } from '../domain/devices/devices';
import { recordDeliveries } from '../domain/messages/message-events';
import { loaders, type PullContext } from './sync-rows';

const knownTables = new Set<string>(syncTableNames);

/**
 * One page of the device's change feed: the changes after its cursor that
 * are in its scope, each row sent once in its current state (or as a
 * tombstone when it is gone or not for this device), ordered by seq.
 */
export async function pull(ctx: ServerContext, device: Device, query: PullQuery): Promise<PullResponse> {
  const now = ctx.now();
  const allowed = await allowedInmateIds(ctx, device);
  const allowedSet = new Set(allowed);
  // The cursor is the device's word that it applied everything up to it: its messages are delivered.
  await recordDeliveries(ctx, device, query.cursor, allowed);
  /** The change-log entries after `cursor` that are in this device's scope. */
  const inScopeAfter = (cursor: number) =>
    ctx.db
      .selectFrom('changes')
      .where('seq', '>', cursor)
      .where('facility_id', '=', device.facility_id)
      .where((eb) =>
        eb.or([
          eb.and([
            eb('inmate_id', 'is', null),
            device.unit_id === null || device.mode === 'tablet'
              ? sql<boolean>`1 = 1`
              : eb.or([eb('unit_id', 'is', null), eb('unit_id', '=', device.unit_id)]),
          ]),
          ...(allowed.length > 0 ? [eb('inmate_id', 'in', allowed)] : []),
        ]),
      );
  const page = await inScopeAfter(query.cursor)
    .select(['seq', 'table_name', 'row_id'])
    .orderBy('seq')
    .limit(query.limit + 1)
    .execute();
  const hasMore = page.length > query.limit;
  const changes = hasMore ? page.slice(0, query.limit) : page;

  // The last change of each row in this page decides where it goes in the order.
  const lastSeq = new Map<string, { seq: number; table: SyncTable; id: string }>();
  for (const change of changes) {
    if (!knownTables.has(change.table_name)) continue;
    lastSeq.set(`${change.table_name}:${change.row_id}`, {
      seq: change.seq,
      table: change.table_name as SyncTable,
      id: change.row_id,
    });
  }
  const byTable = new Map<SyncTable, string[]>();
  for (const { table, id } of lastSeq.values()) byTable.set(table, [...(byTable.get(table) ?? []), id]);

  const pullContext: PullContext = { db: ctx.db, device, allowedInmates: allowedSet, now };
  const loaded = new Map<string, unknown>();
  for (const [table, ids] of byTable) {
    const rows = await loaders[table](pullContext, ids);
    for (const [id, row] of rows) loaded.set(`${table}:${id}`, row);
  }

  const out = [...lastSeq.entries()]
    .sort(([, a], [, b]) => a.seq - b.seq)
    .map(([key, { seq, table, id }]) => {
      const row = loaded.get(key);
      return (row ? { seq, table, op: 'upsert', row } : { seq, table, op: 'delete', id }) as Change;
    });
  const cursor = changes.at(-1)?.seq ?? query.cursor;
  // What is left after this page, so a device can show how far its first sync has got.
  const counted = hasMore
    ? await inScopeAfter(cursor)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst()
    : undefined;
  const remaining = counted?.n ?? 0;
  return { changes: out, cursor, hasMore, remaining, serverTime: now };
}
