import { uuidv7 } from 'uuidv7';
import type { Insertable } from 'kysely';
import type { Database } from '../../db/schema';
import { VIDEOGRAM_MAX_BYTES, VIDEOGRAM_MAX_MS } from '../../../shared/domain/limits';
import { videoDurationMs } from '../../../shared/media/video-duration';
import { readFileSync } from 'node:fs';
import { bytesMatchType } from '../../../shared/media/sniff';
import type { Readable } from 'node:stream';
import { HttpError } from '../../http/http-error';
import { MediaTooLargeError, type MediaStore } from '../../media/media-store';
import { PhotoRejected, reencodePhoto } from '../../media/reencode-photo';
import { inmateScope, write, type ServerContext, type Writer } from '../context';
import { screenArrival } from './keyword-holds';
import { recordEvents } from './message-events';
import { facilitySettings, reviewPolicy } from '../facility-settings';
import { characterCount } from '../../../shared/domain/text-length';
import { isECardTemplateId } from '../../../shared/domain/ecards';

import { facilityOfInmate, ownContact } from '../people/contacts';

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
  // Listed words hold it for review even where the policy would let it through.
  const screen = await screenArrival(ctx.db, facility.id, needsReview, {
    body: input.body.trim(),
    greeting: input.ecard?.greeting ?? null,
  });
  const id = uuidv7();
  await write(ctx, (w) =>
    storeArrival(w, id, contact, facility.id, screen, photos, {
      kind: input.ecard ? 'ecard' : 'text',
      body: input.body, // stored exactly as written
      photos: JSON.stringify(photos),
      ecard: input.ecard ? JSON.stringify(input.ecard) : null,
      videogram: null,
      stamp_cents: settings.stampPriceCents,
      deliver_at: w.now,
      delivery_announced: 1,
    }),
  );
  return { id, status: screen.status };
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
  let durationMs = 0;
  try {
    // Checked before the upload becomes a blob: a refused videogram leaves no file behind.
    stored = await media.putUnknown(input.upload, VIDEOGRAM_MAX_BYTES, (temp) => {
      const bytes = readFileSync(temp);
      const measured = bytesMatchType(input.mime, bytes) ? videoDurationMs(bytes) : null;
      if (measured === null)
        throw new HttpError(415, 'unreadable_video', 'This is not a WebM or MP4 video we can read.');
      if (measured > VIDEOGRAM_MAX_MS + 500)
        throw new HttpError(400, 'duration_exceeded', 'Videograms can be at most 3 minutes long.');
      durationMs = measured;
    });
  } catch (error) {
    if (error instanceof MediaTooLargeError)
      throw new HttpError(413, 'too_large', 'A videogram file can be at most 60 MB.');
    throw error;
  }
  const now = ctx.now();
  const deliverAt = input.deliverAt !== null && input.deliverAt > now ? input.deliverAt : now;
  const id = uuidv7();
  const screen = await screenArrival(ctx.db, facility.id, reviewPolicy(facility).incomingVideograms, { body: '' });
  const video = { sha256: stored.sha256, mime: input.mime, bytes: stored.bytes };
  await write(ctx, (w) =>
    storeArrival(w, id, contact, facility.id, screen, [video], {
      kind: 'videogram',
      body: '',
      photos: '[]',
      ecard: null,
      videogram: JSON.stringify({ video, durationMs, captions: null }),
      stamp_cents: facilitySettings(facility).videogramStampPriceCents,
      deliver_at: deliverAt,
      // A scheduled videogram is announced to devices by the scheduler at its time.
      delivery_announced: deliverAt > w.now ? 0 : 1,
    }),
  );
  return { id, status: screen.status, durationMs, deliverAt };
}

/**
 * Stores an arrival from a family in the writer's transaction: its media (once per blob) and who may fetch
 * them, the message as the screening left it, its trail, and the change devices pull.
 */
async function storeArrival(
  w: Writer,
  id: string,
  contact: { id: string; inmate_id: string },
  facilityId: string,
  screen: Awaited<ReturnType<typeof screenArrival>>,
  media: readonly { sha256: string; mime: string; bytes: number }[],
  message: Pick<
    Insertable<Database['messages']>,
    'kind' | 'body' | 'photos' | 'ecard' | 'videogram' | 'stamp_cents' | 'deliver_at' | 'delivery_announced'
  >,
): Promise<void> {
  for (const blob of media) {
    await w.trx
      .insertInto('media')
      .values({ sha256: blob.sha256, mime: blob.mime, bytes: blob.bytes, created_at: w.now })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    await w.trx
      .insertInto('media_refs')
      .values({ sha256: blob.sha256, facility_id: facilityId, inmate_id: contact.inmate_id })
      .execute();
  }
  await w.trx
    .insertInto('messages')
    .values({
      id,
      inmate_id: contact.inmate_id,
      contact_id: contact.id,
      direction: 'in',
      ...message,
      status: screen.status,
      ...screen.columns,
      rejection_reason: null,
      client_op_id: null,
      created_at: w.now,
      read_at: null,
      updated_at: w.now,
    })
    .execute();
  await recordEvents(w.trx, id, [
    { at: w.now, kind: 'received' },
    { at: w.now, ...screen.event },
  ]);
  await w.changed('messages', id, await inmateScope(w.trx, contact.inmate_id));
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
        'messages.reason_note',
        'messages.created_at',
        'inmates.first_name',
        'inmates.last_name',
        'inmates.facility_id',
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
