import type { ServerContext } from '../context';

/**
 * The video of one of this family's videograms: one an inmate sent them once staff let it through, or
 * one they sent themselves. Anything else (another family's, one still in review or rejected, not a
 * videogram, an unknown id) is null, so the route answers the same 404 and reveals nothing.
 */
export async function familyVideogram(
  ctx: ServerContext,
  familyId: string,
  messageId: string,
): Promise<{ sha256: string; mime: string; bytes: number } | null> {
  const row = await ctx.db
    .selectFrom('messages')
    .innerJoin('contacts', 'contacts.id', 'messages.contact_id')
    .select(['messages.videogram', 'messages.direction', 'messages.status'])
    .where('messages.id', '=', messageId)
    .where('contacts.family_id', '=', familyId)
    .where('messages.kind', '=', 'videogram')
    .executeTakeFirst();
  if (!row?.videogram) return null;
  // Replies from the inmate only once staff let them through (as the message list shows them).
  if (row.direction === 'out' && row.status !== 'approved' && row.status !== 'delivered') return null;
  const video = (JSON.parse(row.videogram) as { video?: { sha256?: unknown } }).video;
  if (typeof video?.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(video.sha256)) return null;
  const blob = await ctx.db
    .selectFrom('media')
    .select(['sha256', 'mime', 'bytes'])
    .where('sha256', '=', video.sha256)
    .executeTakeFirst();
  return blob ?? null;
}
