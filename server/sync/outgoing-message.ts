import { uuidv7 } from 'uuidv7';
import type { PushItem } from '../../shared/sync/protocol';
import type { ChangeScope } from '../domain/changes';
import type { Writer } from '../domain/context';
import { screenArrival } from '../domain/messages/keyword-holds';
import { recordEvents } from '../domain/messages/message-events';

/**
 * An inmate's message as it arrives by push: held for review by the policy
 * or by a listed word, with its trail from the device's first moment (the
 * device says when it was written, queued and pushed) to the server's.
 * `charge` takes the stamp in the same transaction (and may refuse).
 */
export async function insertOutgoing(
  w: Writer,
  item: PushItem,
  scope: Required<ChangeScope> & { inmateId: string },
  fields: {
    contactId: string;
    kind: 'text' | 'videogram';
    body: string;
    videogram: string | null;
    needsReview: boolean;
    stampCents: number;
  },
  charge: (messageId: string) => Promise<void>,
): Promise<void> {
  const id = uuidv7();
  const screen = await screenArrival(w.trx, scope.facilityId, fields.needsReview, { body: fields.body });
  await w.trx
    .insertInto('messages')
    .values({
      id,
      inmate_id: item.inmateId,
      contact_id: fields.contactId,
      direction: 'out',
      kind: fields.kind,
      body: fields.body,
      photos: '[]',
      ecard: null,
      videogram: fields.videogram,
      status: screen.status,
      ...screen.columns,
      rejection_reason: null,
      client_op_id: item.id,
      stamp_cents: fields.stampCents,
      created_at: item.createdAt,
      deliver_at: w.now,
      delivery_announced: 1,
      read_at: null,
      updated_at: w.now,
    })
    .execute();
  await charge(id);
  await recordEvents(w.trx, id, [
    { at: item.createdAt, kind: 'written', source: 'device' },
    { at: item.trail?.queuedAt ?? item.createdAt, kind: 'queued', source: 'device' },
    ...(item.trail?.pushedAt ? [{ at: item.trail.pushedAt, kind: 'pushed' as const, source: 'device' as const }] : []),
    { at: w.now, kind: 'received' },
    { at: w.now, ...screen.event },
    // Let through at once: the family sees it in the portal from now on.
    ...(screen.status === 'approved'
      ? [{ at: w.now, kind: 'delivered' as const, detail: { to: 'family' as const } }]
      : []),
  ]);
  await w.changed('messages', id, scope);
}
