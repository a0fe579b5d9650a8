import { HttpError } from '../http/http-error';
import { inmateScope, write, type ServerContext } from './context';
import { addLedgerEntry } from './ledger';

export type ReviewDecision = { decision: 'approve' } | { decision: 'reject'; reason: string };

interface QueuePhoto {
  sha256: string;
  mime: string;
  bytes: number;
  alt: string;
}
interface QueueVideogram {
  video: { sha256: string; mime: string; bytes: number };
  durationMs: number;
}

/**
 * The review queue of a facility: messages both ways waiting for staff,
 * oldest first, with their photos, eCard and videogram as objects (the
 * console loads the media itself through `/api/staff/media/:sha256`).
 */
export async function reviewQueue(ctx: ServerContext, facilityId: string, limit = 50) {
  const rows = await ctx.db
    .selectFrom('messages')
    .innerJoin('inmates', 'inmates.id', 'messages.inmate_id')
    .innerJoin('contacts', 'contacts.id', 'messages.contact_id')
    .select([
      'messages.id',
      'messages.direction',
      'messages.kind',
      'messages.body',
      'messages.photos',
      'messages.ecard',
      'messages.videogram',
      'messages.created_at',
      'inmates.doc_number',
      'inmates.first_name',
      'inmates.last_name',
      'contacts.display_name as contact_name',
    ])
    .where('inmates.facility_id', '=', facilityId)
    .where('messages.status', '=', 'pending_review')
    .orderBy('messages.created_at')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    ...row,
    // Stored JSON is written by this server from schema-checked data.
    photos: JSON.parse(row.photos) as QueuePhoto[],
    ecard: row.ecard ? (JSON.parse(row.ecard) as { templateId: string; greeting: string }) : null,
    videogram: row.videogram ? (JSON.parse(row.videogram) as QueueVideogram) : null,
  }));
}

/**
 * A blob a reviewer of this facility may look at: only media referenced by a
 * message of one of the facility's inmates (photos and videograms), never
 * another facility's, never a catalog file, never what nothing refers to.
 * Null when not theirs.
 */
export async function reviewableMedia(
  ctx: ServerContext,
  facilityId: string,
  sha256: string,
): Promise<{ sha256: string; mime: string; bytes: number } | null> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
  // media_refs (indexed by hash and facility) names the inmates whose messages carry it; one of their
  // messages must really refer to it (catalog files have no inmate and are not for review).
  const owners = await ctx.db
    .selectFrom('media_refs')
    .select('inmate_id')
    .distinct()
    .where('sha256', '=', sha256)
    .where('facility_id', '=', facilityId)
    .where('inmate_id', 'is not', null)
    .execute();
  const inmates = owners.flatMap((o) => (o.inmate_id ? [o.inmate_id] : []));
  if (inmates.length === 0) return null;
  const needle = `%"${sha256}"%`;
  const referenced = await ctx.db
    .selectFrom('messages')
    .innerJoin('inmates', 'inmates.id', 'messages.inmate_id')
    .select('messages.id')
    .where('messages.inmate_id', 'in', inmates)
    .where('inmates.facility_id', '=', facilityId)
    .where((eb) => eb.or([eb('messages.photos', 'like', needle), eb('messages.videogram', 'like', needle)]))
    .limit(1)
    .executeTakeFirst();
  if (!referenced) return null;
  const blob = await ctx.db
    .selectFrom('media')
    .select(['sha256', 'mime', 'bytes'])
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  return blob ?? null;
}

/**
 * A reviewer's decision on one message. Approval makes an incoming message
 * visible to the inmate's devices (through the change log, so online ones
 * hear of it at once); rejection keeps the reason for both sides to see,
 * and refunds the stamp of an outgoing message.
 */
export async function reviewMessage(
  ctx: ServerContext,
  facilityId: string,
  messageId: string,
  review: ReviewDecision,
): Promise<void> {
  await write(ctx, async (w) => {
    const message = await w.trx
      .selectFrom('messages')
      .innerJoin('inmates', 'inmates.id', 'messages.inmate_id')
      .select([
        'messages.id',
        'messages.inmate_id',
        'messages.status',
        'messages.direction',
        'messages.stamp_cents',
        'inmates.facility_id',
      ])
      .where('messages.id', '=', messageId)
      .executeTakeFirst();
    if (!message || message.facility_id !== facilityId) throw new HttpError(404, 'not_found', 'No such message.');
    if (message.status !== 'pending_review')
      throw new HttpError(409, 'already_reviewed', 'This message was already reviewed.');
    const reason = review.decision === 'reject' ? review.reason.trim().slice(0, 500) : null;
    if (review.decision === 'reject' && !reason)
      throw new HttpError(400, 'reason_required', 'A rejection needs a reason.');
    await w.trx
      .updateTable('messages')
      .set({
        status: review.decision === 'approve' ? 'approved' : 'rejected',
        rejection_reason: reason,
        updated_at: w.now,
      })
      .where('id', '=', messageId)
      .execute();
    const scope = await inmateScope(w.trx, message.inmate_id);
    if (review.decision === 'reject' && message.direction === 'out' && message.stamp_cents > 0) {
      await addLedgerEntry(
        w,
        { facilityId: scope.facilityId, unitId: scope.unitId ?? null, inmateId: message.inmate_id },
        {
          kind: 'refund',
          amountCents: message.stamp_cents,
          label: { code: 'stamp_refund' },
          refId: messageId,
        },
      );
    }
    await w.changed('messages', messageId, scope);
  });
}
