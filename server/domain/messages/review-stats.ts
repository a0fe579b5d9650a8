import type { ServerContext } from '../context';

const DAY_MS = 24 * 60 * 60_000;

/** A facility-local calendar day (YYYY-MM-DD) of an instant. */
function localDay(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/**
 * How review keeps up, for admins: items decided per reviewer per
 * facility-local day over the last `days` days, the median time a message
 * waited for its decision, and the oldest one waiting now.
 */
export async function reviewThroughput(ctx: ServerContext, facilityId: string, days = 7) {
  const now = ctx.now();
  const facility = await ctx.db
    .selectFrom('facilities')
    .select('time_zone')
    .where('id', '=', facilityId)
    .executeTakeFirstOrThrow();
  const decided = await ctx.db
    .selectFrom('messages')
    .innerJoin('staff_users', 'staff_users.id', 'messages.decided_by')
    .select(['messages.decided_at', 'messages.created_at', 'staff_users.id as staff_id', 'staff_users.display_name'])
    .where('staff_users.facility_id', '=', facilityId)
    .where('messages.decided_at', '>=', now - days * DAY_MS)
    .execute();
  const perDay = new Map<string, Map<string, { name: string; count: number }>>();
  const waits: number[] = [];
  for (const row of decided) {
    const decidedAt = row.decided_at ?? 0;
    const day = localDay(decidedAt, facility.time_zone);
    const reviewers = perDay.get(day) ?? new Map<string, { name: string; count: number }>();
    const entry = reviewers.get(row.staff_id) ?? { name: row.display_name, count: 0 };
    entry.count++;
    reviewers.set(row.staff_id, entry);
    perDay.set(day, reviewers);
    waits.push(decidedAt - row.created_at);
  }
  waits.sort((a, b) => a - b);
  const middle = Math.floor(waits.length / 2);
  const medianWaitMs =
    waits.length === 0
      ? null
      : waits.length % 2
        ? (waits[middle] ?? 0)
        : Math.round(((waits[middle - 1] ?? 0) + (waits[middle] ?? 0)) / 2);
  const oldest = await ctx.db
    .selectFrom('messages')
    .innerJoin('inmates', 'inmates.id', 'messages.inmate_id')
    .select((eb) => [eb.fn.min<number>('messages.created_at').as('at'), eb.fn.countAll<number>().as('n')])
    .where('inmates.facility_id', '=', facilityId)
    .where('messages.status', '=', 'pending_review')
    .executeTakeFirst();
  return {
    days: [...perDay.entries()]
      .sort(([a], [b]) => b.localeCompare(a))
      .map(([day, reviewers]) => ({
        day,
        reviewers: [...reviewers.values()].sort((a, b) => b.count - a.count),
      })),
    decidedCount: decided.length,
    medianWaitMs,
    oldestWaitingAt: oldest?.at ?? null,
    waitingCount: oldest?.n ?? 0,
    serverTime: now,
  };
}
