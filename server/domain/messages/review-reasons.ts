import type { Kysely, Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/schema';
import { write, type ServerContext } from '../context';

type Db = Kysely<Database> | Transaction<Database>;

import type { ReviewReason } from '../../../shared/portal-api/review-schemas';

export { ReviewReason } from '../../../shared/portal-api/review-schemas';

/** What a facility starts with; admins edit, add and retire them (a used code is kept, retired). */
const DEFAULT_REASONS: ReviewReason[] = [
  { code: 'contraband', labelEn: 'Mentions contraband', labelEs: 'Menciona contrabando', active: true },
  { code: 'threat', labelEn: 'Threatening content', labelEs: 'Contenido amenazante', active: true },
  { code: 'explicit', labelEn: 'Sexually explicit content', labelEs: 'Contenido sexual explícito', active: true },
  { code: 'coded', labelEn: 'Coded or unreadable language', labelEs: 'Lenguaje cifrado o ilegible', active: true },
  {
    code: 'third_party',
    labelEn: 'Message for a third person',
    labelEs: 'Mensaje para una tercera persona',
    active: true,
  },
  { code: 'other', labelEn: 'Against facility rules', labelEs: 'Contra las normas del centro', active: true },
];

export async function reviewReasons(ctx: { db: Db }, facilityId: string): Promise<ReviewReason[]> {
  const rows = await ctx.db
    .selectFrom('review_reasons')
    .selectAll()
    .where('facility_id', '=', facilityId)
    .orderBy('position')
    .execute();
  if (rows.length === 0) return DEFAULT_REASONS;
  return rows.map((r) => ({ code: r.code, labelEn: r.label_en, labelEs: r.label_es, active: r.active === 1 }));
}

/** Replaces the facility's list; codes that are gone from it stay stored as retired, so old messages keep a label. */
export async function saveReviewReasons(ctx: ServerContext, facilityId: string, list: ReviewReason[]): Promise<void> {
  const current = await reviewReasons(ctx, facilityId);
  const kept = current.filter((old) => !list.some((r) => r.code === old.code)).map((r) => ({ ...r, active: false }));
  await write(ctx, async (w) => {
    await w.trx.deleteFrom('review_reasons').where('facility_id', '=', facilityId).execute();
    await w.trx
      .insertInto('review_reasons')
      .values(
        [...list, ...kept].map((r, position) => ({
          id: uuidv7(),
          facility_id: facilityId,
          code: r.code,
          label_en: r.labelEn,
          label_es: r.labelEs,
          active: r.active ? 1 : 0,
          position,
        })),
      )
      .execute();
  });
}

export async function activeReasonCode(db: Db, facilityId: string, code: string): Promise<boolean> {
  const rows = await db
    .selectFrom('review_reasons')
    .select(['code', 'active'])
    .where('facility_id', '=', facilityId)
    .execute();
  if (rows.length === 0) return DEFAULT_REASONS.some((r) => r.code === code);
  return rows.some((r) => r.code === code && r.active === 1);
}

/** Rows with a stored reason code get its labels in both languages (each reader picks theirs). */
export async function withReasonLabels<T extends { rejection_reason: string | null; facility_id: string }>(
  ctx: ServerContext,
  rows: T[],
): Promise<(Omit<T, 'facility_id'> & { reason_labels: { en: string; es: string } | null })[]> {
  const lists = new Map<string, ReviewReason[]>();
  const out = [];
  for (const row of rows) {
    let list = lists.get(row.facility_id);
    if (!list) {
      list = await reviewReasons(ctx, row.facility_id);
      lists.set(row.facility_id, list);
    }
    const reason = row.rejection_reason ? list.find((r) => r.code === row.rejection_reason) : undefined;
    const rest: Omit<T, 'facility_id'> & { facility_id?: string } = { ...row };
    delete rest.facility_id;
    out.push({ ...rest, reason_labels: reason ? { en: reason.labelEn, es: reason.labelEs } : null });
  }
  return out;
}
