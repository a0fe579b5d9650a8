import { sql } from 'kysely';
import { z } from 'zod';
import { HttpError } from '../../http/http-error';
import { inmateScope, write, type ServerContext, type Writer } from '../context';
import { addLedgerEntry } from '../ledger/ledger';
import { recordEvents } from './message-events';
import { activeReasonCode } from './review-reasons';

import { ReviewDecision } from '../../../shared/portal-api/review-schemas';

export { ReviewDecision } from '../../../shared/portal-api/review-schemas';

/** How long a reviewer has the message they are looking at to themselves. */
const CLAIM_MS = 2 * 60_000;
/** The default undo window: a decision takes effect (and the message moves) only after it. */
export const DEFAULT_UNDO_MS = 5_000;

const PendingDecision = ReviewDecision.and(z.object({ by: z.string() }));

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

/** The message must be this facility's, still waiting, with no decision pending. */
async function reviewable(w: Writer, facilityId: string, messageId: string) {
  const message = await w.trx
    .selectFrom('messages')
    .innerJoin('inmates', 'inmates.id', 'messages.inmate_id')
    .select([
      'messages.status',
      'messages.pending_decision',
      'messages.claimed_by',
      'messages.claim_expires_at',
      'inmates.facility_id',
    ])
    .where('messages.id', '=', messageId)
    .executeTakeFirst();
  if (!message || message.facility_id !== facilityId) throw new HttpError(404, 'not_found', 'No such message.');
  if (message.status !== 'pending_review' || message.pending_decision !== null)
    throw new HttpError(409, 'already_reviewed', 'This message was already reviewed.');
  return message;
}

const claimIsFree = (staffId: string, now: number) =>
  sql<boolean>`(claimed_by is null or claimed_by = ${staffId} or claim_expires_at <= ${now})`;

/**
 * A reviewer takes the message on their screen: nobody else can decide it
 * until the claim expires (or they move on to another, which lets this one
 * go). A second reviewer is told another one has it.
 */
export async function claimMessage(
  ctx: ServerContext,
  facilityId: string,
  staffId: string,
  messageId: string,
): Promise<{ claimedUntil: number }> {
  return write(ctx, async (w) => {
    await reviewable(w, facilityId, messageId);
    const claimed = await w.trx
      .updateTable('messages')
      .set({ claimed_by: staffId, claim_expires_at: w.now + CLAIM_MS })
      .where('id', '=', messageId)
      .where('status', '=', 'pending_review')
      .where('pending_decision', 'is', null)
      .where(claimIsFree(staffId, w.now))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1)
      throw new HttpError(409, 'claimed_by_other', 'Another reviewer is looking at this message.');
    // One message at a time: the one they left is free for others again.
    await w.trx
      .updateTable('messages')
      .set({ claimed_by: null, claim_expires_at: null })
      .where('claimed_by', '=', staffId)
      .where('id', '!=', messageId)
      .where('pending_decision', 'is', null)
      .execute();
    return { claimedUntil: w.now + CLAIM_MS };
  });
}

/**
 * A reviewer's decision. It waits out the undo window (`undoMs`) before it
 * takes effect: until then the message stays in review, invisible to the
 * recipient, and `undoDecision` can take it back. With `undoMs` 0 it takes
 * effect at once. The conditional update makes the first of two reviewers
 * win; the second is told the message was reviewed or is someone else's.
 */
export async function decideMessage(
  ctx: ServerContext,
  facilityId: string,
  staffId: string,
  messageId: string,
  decision: ReviewDecision,
  undoMs: number,
): Promise<{ undoUntil: number | null }> {
  return write(ctx, async (w) => {
    const message = await reviewable(w, facilityId, messageId);
    if (message.claimed_by && message.claimed_by !== staffId && (message.claim_expires_at ?? 0) > w.now)
      throw new HttpError(409, 'claimed_by_other', 'Another reviewer is looking at this message.');
    if (decision.decision === 'reject' && !(await activeReasonCode(w.trx, facilityId, decision.reasonCode)))
      throw new HttpError(400, 'unknown_reason', 'Pick one of the facility reasons.');
    const pending = JSON.stringify({ ...decision, by: staffId });
    const taken = await w.trx
      .updateTable('messages')
      .set({ pending_decision: pending, decision_due_at: w.now + undoMs, claimed_by: staffId })
      .where('id', '=', messageId)
      .where('status', '=', 'pending_review')
      .where('pending_decision', 'is', null)
      .where(claimIsFree(staffId, w.now))
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) !== 1)
      throw new HttpError(409, 'already_reviewed', 'This message was already reviewed.');
    if (undoMs <= 0) {
      await applyDecision(w, messageId);
      return { undoUntil: null };
    }
    return { undoUntil: w.now + undoMs };
  });
}

/** Takes a decision back inside its undo window; only the reviewer who made it can. */
export async function undoDecision(
  ctx: ServerContext,
  facilityId: string,
  staffId: string,
  messageId: string,
): Promise<void> {
  await write(ctx, async (w) => {
    const owner = await w.trx
      .selectFrom('messages')
      .innerJoin('inmates', 'inmates.id', 'messages.inmate_id')
      .select('inmates.facility_id')
      .where('messages.id', '=', messageId)
      .executeTakeFirst();
    if (!owner || owner.facility_id !== facilityId) throw new HttpError(404, 'not_found', 'No such message.');
    const undone = await w.trx
      .updateTable('messages')
      .set({ pending_decision: null, decision_due_at: null, claim_expires_at: w.now + CLAIM_MS })
      .where('id', '=', messageId)
      .where('status', '=', 'pending_review')
      .where('pending_decision', 'is not', null)
      .where('decision_due_at', '>', w.now)
      .where('claimed_by', '=', staffId)
      .executeTakeFirst();
    if (Number(undone.numUpdatedRows) !== 1)
      throw new HttpError(409, 'too_late', 'This decision has already taken effect.');
    await recordEvents(w.trx, messageId, [{ at: w.now, kind: 'undone', actorId: staffId }]);
  });
}

/** Decisions whose undo window has passed take effect (the server runs this every second). */
export async function finalizeDueDecisions(ctx: ServerContext): Promise<number> {
  const due = await ctx.db
    .selectFrom('messages')
    .select('id')
    .where('pending_decision', 'is not', null)
    .where('decision_due_at', '<=', ctx.now())
    .orderBy('decision_due_at')
    .limit(500)
    .execute();
  let applied = 0;
  for (const { id } of due) {
    // One transaction per message: an undo racing this one either lands first (nothing to apply) or finds it final.
    applied += await write(ctx, (w) => applyDecision(w, id, w.now));
  }
  return applied;
}

/**
 * Makes a pending decision final: approval lets the message through (the
 * change log tells the inmate's devices); rejection keeps the reason code
 * for both sides and refunds an outgoing message's stamp.
 */
async function applyDecision(w: Writer, messageId: string, dueBy?: number): Promise<number> {
  const message = await w.trx
    .selectFrom('messages')
    .select(['id', 'inmate_id', 'direction', 'stamp_cents', 'status', 'pending_decision', 'decision_due_at'])
    .where('id', '=', messageId)
    .executeTakeFirst();
  if (!message?.pending_decision || message.status !== 'pending_review') return 0;
  if (dueBy !== undefined && (message.decision_due_at ?? 0) > dueBy) return 0;
  const decision = PendingDecision.parse(JSON.parse(message.pending_decision));
  const reject = decision.decision === 'reject' ? decision : null;
  await w.trx
    .updateTable('messages')
    .set({
      status: reject ? 'rejected' : 'approved',
      rejection_reason: reject ? reject.reasonCode : null,
      reason_note: reject?.note ? reject.note : null,
      decided_by: decision.by,
      decided_at: w.now,
      pending_decision: null,
      decision_due_at: null,
      claimed_by: null,
      claim_expires_at: null,
      updated_at: w.now,
    })
    .where('id', '=', messageId)
    .execute();
  const scope = await inmateScope(w.trx, message.inmate_id);
  if (reject && message.direction === 'out' && message.stamp_cents > 0) {
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
  await recordEvents(w.trx, messageId, [
    {
      at: w.now,
      kind: 'decided',
      actorId: decision.by,
      detail: { decision: decision.decision, ...(reject ? { reasonCode: reject.reasonCode } : {}) },
    },
    // An approved reply is in the family's portal from now on.
    ...(!reject && message.direction === 'out'
      ? [{ at: w.now, kind: 'delivered' as const, detail: { to: 'family' as const } }]
      : []),
  ]);
  await w.changed('messages', messageId, scope);
  return 1;
}
