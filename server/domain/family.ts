import { uuidv7 } from 'uuidv7';
import {
  DEPOSIT_MAX_CENTS,
  DEPOSIT_MIN_CENTS,
  VIDEOGRAM_MAX_BYTES,
  VIDEOGRAM_MAX_MS,
} from '../../shared/domain/limits';
import { videoDurationMs } from '../../shared/media/video-duration';
import type { Readable } from 'node:stream';
import { HttpError } from '../http/http-error';
import { MediaTooLargeError, type MediaStore } from '../media/media-store';
import { PhotoRejected, reencodePhoto } from '../media/reencode-photo';
import { inmateScope, write, type ServerContext } from './context';
import { depositFee, facilitySettings, FeeSchedule, reviewPolicy } from './facility-settings';
import { addLedgerEntry } from './ledger';
import { characterCount } from '../../shared/domain/text-length';
import { isECardTemplateId } from '../../shared/domain/ecards';
import type { DepositHistoryItem } from '../../shared/domain/deposit-history';

/** A family member's approved contact, or a 404 (never someone else's). */
async function ownContact(ctx: ServerContext, familyId: string, contactId: string, approved = true) {
  const contact = await ctx.db
    .selectFrom('contacts')
    .selectAll()
    .where('id', '=', contactId)
    .where('family_id', '=', familyId)
    .executeTakeFirst();
  if (!contact) throw new HttpError(404, 'not_found', 'No such contact.');
  if (approved && contact.status !== 'approved')
    throw new HttpError(409, 'contact_not_approved', 'Staff have not approved this contact yet.');
  return contact;
}

async function facilityOfInmate(ctx: ServerContext, inmateId: string) {
  return ctx.db
    .selectFrom('inmates')
    .innerJoin('facilities', 'facilities.id', 'inmates.facility_id')
    .select([
      'facilities.id',
      'facilities.name',
      'facilities.settings',
      'facilities.fee_schedule',
      'facilities.review_policy',
      'inmates.status',
    ])
    .where('inmates.id', '=', inmateId)
    .executeTakeFirstOrThrow();
}

/** Asks to be an inmate's contact; staff approve it before anything can be sent. */
export async function requestContact(
  ctx: ServerContext,
  familyId: string,
  input: { docNumber: string; relationship: string | null },
) {
  const family = await ctx.db
    .selectFrom('family_accounts')
    .select('display_name')
    .where('id', '=', familyId)
    .executeTakeFirstOrThrow();
  const inmate = await ctx.db
    .selectFrom('inmates')
    .select(['id', 'facility_id', 'unit_id'])
    .where('doc_number', '=', input.docNumber.trim())
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (!inmate) throw new HttpError(404, 'inmate_not_found', 'No one with this DOC number is at a facility here.');
  const existing = await ctx.db
    .selectFrom('contacts')
    .select(['id', 'status'])
    .where('inmate_id', '=', inmate.id)
    .where('family_id', '=', familyId)
    .executeTakeFirst();
  if (existing) return existing;
  const id = uuidv7();
  await write(ctx, async (w) => {
    await w.trx
      .insertInto('contacts')
      .values({
        id,
        inmate_id: inmate.id,
        family_id: familyId,
        display_name: family.display_name,
        relationship: input.relationship,
        status: 'pending',
        updated_at: w.now,
      })
      .execute();
    await w.changed('contacts', id, { facilityId: inmate.facility_id, unitId: inmate.unit_id, inmateId: inmate.id });
  });
  return { id, status: 'pending' as const };
}

export async function approveContact(
  ctx: ServerContext,
  facilityId: string,
  contactId: string,
  approve: boolean,
): Promise<void> {
  await write(ctx, async (w) => {
    const contact = await w.trx
      .selectFrom('contacts')
      .innerJoin('inmates', 'inmates.id', 'contacts.inmate_id')
      .select(['contacts.id', 'contacts.inmate_id', 'inmates.facility_id'])
      .where('contacts.id', '=', contactId)
      .executeTakeFirst();
    if (!contact || contact.facility_id !== facilityId) throw new HttpError(404, 'not_found', 'No such contact.');
    await w.trx
      .updateTable('contacts')
      .set({ status: approve ? 'approved' : 'blocked', updated_at: w.now })
      .where('id', '=', contactId)
      .execute();
    await w.changed('contacts', contactId, await inmateScope(w.trx, contact.inmate_id));
  });
}

/** What a deposit costs the family: the amount (which the inmate receives, less the facility's fee) and the fee. */
export async function quoteDeposit(ctx: ServerContext, familyId: string, contactId: string, amountCents: number) {
  const contact = await ownContact(ctx, familyId, contactId);
  if (!Number.isSafeInteger(amountCents) || amountCents < DEPOSIT_MIN_CENTS || amountCents > DEPOSIT_MAX_CENTS) {
    throw new HttpError(
      400,
      'amount_out_of_range',
      `Deposits are between $${DEPOSIT_MIN_CENTS / 100} and $${DEPOSIT_MAX_CENTS / 100}.`,
      { minCents: DEPOSIT_MIN_CENTS, maxCents: DEPOSIT_MAX_CENTS },
    );
  }
  const facility = await facilityOfInmate(ctx, contact.inmate_id);
  const feeCents = depositFee(FeeSchedule.parse(JSON.parse(facility.fee_schedule)), amountCents);
  return { contact, amountCents, feeCents, creditedCents: amountCents - feeCents };
}

/**
 * A one-time deposit now (the payment provider has charged the family
 * before this runs: `paymentReference` is set), or a recurring/scheduled one
 * (`paymentReference` null) the scheduler charges and credits on every run.
 * The inmate's ledger gets the deposit and the facility fee as two entries.
 */
export async function deposit(
  ctx: ServerContext,
  familyId: string,
  input: {
    contactId: string;
    amountCents: number;
    recurrence: 'once' | 'weekly' | 'monthly';
    startAt: number | null;
    paymentToken: string;
    paymentReference: string | null;
  },
) {
  const quote = await quoteDeposit(ctx, familyId, input.contactId, input.amountCents);
  const family = await ctx.db
    .selectFrom('family_accounts')
    .select('display_name')
    .where('id', '=', familyId)
    .executeTakeFirstOrThrow();
  return write(ctx, async (w) => {
    const scope = await inmateScope(w.trx, quote.contact.inmate_id);
    const full = { facilityId: scope.facilityId, unitId: scope.unitId ?? null, inmateId: quote.contact.inmate_id };
    const receiptId = uuidv7();
    const later = input.paymentReference === null;
    if (later) {
      await w.trx
        .insertInto('scheduled_deposits')
        .values({
          id: receiptId,
          inmate_id: quote.contact.inmate_id,
          family_id: familyId,
          from_name: family.display_name,
          amount_cents: input.amountCents,
          next_at: input.startAt ?? w.now,
          recurrence: input.recurrence,
          active: 1,
          payment_token: input.paymentToken,
        })
        .execute();
      await w.changed('scheduled_deposits', receiptId, full);
    } else {
      await w.trx
        .insertInto('deposit_receipts')
        .values({
          id: receiptId,
          family_id: familyId,
          inmate_id: quote.contact.inmate_id,
          schedule_id: null,
          amount_cents: input.amountCents,
          fee_cents: quote.feeCents,
          status: 'completed',
          at: w.now,
        })
        .execute();
      await addLedgerEntry(w, full, {
        kind: 'deposit',
        amountCents: input.amountCents,
        label: { code: 'deposit', from: family.display_name },
        refId: receiptId,
      });
      if (quote.feeCents > 0)
        await addLedgerEntry(w, full, {
          kind: 'fee',
          amountCents: -quote.feeCents,
          label: { code: 'deposit_fee' },
          refId: receiptId,
        });
    }
    return {
      receiptId,
      scheduled: later,
      amountCents: input.amountCents,
      feeCents: quote.feeCents,
      creditedCents: quote.creditedCents,
      paymentReference: input.paymentReference,
    };
  });
}

/** A family message: text, photos (metadata stripped) or an eCard; staff review it if the facility says so. */
export async function sendFamilyMessage(
  ctx: ServerContext,
  media: MediaStore,
  familyId: string,
  input: {
    contactId: string;
    body: string;
    photos: { base64: string; alt: string }[];
    ecard: { templateId: string; greeting: string } | null;
  },
) {
  const contact = await ownContact(ctx, familyId, input.contactId);
  const facility = await facilityOfInmate(ctx, contact.inmate_id);
  const settings = facilitySettings(facility);
  const policy = reviewPolicy(facility);
  if (characterCount(input.body) > settings.messageMaxChars) {
    throw new HttpError(400, 'too_long', `Messages can be at most ${settings.messageMaxChars} characters.`, {
      max: settings.messageMaxChars,
    });
  }
  if (input.photos.length > settings.maxPhotosPerMessage)
    throw new HttpError(400, 'too_many_photos', `At most ${settings.maxPhotosPerMessage} photos.`, {
      max: settings.maxPhotosPerMessage,
    });
  if (!input.body.trim() && input.photos.length === 0 && !input.ecard)
    throw new HttpError(400, 'empty', 'The message is empty.');
  // The route's schema already refuses an unknown template; checked again here for any other caller.
  if (input.ecard && !isECardTemplateId(input.ecard.templateId))
    throw new HttpError(400, 'unknown_template', 'There is no eCard template with that name.');
  // Every photo is decoded and encoded again before anything is stored: one bad photo refuses the message
  // with nothing written.
  const encoded: { bytes: Buffer; mime: string; alt: string }[] = [];
  for (const [index, photo] of input.photos.entries()) {
    try {
      encoded.push({ ...(await reencodePhoto(Buffer.from(photo.base64, 'base64'))), alt: photo.alt.slice(0, 300) });
    } catch (error) {
      if (error instanceof PhotoRejected)
        throw new HttpError(400, error.problem, `Photo ${index + 1}: ${error.message}`, { photo: index + 1 });
      throw error;
    }
  }
  const photos: { sha256: string; mime: string; bytes: number; alt: string }[] = [];
  for (const photo of encoded)
    photos.push({
      sha256: await media.putBytes(photo.bytes),
      mime: photo.mime,
      bytes: photo.bytes.length,
      alt: photo.alt,
    });
  // An eCard's greeting is the family's own text: it follows the facility's text policy.
  const needsReview =
    ((input.body.trim() !== '' || input.ecard !== null) && policy.incomingText) ||
    (photos.length > 0 && policy.incomingPhotos);
  const id = uuidv7();
  await write(ctx, async (w) => {
    for (const photo of photos) {
      await w.trx
        .insertInto('media')
        .values({ sha256: photo.sha256, mime: photo.mime, bytes: photo.bytes, created_at: w.now })
        .onConflict((oc) => oc.column('sha256').doNothing())
        .execute();
      await w.trx
        .insertInto('media_refs')
        .values({ sha256: photo.sha256, facility_id: facility.id, inmate_id: contact.inmate_id })
        .execute();
    }
    await w.trx
      .insertInto('messages')
      .values({
        id,
        inmate_id: contact.inmate_id,
        contact_id: contact.id,
        direction: 'in',
        kind: input.ecard ? 'ecard' : 'text',
        body: input.body.trim(),
        photos: JSON.stringify(photos),
        ecard: input.ecard ? JSON.stringify(input.ecard) : null,
        videogram: null,
        status: needsReview ? 'pending_review' : 'approved',
        rejection_reason: null,
        client_op_id: null,
        stamp_cents: settings.stampPriceCents,
        created_at: w.now,
        deliver_at: w.now,
        delivery_announced: 1,
        read_at: null,
        updated_at: w.now,
      })
      .execute();
    await w.changed('messages', id, await inmateScope(w.trx, contact.inmate_id));
  });
  return { id, status: needsReview ? 'pending_review' : 'approved' };
}

/**
 * A videogram from a family (up to three minutes, measured from the file
 * itself), optionally scheduled: it reaches the inmate at `deliverAt`, after
 * review if the facility reviews videograms.
 */
export async function sendFamilyVideogram(
  ctx: ServerContext,
  media: MediaStore,
  familyId: string,
  input: { contactId: string; deliverAt: number | null; upload: Readable; mime: string },
) {
  const contact = await ownContact(ctx, familyId, input.contactId);
  const facility = await facilityOfInmate(ctx, contact.inmate_id);
  let stored: { sha256: string; bytes: number };
  try {
    stored = await media.putUnknown(input.upload, VIDEOGRAM_MAX_BYTES);
  } catch (error) {
    if (error instanceof MediaTooLargeError)
      throw new HttpError(413, 'too_large', 'A videogram file can be at most 60 MB.');
    throw error;
  }
  const durationMs = videoDurationMs(await media.readAll(stored.sha256));
  if (durationMs === null) throw new HttpError(415, 'unreadable_video', 'This is not a WebM or MP4 video we can read.');
  if (durationMs > VIDEOGRAM_MAX_MS + 500)
    throw new HttpError(400, 'duration_exceeded', 'Videograms can be at most 3 minutes long.');
  const now = ctx.now();
  const deliverAt = input.deliverAt !== null && input.deliverAt > now ? input.deliverAt : now;
  const id = uuidv7();
  const needsReview = reviewPolicy(facility).incomingVideograms;
  await write(ctx, async (w) => {
    await w.trx
      .insertInto('media')
      .values({ sha256: stored.sha256, mime: input.mime, bytes: stored.bytes, created_at: w.now })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    await w.trx
      .insertInto('media_refs')
      .values({ sha256: stored.sha256, facility_id: facility.id, inmate_id: contact.inmate_id })
      .execute();
    await w.trx
      .insertInto('messages')
      .values({
        id,
        inmate_id: contact.inmate_id,
        contact_id: contact.id,
        direction: 'in',
        kind: 'videogram',
        body: '',
        photos: '[]',
        ecard: null,
        videogram: JSON.stringify({
          video: { sha256: stored.sha256, mime: input.mime, bytes: stored.bytes },
          durationMs,
          captions: null,
        }),
        status: needsReview ? 'pending_review' : 'approved',
        rejection_reason: null,
        client_op_id: null,
        stamp_cents: facilitySettings(facility).videogramStampPriceCents,
        created_at: w.now,
        deliver_at: deliverAt,
        // A scheduled videogram is announced to devices by the scheduler at its time.
        delivery_announced: deliverAt > w.now ? 0 : 1,
        read_at: null,
        updated_at: w.now,
      })
      .execute();
    await w.changed('messages', id, await inmateScope(w.trx, contact.inmate_id));
  });
  return { id, status: needsReview ? 'pending_review' : 'approved', durationMs, deliverAt };
}

/** Everything between this family and their contacts, both ways, with statuses. */
export async function familyMessages(ctx: ServerContext, familyId: string) {
  return (
    ctx.db
      .selectFrom('messages')
      .innerJoin('contacts', 'contacts.id', 'messages.contact_id')
      .innerJoin('inmates', 'inmates.id', 'messages.inmate_id')
      .select([
        'messages.id',
        'messages.direction',
        'messages.kind',
        'messages.body',
        'messages.status',
        'messages.rejection_reason',
        'messages.created_at',
        'inmates.first_name',
        'inmates.last_name',
      ])
      .where('contacts.family_id', '=', familyId)
      // Replies from the inmate only once staff let them through.
      .where((eb) =>
        eb.or([eb('messages.direction', '=', 'in'), eb('messages.status', 'in', ['approved', 'delivered'])]),
      )
      .orderBy('messages.created_at', 'desc')
      .limit(200)
      .execute()
  );
}

/**
 * A family's deposits: upcoming scheduled and recurring ones first (with the
 * fee the facility charges today), then receipts, newest first.
 */
export async function familyDeposits(ctx: ServerContext, familyId: string): Promise<DepositHistoryItem[]> {
  const upcoming = await ctx.db
    .selectFrom('scheduled_deposits')
    .innerJoin('inmates', 'inmates.id', 'scheduled_deposits.inmate_id')
    .innerJoin('facilities', 'facilities.id', 'inmates.facility_id')
    .select([
      'scheduled_deposits.id',
      'scheduled_deposits.amount_cents',
      'scheduled_deposits.next_at',
      'scheduled_deposits.recurrence',
      'inmates.first_name',
      'inmates.last_name',
      'facilities.fee_schedule',
    ])
    .where('scheduled_deposits.family_id', '=', familyId)
    .where('scheduled_deposits.active', '=', 1)
    .orderBy('scheduled_deposits.next_at')
    .limit(100)
    .execute();
  const done = await ctx.db
    .selectFrom('deposit_receipts')
    .innerJoin('inmates', 'inmates.id', 'deposit_receipts.inmate_id')
    .select([
      'deposit_receipts.id',
      'deposit_receipts.amount_cents',
      'deposit_receipts.fee_cents',
      'deposit_receipts.status',
      'deposit_receipts.at',
      'inmates.first_name',
      'inmates.last_name',
    ])
    .where('deposit_receipts.family_id', '=', familyId)
    .orderBy('deposit_receipts.at', 'desc')
    .limit(200)
    .execute();
  return [
    ...upcoming.map((d) => ({
      id: d.id,
      name: `${d.first_name} ${d.last_name}`,
      amountCents: d.amount_cents,
      feeCents: depositFee(FeeSchedule.parse(JSON.parse(d.fee_schedule)), d.amount_cents),
      status: 'scheduled' as const,
      recurrence: d.recurrence,
      at: d.next_at,
    })),
    ...done.map((d) => ({
      id: d.id,
      name: `${d.first_name} ${d.last_name}`,
      amountCents: d.amount_cents,
      feeCents: d.fee_cents,
      status: d.status,
      recurrence: null,
      at: d.at,
    })),
  ];
}
