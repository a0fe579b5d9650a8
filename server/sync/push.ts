import { uuidv7 } from 'uuidv7';
import type { PushItem, PushResult } from '../../shared/sync/protocol';
import { PushResult as PushResultSchema } from '../../shared/sync/protocol';
import { nodeScrypt } from '../../shared/node/scrypt';
import { secretHasher, SecretHash } from '../../shared/sync/secret-hash';
import { VIDEOGRAM_MAX_MS } from '../../shared/domain/limits';
import { characterCount } from '../../shared/domain/text-length';
import type { ChangeScope } from '../domain/changes';
import { write, type ServerContext, type Writer } from '../domain/context';
import { allowedInmateIds, type Device } from '../domain/devices/devices';
import { facilitySettings, reviewPolicy } from '../domain/facility-settings';
import { addLedgerEntry, InsufficientFundsError } from '../domain/ledger/ledger';
import { normalizeHumanCode } from '../domain/tokens';
import { videoDurationMs } from '../../shared/media/video-duration';
import { requestInmateExport } from '../domain/export/export-request';
import type { MediaStore } from '../media/media-store';
import { recordEvents } from '../domain/messages/message-events';
import { insertOutgoing } from './outgoing-message';

const hasher = secretHasher(nodeScrypt);

/** A final "no" for one outbox item: shown to the inmate, never retried. */
class Rejection extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

/** "Not yet": the device retries the same id later (e.g. its video is still uploading). */
class Retry extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

interface OpContext {
  readonly w: Writer;
  readonly item: PushItem;
  readonly scope: Required<ChangeScope> & { inmateId: string };
  readonly media: MediaStore;
}

async function approvedContact(ctx: OpContext, contactId: string): Promise<void> {
  const contact = await ctx.w.trx
    .selectFrom('contacts')
    .select(['status', 'inmate_id'])
    .where('id', '=', contactId)
    .executeTakeFirst();
  if (!contact || contact.inmate_id !== ctx.item.inmateId)
    throw new Rejection('not_found', 'This contact does not exist.');
  if (contact.status !== 'approved')
    throw new Rejection('contact_not_approved', 'This contact is not approved for messages.');
}

async function facilityOf(ctx: OpContext) {
  return ctx.w.trx
    .selectFrom('facilities')
    .selectAll()
    .where('id', '=', ctx.scope.facilityId)
    .executeTakeFirstOrThrow();
}

async function chargeStamp(
  ctx: OpContext,
  cents: number,
  messageId: string,
  kind: 'text' | 'videogram',
): Promise<void> {
  if (cents <= 0) return;
  try {
    await addLedgerEntry(ctx.w, ctx.scope, {
      kind: 'stamp',
      amountCents: -cents,
      label: { code: kind === 'videogram' ? 'videogram_stamp' : 'message_stamp' },
      refId: messageId,
    });
  } catch (error) {
    if (error instanceof InsufficientFundsError) {
      throw new Rejection('insufficient_funds', 'There is not enough money in the account for the stamp.');
    }
    throw error;
  }
}

/** What each kind of outbox item does on the server. Throws Rejection or Retry for a no. */
const operations: {
  [K in PushItem['op']['kind']]: (ctx: OpContext, op: Extract<PushItem['op'], { kind: K }>) => Promise<void>;
} = {
  async 'message.send'(ctx, op) {
    await approvedContact(ctx, op.contactId);
    const facility = await facilityOf(ctx);
    const settings = facilitySettings(facility);
    if (characterCount(op.body) > settings.messageMaxChars) {
      throw new Rejection('too_long', `Messages can be at most ${settings.messageMaxChars} characters.`);
    }
    await insertOutgoing(
      ctx.w,
      ctx.item,
      ctx.scope,
      {
        contactId: op.contactId,
        kind: 'text',
        body: op.body,
        videogram: null,
        needsReview: reviewPolicy(facility).outgoingText,
        stampCents: settings.stampPriceCents,
      },
      (id) => chargeStamp(ctx, settings.stampPriceCents, id, 'text'),
    );
  },
  async 'videogram.send'(ctx, op) {
    await approvedContact(ctx, op.contactId);
    if (!(await ctx.media.has(op.video.sha256))) throw new Retry('media_missing');
    const measured = videoDurationMs(await ctx.media.readAll(op.video.sha256));
    if (measured === null) throw new Rejection('unreadable_video', 'The video could not be read.');
    if (measured > VIDEOGRAM_MAX_MS + 500 || op.durationMs > VIDEOGRAM_MAX_MS) {
      throw new Rejection('duration_exceeded', 'Videograms can be at most 3 minutes long.');
    }
    const facility = await facilityOf(ctx);
    await ctx.w.trx
      .insertInto('media_refs')
      .values({ sha256: op.video.sha256, facility_id: ctx.scope.facilityId, inmate_id: ctx.item.inmateId })
      .execute();
    await insertOutgoing(
      ctx.w,
      ctx.item,
      ctx.scope,
      {
        contactId: op.contactId,
        kind: 'videogram',
        body: '',
        videogram: JSON.stringify({
          video: { ...op.video, bytes: await ctx.media.size(op.video.sha256) },
          durationMs: measured,
          captions: null,
        }),
        needsReview: reviewPolicy(facility).outgoingVideograms,
        stampCents: facilitySettings(facility).videogramStampPriceCents,
      },
      (id) => chargeStamp(ctx, facilitySettings(facility).videogramStampPriceCents, id, 'videogram'),
    );
  },
  async 'message.read'(ctx, op) {
    const message = await ctx.w.trx
      .selectFrom('messages')
      .select(['inmate_id', 'direction', 'read_at'])
      .where('id', '=', op.messageId)
      .executeTakeFirst();
    if (!message || message.inmate_id !== ctx.item.inmateId || message.direction !== 'in') {
      throw new Rejection('not_found', 'This message does not exist.');
    }
    if (message.read_at !== null) return;
    await ctx.w.trx
      .updateTable('messages')
      .set({ read_at: op.readAt, status: 'delivered', updated_at: ctx.w.now })
      .where('id', '=', op.messageId)
      .execute();
    await recordEvents(ctx.w.trx, op.messageId, [{ at: op.readAt, kind: 'read', source: 'device' }]);
    await ctx.w.changed('messages', op.messageId, ctx.scope);
  },
  async purchase(ctx, op) {
    const item = await ctx.w.trx
      .selectFrom('catalog_approvals')
      .select('price_cents')
      .where('facility_id', '=', ctx.scope.facilityId)
      .where('item_id', '=', op.itemId)
      .executeTakeFirst();
    if (!item) throw new Rejection('not_available', 'This item is not available here.');
    const owned = await ctx.w.trx
      .selectFrom('entitlements')
      .select('id')
      .where('inmate_id', '=', ctx.item.inmateId)
      .where('item_id', '=', op.itemId)
      .executeTakeFirst();
    if (owned) return; // already theirs: buying twice never charges twice
    if (item.price_cents !== op.priceCents)
      throw new Rejection('price_changed', 'The price changed. Please look again.');
    const id = uuidv7();
    if (op.priceCents > 0) {
      try {
        await addLedgerEntry(ctx.w, ctx.scope, {
          kind: 'purchase',
          amountCents: -op.priceCents,
          label: { code: 'library_purchase' },
          refId: id,
        });
      } catch (error) {
        if (error instanceof InsufficientFundsError)
          throw new Rejection('insufficient_funds', 'There is not enough money in the account.');
        throw error;
      }
    }
    await ctx.w.trx
      .insertInto('entitlements')
      .values({
        id,
        inmate_id: ctx.item.inmateId,
        item_id: op.itemId,
        client_op_id: ctx.item.id,
        price_paid_cents: op.priceCents,
        acquired_at: ctx.w.now,
      })
      .execute();
    await ctx.w.changed('entitlements', id, ctx.scope);
  },
  async progress(ctx, op) {
    const id = `${ctx.item.inmateId}:${op.itemId}`;
    const current = await ctx.w.trx.selectFrom('progress').select('updated_at').where('id', '=', id).executeTakeFirst();
    // An older write (another device) loses; a tie does not: two saves in one millisecond arrive in the
    // order the device made them, and the later one is the inmate's position (the device shows it already).
    if (current && current.updated_at > op.updatedAt) return;
    const values = {
      id,
      inmate_id: ctx.item.inmateId,
      item_id: op.itemId,
      data: JSON.stringify(op.data),
      updated_at: op.updatedAt,
    };
    await ctx.w.trx
      .insertInto('progress')
      .values(values)
      .onConflict((oc) => oc.column('id').doUpdateSet({ data: values.data, updated_at: values.updated_at }))
      .execute();
    await ctx.w.changed('progress', id, ctx.scope);
  },
  async 'ticket.open'(ctx, op) {
    const id = uuidv7();
    await ctx.w.trx
      .insertInto('tickets')
      .values({
        id,
        inmate_id: ctx.item.inmateId,
        client_op_id: ctx.item.id,
        subject: op.subject,
        status: 'open',
        replies: JSON.stringify([{ from: 'inmate', body: op.body, at: ctx.item.createdAt }]),
        created_at: ctx.item.createdAt,
        updated_at: ctx.w.now,
      })
      .execute();
    await ctx.w.changed('tickets', id, ctx.scope);
  },
  async 'export.request'(ctx) {
    // Recorded as asked; the process holding the scheduler lease builds it (domain/export/export-jobs.ts).
    await requestInmateExport(ctx.w.trx, ctx.scope.facilityId, ctx.item.inmateId, ctx.w.now);
  },
  async 'ticket.reply'(ctx, op) {
    const ticket = await ctx.w.trx
      .selectFrom('tickets')
      .select(['inmate_id', 'replies', 'status'])
      .where('id', '=', op.ticketId)
      .executeTakeFirst();
    if (!ticket || ticket.inmate_id !== ctx.item.inmateId)
      throw new Rejection('not_found', 'This ticket does not exist.');
    if (ticket.status === 'closed') throw new Rejection('closed', 'This ticket is closed.');
    const replies = [
      ...(JSON.parse(ticket.replies) as unknown[]),
      { from: 'inmate', body: op.body, at: ctx.item.createdAt },
    ];
    await ctx.w.trx
      .updateTable('tickets')
      .set({ replies: JSON.stringify(replies), status: 'open', updated_at: ctx.w.now })
      .where('id', '=', op.ticketId)
      .execute();
    await ctx.w.changed('tickets', op.ticketId, ctx.scope);
  },
  async 'pin.change'(ctx, op) {
    const inmate = await ctx.w.trx
      .selectFrom('inmates')
      .select('pin_version')
      .where('id', '=', ctx.item.inmateId)
      .executeTakeFirstOrThrow();
    if (op.pinVersion !== inmate.pin_version)
      throw new Rejection('stale_pin', 'The PIN was changed elsewhere in the meantime.');
    await ctx.w.trx
      .updateTable('inmates')
      .set({ pin_hash: JSON.stringify(op.pinHash), pin_version: inmate.pin_version + 1, updated_at: ctx.w.now })
      .where('id', '=', ctx.item.inmateId)
      .execute();
    await ctx.w.changed('inmates', ctx.item.inmateId, ctx.scope);
  },
  async 'pin.reset'(ctx, op) {
    const inmate = await ctx.w.trx
      .selectFrom('inmates')
      .select(['pin_reset', 'pin_version'])
      .where('id', '=', ctx.item.inmateId)
      .executeTakeFirstOrThrow();
    const reset = inmate.pin_reset ? (JSON.parse(inmate.pin_reset) as { codeHash: unknown; expiresAt: number }) : null;
    const codeHash = reset ? SecretHash.safeParse(reset.codeHash) : null;
    const valid =
      reset &&
      codeHash?.success &&
      reset.expiresAt > ctx.w.now &&
      (await hasher.verify(normalizeHumanCode(op.resetCode), codeHash.data));
    if (!valid) throw new Rejection('bad_reset_code', 'The reset code is wrong, used or expired.');
    await ctx.w.trx
      .updateTable('inmates')
      .set({
        pin_hash: JSON.stringify(op.pinHash),
        pin_version: inmate.pin_version + 1,
        pin_reset: null,
        updated_at: ctx.w.now,
      })
      .where('id', '=', ctx.item.inmateId)
      .execute();
    await ctx.w.changed('inmates', ctx.item.inmateId, ctx.scope);
  },
};

/**
 * Applies one outbox item exactly once. The receipt is written in the same
 * transaction as the effect, keyed by the client's id, so a retried push
 * (lost ack, device killed mid-push) gets the first answer back and acts
 * never twice. A Retry is not stored: the item may succeed later.
 */
export async function applyPushItem(
  ctx: ServerContext,
  media: MediaStore,
  device: Device,
  item: PushItem,
): Promise<PushResult> {
  const known = await ctx.db
    .selectFrom('outbox_receipts')
    .select('result')
    .where('id', '=', item.id)
    .executeTakeFirst();
  if (known) return PushResultSchema.parse(JSON.parse(known.result));
  const allowed = await allowedInmateIds(ctx, device);
  if (!allowed.includes(item.inmateId)) {
    return {
      id: item.id,
      status: 'rejected',
      reason: 'forbidden',
      message: 'This device may not act for this person.',
    };
  }
  const inmate = await ctx.db
    .selectFrom('inmates')
    .select(['facility_id', 'unit_id', 'status'])
    .where('id', '=', item.inmateId)
    .executeTakeFirstOrThrow();
  const scope = { facilityId: inmate.facility_id, unitId: inmate.unit_id, inmateId: item.inmateId };
  const storeReceipt = (result: PushResult) =>
    write(ctx, async (w) => {
      // A concurrent push of the same id may have committed first; its answer stands.
      const raced = await w.trx
        .selectFrom('outbox_receipts')
        .select('result')
        .where('id', '=', item.id)
        .executeTakeFirst();
      if (raced) return PushResultSchema.parse(JSON.parse(raced.result));
      await w.trx
        .insertInto('outbox_receipts')
        .values({ id: item.id, device_id: device.id, result: JSON.stringify(result), at: w.now })
        .execute();
      return result;
    });
  try {
    return await write(ctx, async (w) => {
      const raced = await w.trx
        .selectFrom('outbox_receipts')
        .select('result')
        .where('id', '=', item.id)
        .executeTakeFirst();
      if (raced) return PushResultSchema.parse(JSON.parse(raced.result));
      if (inmate.status !== 'active') throw new Rejection('released', 'This person has been released.');
      const run = operations[item.op.kind] as (c: OpContext, op: PushItem['op']) => Promise<void>;
      await run({ w, item, scope, media }, item.op);
      const result: PushResult = { id: item.id, status: 'accepted' };
      await w.trx
        .insertInto('outbox_receipts')
        .values({ id: item.id, device_id: device.id, result: JSON.stringify(result), at: w.now })
        .execute();
      return result;
    });
  } catch (error) {
    if (error instanceof Retry) return { id: item.id, status: 'retry', reason: error.reason };
    // A rejection rolls back everything the operation wrote, then the "no" itself is kept as the receipt.
    if (error instanceof Rejection)
      return storeReceipt({ id: item.id, status: 'rejected', reason: error.reason, message: error.message });
    throw error;
  }
}
