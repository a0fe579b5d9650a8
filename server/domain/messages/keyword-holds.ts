import type { Kysely, Transaction } from 'kysely';
import { KeywordMatcher, type KeywordHit } from '../../../shared/domain/keyword-matcher';
import type { Database } from '../../db/schema';

type Db = Kysely<Database> | Transaction<Database>;

import { KeywordList } from '../../../shared/portal-api/review-schemas';

export { KeywordList } from '../../../shared/portal-api/review-schemas';

// The compiled automaton of each facility's list, rebuilt when the stored list differs from the one it was built from.
const compiled = new Map<string, { terms: string; matcher: KeywordMatcher }>();

export async function keywordList(db: Db, facilityId: string): Promise<{ terms: KeywordList; updatedAt: number }> {
  const row = await db
    .selectFrom('keyword_lists')
    .select(['terms', 'updated_at'])
    .where('facility_id', '=', facilityId)
    .executeTakeFirst();
  return row
    ? { terms: KeywordList.parse(JSON.parse(row.terms)), updatedAt: row.updated_at }
    : { terms: [], updatedAt: 0 };
}

export async function saveKeywordList(db: Db, facilityId: string, terms: KeywordList, now: number): Promise<void> {
  const unique = [...new Set(terms.map((term) => term.trim()).filter(Boolean))];
  const json = JSON.stringify(unique);
  await db
    .insertInto('keyword_lists')
    .values({ facility_id: facilityId, terms: json, updated_at: now })
    .onConflict((oc) => oc.column('facility_id').doUpdateSet({ terms: json, updated_at: now }))
    .execute();
}

async function matcherFor(db: Db, facilityId: string): Promise<KeywordMatcher> {
  const row = await db
    .selectFrom('keyword_lists')
    .select('terms')
    .where('facility_id', '=', facilityId)
    .executeTakeFirst();
  const terms = row?.terms ?? '[]';
  const cached = compiled.get(facilityId);
  if (cached && cached.terms === terms) return cached.matcher;
  const matcher = new KeywordMatcher(KeywordList.parse(JSON.parse(terms)));
  compiled.set(facilityId, { terms, matcher });
  return matcher;
}

/**
 * The listed words in a message's texts (its body, an eCard's greeting),
 * matched on arrival in either direction. Offsets are into each text; the
 * field says which one.
 */
async function findKeywords(
  db: Db,
  facilityId: string,
  texts: { body: string; greeting?: string | null },
): Promise<(KeywordHit & { field: 'body' | 'greeting' })[]> {
  const matcher = await matcherFor(db, facilityId);
  if (matcher.size === 0) return [];
  return [
    ...matcher.match(texts.body).map((hit) => ({ ...hit, field: 'body' as const })),
    ...(texts.greeting ? matcher.match(texts.greeting).map((hit) => ({ ...hit, field: 'greeting' as const })) : []),
  ];
}

/**
 * What happens to a message on arrival: held for review when the policy
 * says so or when it names a listed word (even where the policy would let it
 * through), else on its way. The columns to store and the trail's moments.
 */
export async function screenArrival(
  db: Db,
  facilityId: string,
  policyNeedsReview: boolean,
  texts: { body: string; greeting?: string | null },
) {
  const hits = await findKeywords(db, facilityId, texts);
  const holdReason = hits.length > 0 ? ('keyword' as const) : policyNeedsReview ? ('policy' as const) : null;
  return {
    status: holdReason ? ('pending_review' as const) : ('approved' as const),
    columns: {
      hold_reason: holdReason,
      keyword_hits: hits.length > 0 ? JSON.stringify(hits) : null,
    },
    event: holdReason
      ? {
          kind: 'held' as const,
          detail: { by: holdReason, ...(hits.length ? { terms: [...new Set(hits.map((h) => h.term))] } : {}) },
        }
      : { kind: 'passed' as const },
  };
}
