import { sql } from 'kysely';
import type { InmateSummary, RosterPage } from '../../../shared/portal-api/roster';
import type { Language } from '../../../shared/domain/language';
import { HttpError } from '../../http/http-error';
import type { ServerContext } from '../context';

export interface RosterFilter {
  q: string;
  unitId?: string;
  status?: 'active' | 'inactive' | 'released';
  after?: string;
  limit: number;
}

type Mode = 'doc' | 'name';

/** Whether a search is a DOC number prefix: some DOC number here starts with it (one index probe). */
async function isDocPrefix(ctx: ServerContext, facilityId: string, q: string): Promise<boolean> {
  if (!/^[A-Za-z0-9-]+$/.test(q)) return false;
  const hit = await ctx.db
    .selectFrom('inmates')
    .select('id')
    .where('facility_id', '=', facilityId)
    .where('doc_number', '>=', q)
    .where('doc_number', '<', `${q}\uffff`)
    .limit(1)
    .executeTakeFirst();
  return hit !== undefined;
}

/** The page cursor: the last row's sort key (lower-cased surname, or DOC number) and id, base64url JSON. */
function readCursor(after: string): [Mode, string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 3 &&
      (value[0] === 'doc' || value[0] === 'name') &&
      typeof value[1] === 'string' &&
      typeof value[2] === 'string'
    )
      return [value[0] === 'doc' ? 'doc' : 'name', value[1], value[2]];
  } catch {
    // fall through to the refusal
  }
  throw new HttpError(400, 'bad_cursor', 'This page address is not one the server gave.');
}

/**
 * One page of a facility's roster, ordered by surname then id. Keyset paging
 * (after the last row's surname and id) on the index inmates_by_name, so the
 * thousandth page costs what the first does; a search is a DOC number prefix
 * (the facility's unique DOC index, ordered by DOC number) or a surname prefix
 * (a range on the name index), never a scan of the table.
 */
export async function rosterPage(ctx: ServerContext, facilityId: string, filter: RosterFilter): Promise<RosterPage> {
  const q = filter.q.toLowerCase();
  // A search that some DOC number here starts with is a DOC prefix, ordered by DOC number; anything else a
  // surname prefix, ordered by surname. Each walks its own index as a range: neither reads the whole table.
  // The next page goes on in the same mode (it is in the cursor).
  const cursor = filter.after ? readCursor(filter.after) : null;
  const mode: Mode = cursor ? cursor[0] : q !== '' && (await isDocPrefix(ctx, facilityId, filter.q)) ? 'doc' : 'name';
  const byDoc = mode === 'doc';
  const key = byDoc ? sql<string>`inmates.doc_number` : sql<string>`lower(inmates.last_name)`;
  const prefix = byDoc ? filter.q : q;
  let query = ctx.db
    .selectFrom('inmates')
    .innerJoin('units', 'units.id', 'inmates.unit_id')
    .select([
      'inmates.id',
      'inmates.doc_number',
      'inmates.first_name',
      'inmates.last_name',
      'inmates.unit_id',
      'units.name as unit_name',
      'inmates.language',
      'inmates.status',
      key.as('sort_key'),
    ])
    .where('inmates.facility_id', '=', facilityId);
  // Prefix ranges (not LIKE): they use the indexes on both databases, whatever their LIKE rules.
  if (prefix !== '') query = query.where(key, '>=', prefix).where(key, '<', `${prefix}\uffff`);
  if (filter.unitId) query = query.where('inmates.unit_id', '=', filter.unitId);
  if (filter.status) query = query.where('inmates.status', '=', filter.status);
  if (cursor) {
    const [, last, id] = cursor;
    // The plain `>=` is implied by the pair after it; it is what lets PostgreSQL start the index range at the
    // cursor instead of walking the index from its start (SQLite finds it in the OR by itself).
    query = query
      .where(key, '>=', last)
      .where((eb) => eb.or([eb(key, '>', last), eb.and([eb(key, '=', last), eb('inmates.id', '>', id)])]));
  }
  const rows = await query
    .orderBy(key)
    .orderBy('inmates.id')
    .limit(filter.limit + 1)
    .execute();
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    items: page.map((row): InmateSummary => ({
      id: row.id,
      docNumber: row.doc_number,
      firstName: row.first_name,
      lastName: row.last_name,
      unitId: row.unit_id,
      unitName: row.unit_name,
      language: row.language as Language,
      status: row.status,
    })),
    next:
      rows.length > filter.limit && last
        ? Buffer.from(JSON.stringify([mode, last.sort_key, last.id])).toString('base64url')
        : null,
  };
}
