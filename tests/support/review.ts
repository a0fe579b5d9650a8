import type { ServerContext } from '../../server/domain/context';
import { decideMessage, type ReviewDecision } from '../../server/domain/messages/review';

/** A reviewer of the facility decides a message through the domain, taking effect at once (no undo window). */
export async function decideNow(
  ctx: ServerContext,
  facilityId: string,
  messageId: string,
  decision: ReviewDecision = { decision: 'approve' },
): Promise<void> {
  const reviewer = await ctx.db
    .selectFrom('staff_users')
    .select('id')
    .where('facility_id', '=', facilityId)
    .where('role', 'in', ['reviewer', 'admin'])
    .orderBy('id')
    .executeTakeFirstOrThrow();
  await decideMessage(ctx, facilityId, reviewer.id, messageId, decision, 0);
}
