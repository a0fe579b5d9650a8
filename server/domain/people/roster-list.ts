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

/** The page cursor: the last row's lower-cased surname and id, base64url JSON (opaque to the console). */
function readCursor(after: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string')
      return [value[0], value[1]];
  } catch {
    // fall through to the refusal
  }
  throw new HttpError(400, 'bad_cursor', 'This page address is not one the server gave.');
}

/**
 * One page of a facility's roster, ordered by surname then id. Keyset paging
 * (after the last row's surname and id) on the index inmates_by_name, so the
 * thousandth page costs what the first does; a search is a DOC number prefix
 * (the facility's unique DOC index) or a surname prefix (a range on the same
 * name index), never a scan of the table.
 */
export async function rosterPage(ctx: ServerContext, facilityId: string, filter: RosterFilter): Promise<RosterPage> {
  const surname = sql<string>`lower(inmates.last_name)`;
  const q = filter.q.toLowerCase();
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
      surname.as('sort_name'),
    ])
    .where('inmates.facility_id', '=', facilityId);
  if (q !== '') {
    // Prefix ranges (not LIKE): they use the indexes on both databases, whatever their LIKE rules.
    const end = `${q}\uffff`;
    query = query.where((eb) =>
      eb.or([
        eb.and([eb('inmates.doc_number', '>=', filter.q), eb('inmates.doc_number', '<', `${filter.q}\uffff`)]),
        eb.and([eb(surname, '>=', q), eb(surname, '<', end)]),
      ]),
    );
  }
  if (filter.unitId) query = query.where('inmates.unit_id', '=', filter.unitId);
  if (filter.status) query = query.where('inmates.status', '=', filter.status);
  if (filter.after) {
    const [name, id] = readCursor(filter.after);
    query = query.where((eb) =>
      eb.or([eb(surname, '>', name), eb.and([eb(surname, '=', name), eb('inmates.id', '>', id)])]),
    );
  }
  const rows = await query
    .orderBy(surname)
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
        ? Buffer.from(JSON.stringify([last.sort_name, last.id])).toString('base64url')
        : null,
  };
}
