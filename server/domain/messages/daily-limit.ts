import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import { facilitySettings } from '../facility-settings';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Midnight of `now`'s day in the facility's time zone, as epoch ms: the time
 * since midnight on the wall clock there, taken off `now`. (On a day whose
 * midnight a DST change skips, the day starts an hour early or late.)
 */
function startOfFacilityDay(now: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(new Date(now));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const sinceMidnight = ((part('hour') * 60 + part('minute')) * 60 + part('second')) * 1_000 + (now % 1_000);
  return now - sinceMidnight;
}

/**
 * Whether an inmate has sent as many messages (texts and videograms) today
 * as the facility allows (`messagesPerDay`, the facility's calendar day).
 */
export async function dailyLimitReached(
  db: Db,
  inmateId: string,
  facility: { settings: string; time_zone: string },
  now: number,
): Promise<{ reached: boolean; limit: number }> {
  const limit = facilitySettings(facility).messagesPerDay;
  const sent = await db
    .selectFrom('messages')
    .select(({ fn }) => fn.countAll<number>().as('n'))
    .where('inmate_id', '=', inmateId)
    .where('direction', '=', 'out')
    .where('created_at', '>=', startOfFacilityDay(now, facility.time_zone))
    .executeTakeFirstOrThrow();
  return { reached: sent.n >= limit, limit };
}
