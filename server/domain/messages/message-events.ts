import { uuidv7 } from 'uuidv7';
import type { Kysely, Transaction } from 'kysely';
import type { MessageTrail, TrailEvent, TrailEventKind, TrailViewer } from '../../../shared/domain/message-trail';
import type { Database } from '../../db/schema';
import type { ServerContext } from '../context';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The trail of every message: one row per moment, written in the same
 * transaction as what it records, so the trail never claims what did not
 * commit. Device moments (written, queued, pushed) come with the push.
 */
export async function recordEvents(
  db: Db,
  messageId: string,
  events: {
    at: number;
    kind: TrailEventKind;
    source?: 'server' | 'device';
    actorId?: string | null;
    detail?: TrailEvent['detail'];
  }[],
): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('message_events')
    .values(
      events.map((event) => ({
        id: uuidv7(),
        message_id: messageId,
        at: event.at,
        kind: event.kind,
        source: event.source ?? 'server',
        actor_id: event.actorId ?? null,
        detail: event.detail ? JSON.stringify(event.detail) : null,
      })),
    )
    .execute();
}

/** Detail a viewer may see: the people on either end learn that it waits for review, not why or who. */
function forViewer(viewer: TrailViewer, event: TrailEvent): TrailEvent | null {
  if (viewer === 'staff') return event;
  if (event.kind === 'undone' && viewer !== 'technician') return null;
  const detail = { ...event.detail };
  delete detail.terms;
  if (detail.by && viewer !== 'technician') detail.by = 'review';
  return { ...event, detail, actor: null };
}

const ORDER: Record<TrailEventKind, number> = {
  written: 0,
  queued: 1,
  pushed: 2,
  received: 3,
  held: 4,
  passed: 4,
  undone: 5,
  decided: 6,
  delivered: 7,
  read: 8,
};

/** A message's trail as this viewer may see it, oldest first; null when there is no such message. */
export async function messageTrail(
  ctx: ServerContext,
  messageId: string,
  viewer: TrailViewer,
): Promise<MessageTrail | null> {
  const message = await ctx.db
    .selectFrom('messages')
    .select(['id', 'direction', 'status'])
    .where('id', '=', messageId)
    .executeTakeFirst();
  if (!message) return null;
  const rows = await ctx.db
    .selectFrom('message_events')
    .leftJoin('staff_users', 'staff_users.id', 'message_events.actor_id')
    .select([
      'message_events.at',
      'message_events.kind',
      'message_events.source',
      'message_events.detail',
      'staff_users.display_name as actor',
    ])
    .where('message_events.message_id', '=', messageId)
    .orderBy('message_events.at')
    .orderBy('message_events.id')
    .limit(200)
    .execute();
  const events = rows
    .map((row): TrailEvent => ({
      at: row.at,
      kind: row.kind as TrailEventKind,
      source: row.source,
      // Written by this server from typed values.
      detail: row.detail ? (JSON.parse(row.detail) as TrailEvent['detail']) : {},
      actor: row.actor ?? null,
    }))
    .flatMap((event) => forViewer(viewer, event) ?? [])
    // Device clocks and server clocks differ a little: same-moment events keep their logical order.
    .sort((a, b) => a.at - b.at || ORDER[a.kind] - ORDER[b.kind]);
  return { messageId: message.id, direction: message.direction, status: message.status, events };
}

/**
 * A pull's cursor says the device applied everything up to it: incoming
 * messages whose last change is at or below it, approved and due, are on the
 * device. The first such confirmation is the message's "delivered" moment.
 * Only the step since the device's previous cursor is looked at.
 */
export async function recordDeliveries(
  ctx: ServerContext,
  device: { id: string; acked_cursor: number },
  cursor: number,
  inmateIds: readonly string[],
): Promise<void> {
  if (cursor <= device.acked_cursor) return;
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const delivered =
      inmateIds.length === 0
        ? []
        : await trx
            .selectFrom('changes')
            .innerJoin('messages', 'messages.id', 'changes.row_id')
            .select('messages.id')
            .distinct()
            .where('changes.table_name', '=', 'messages')
            .where('changes.seq', '>', device.acked_cursor)
            .where('changes.seq', '<=', cursor)
            .where('changes.inmate_id', 'in', inmateIds)
            .where('messages.direction', '=', 'in')
            .where('messages.status', 'in', ['approved', 'delivered'])
            .where('messages.delivered_at', 'is', null)
            .where('messages.deliver_at', '<=', now)
            .where((eb) =>
              eb.not(
                eb.exists(
                  eb
                    .selectFrom('changes as later')
                    .select('later.seq')
                    .where('later.table_name', '=', 'messages')
                    .whereRef('later.row_id', '=', 'messages.id')
                    .where('later.seq', '>', cursor),
                ),
              ),
            )
            .limit(5_000)
            .execute();
    for (let i = 0; i < delivered.length; i += 500) {
      const ids = delivered.slice(i, i + 500).map((row) => row.id);
      await trx
        .updateTable('messages')
        .set({ delivered_at: now })
        .where('id', 'in', ids)
        .where('delivered_at', 'is', null)
        .execute();
      await trx
        .insertInto('message_events')
        .values(
          ids.map((id) => ({
            id: uuidv7(),
            message_id: id,
            at: now,
            kind: 'delivered',
            source: 'server' as const,
            actor_id: null,
            detail: JSON.stringify({ to: 'device' }),
          })),
        )
        .execute();
    }
    await trx.updateTable('devices').set({ acked_cursor: cursor }).where('id', '=', device.id).execute();
  });
}
