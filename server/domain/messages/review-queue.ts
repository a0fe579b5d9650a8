import { sql } from 'kysely';
import { HttpError } from '../../http/http-error';
import type { ServerContext } from '../context';

import type { QueueQuery } from '../../../shared/portal-api/review-schemas';

export { QueueQuery } from '../../../shared/portal-api/review-schemas';

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
interface QueueHit {
  term: string;
  start: number;
  end: number;
  field: 'body' | 'greeting';
}

/**
 * What every queue query shares: this facility's messages waiting for a
 * decision, not decided-and-waiting-out-an-undo, not on another reviewer's
 * screen (a claim that has not expired), narrowed by the filters.
 */
function waiting(ctx: ServerContext, facilityId: string, staffId: string, now: number, query: Partial<QueueQuery>) {
  let q = ctx.db
    .selectFrom('messages')
    .innerJoin('inmates', 'inmates.id', 'messages.inmate_id')
    .where('inmates.facility_id', '=', facilityId)
    .where('messages.status', '=', 'pending_review')
    .where('messages.pending_decision', 'is', null)
    .where((eb) =>
      eb.or([
        eb('messages.claimed_by', 'is', null),
        eb('messages.claimed_by', '=', staffId),
        eb('messages.claim_expires_at', '<=', now),
      ]),
    );
  if (query.kind === 'photo') q = q.where('messages.photos', '!=', '[]');
  else if (query.kind === 'text') q = q.where('messages.kind', '=', 'text').where('messages.photos', '=', '[]');
  else if (query.kind) q = q.where('messages.kind', '=', query.kind);
  if (query.direction) q = q.where('messages.direction', '=', query.direction);
  if (query.unitId) q = q.where('inmates.unit_id', '=', query.unitId);
  if (query.contactId) q = q.where('messages.contact_id', '=', query.contactId);
  if (query.flag) q = q.where('messages.hold_reason', '=', query.flag);
  return q;
}

/**
 * One page of the queue, oldest first, by keyset (created_at, id) so page
 * 100 of 5,000 items costs what page 1 does. `next` is the cursor of the
 * following page, null at the end.
 */
export async function reviewQueuePage(ctx: ServerContext, facilityId: string, staffId: string, query: QueueQuery) {
  const now = ctx.now();
  let q = waiting(ctx, facilityId, staffId, now, query);
  if (query.after) {
    const [at, id] = query.after.split('_') as [string, string];
    const after = Number(at);
    q = q.where((eb) =>
      eb.or([
        eb('messages.created_at', '>', after),
        eb.and([eb('messages.created_at', '=', after), eb('messages.id', '>', id)]),
      ]),
    );
  }
  const rows = await q
    .innerJoin('contacts', 'contacts.id', 'messages.contact_id')
    .innerJoin('units', 'units.id', 'inmates.unit_id')
    .select([
      'messages.id',
      'messages.direction',
      'messages.kind',
      'messages.body',
      'messages.photos',
      'messages.ecard',
      'messages.videogram',
      'messages.created_at',
      'messages.hold_reason',
      'messages.keyword_hits',
      'messages.contact_id',
      'inmates.doc_number',
      'inmates.first_name',
      'inmates.last_name',
      'units.name as unit_name',
      'contacts.display_name as contact_name',
    ])
    .orderBy('messages.created_at')
    .orderBy('messages.id')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    // Stored JSON is written by this server from schema-checked data.
    items: page.map((row) => ({
      ...row,
      photos: JSON.parse(row.photos) as QueuePhoto[],
      ecard: row.ecard ? (JSON.parse(row.ecard) as { templateId: string; greeting: string }) : null,
      videogram: row.videogram ? (JSON.parse(row.videogram) as QueueVideogram) : null,
      keyword_hits: row.keyword_hits ? (JSON.parse(row.keyword_hits) as QueueHit[]) : [],
    })),
    next: rows.length > query.limit && last ? `${last.created_at}_${last.id}` : null,
  };
}

/** Counts per kind and the age of the oldest, for the queue's head line; with the filters' choices. */
export async function reviewSummary(ctx: ServerContext, facilityId: string, staffId: string) {
  const now = ctx.now();
  const base = () => waiting(ctx, facilityId, staffId, now, {});
  const kinds = await base()
    .select([
      'messages.kind',
      sql<number>`case when messages.photos = '[]' then 0 else 1 end`.as('has_photos'),
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.min<number>('messages.created_at').as('oldest'),
    ])
    .groupBy(['messages.kind', sql`case when messages.photos = '[]' then 0 else 1 end`])
    .execute();
  const byKind = { text: 0, photo: 0, ecard: 0, videogram: 0 };
  let oldest: number | null = null;
  for (const row of kinds) {
    const kind = row.has_photos === 1 ? 'photo' : row.kind;
    byKind[kind] += row.n;
    const at = row.oldest;
    oldest = oldest === null ? at : Math.min(oldest, at);
  }
  const units = await ctx.db
    .selectFrom('units')
    .select(['id', 'name'])
    .where('facility_id', '=', facilityId)
    .orderBy('name')
    .execute();
  const contacts = await base()
    .innerJoin('contacts', 'contacts.id', 'messages.contact_id')
    .select(['contacts.id', 'contacts.display_name'])
    .distinct()
    .orderBy('contacts.display_name')
    .limit(300)
    .execute();
  const keyworded = await base()
    .where('messages.hold_reason', '=', 'keyword')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return {
    total: Object.values(byKind).reduce((a, b) => a + b, 0),
    byKind,
    keywordHolds: keyworded?.n ?? 0,
    oldestAt: oldest,
    serverTime: now,
    units,
    contacts: contacts.map((c) => ({ id: c.id, name: c.display_name })),
  };
}

/** A message of this facility (any status), or a 404: what staff trail lookups check first. */
export async function facilityMessage(ctx: ServerContext, facilityId: string, messageId: string): Promise<void> {
  const row = await ctx.db
    .selectFrom('messages')
    .innerJoin('inmates', 'inmates.id', 'messages.inmate_id')
    .select('inmates.facility_id')
    .where('messages.id', '=', messageId)
    .executeTakeFirst();
  if (!row || row.facility_id !== facilityId) throw new HttpError(404, 'not_found', 'No such message.');
}
