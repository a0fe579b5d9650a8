import { uuidv7 } from 'uuidv7';
import { DOC_NUMBER_PATTERN, PIN_PATTERN } from '../../../shared/domain/limits';
import { nodeScrypt } from '../../../shared/node/scrypt';
import { normalizeAnswer, secretHasher } from '../../../shared/sync/secret-hash';
import { write, type ServerContext } from '../context';
import { parseCsv } from './csv';

const hasher = secretHasher(nodeScrypt);
const ROSTER_COLUMNS = [
  'doc_number',
  'first_name',
  'last_name',
  'unit',
  'language',
  'pin',
  'security_question',
  'security_answer',
] as const;

export interface RosterResult {
  imported: number;
  errors: { row: number; message: string }[];
}

/**
 * Adds inmates from a CSV roster (header row with ROSTER_COLUMNS). Every row
 * is checked first; each problem is reported with its row number, and the
 * good rows go in together in one transaction, so a re-import after fixing
 * the bad rows adds only those (DOC numbers already here are reported, not doubled).
 */
export async function importRoster(ctx: ServerContext, facilityId: string, csv: string): Promise<RosterResult> {
  const rows = parseCsv(csv);
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const missing = ROSTER_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0)
    return { imported: 0, errors: [{ row: 1, message: `Missing columns: ${missing.join(', ')}` }] };
  const col = (row: string[], name: (typeof ROSTER_COLUMNS)[number]) => (row[header.indexOf(name)] ?? '').trim();
  const units = new Map(
    (await ctx.db.selectFrom('units').select(['id', 'name']).where('facility_id', '=', facilityId).execute()).map(
      (u) => [u.name.toLowerCase(), u.id],
    ),
  );
  const existing = new Set(
    (await ctx.db.selectFrom('inmates').select('doc_number').where('facility_id', '=', facilityId).execute()).map(
      (i) => i.doc_number,
    ),
  );
  const errors: RosterResult['errors'] = [];
  const good: {
    doc: string;
    first: string;
    last: string;
    unitId: string;
    language: 'en' | 'es';
    pin: string;
    question: string;
    answer: string;
  }[] = [];
  rows.slice(1).forEach((row, index) => {
    const rowNumber = index + 2;
    const doc = col(row, 'doc_number');
    const problems: string[] = [];
    if (!DOC_NUMBER_PATTERN.test(doc)) problems.push('DOC number must be 3–20 letters, digits or dashes');
    else if (existing.has(doc) || good.some((g) => g.doc === doc))
      problems.push(`DOC number ${doc} is already on the roster`);
    if (!col(row, 'first_name') || !col(row, 'last_name')) problems.push('first and last name are required');
    const unitId = units.get(col(row, 'unit').toLowerCase());
    if (!unitId) problems.push(`unknown unit "${col(row, 'unit')}"`);
    const language = col(row, 'language').toLowerCase();
    if (language !== 'en' && language !== 'es') problems.push('language must be en or es');
    if (!PIN_PATTERN.test(col(row, 'pin'))) problems.push('PIN must be 4–8 digits');
    if (!col(row, 'security_question') || !col(row, 'security_answer'))
      problems.push('security question and answer are required');
    if (problems.length > 0 || !unitId) {
      errors.push({ row: rowNumber, message: problems.join('; ') });
      return;
    }
    good.push({
      doc,
      first: col(row, 'first_name'),
      last: col(row, 'last_name'),
      unitId,
      language: language as 'en' | 'es',
      pin: col(row, 'pin'),
      question: col(row, 'security_question'),
      answer: col(row, 'security_answer'),
    });
  });
  const hashed = await Promise.all(
    good.map(async (g) => ({
      ...g,
      pinHash: await hasher.hash(g.pin),
      answerHash: await hasher.hash(normalizeAnswer(g.answer)),
    })),
  );
  await write(ctx, async (w) => {
    for (const g of hashed) {
      const id = uuidv7();
      await w.trx
        .insertInto('inmates')
        .values({
          id,
          facility_id: facilityId,
          unit_id: g.unitId,
          doc_number: g.doc,
          first_name: g.first,
          last_name: g.last,
          language: g.language,
          status: 'active',
          pin_hash: JSON.stringify(g.pinHash),
          pin_version: 0,
          security_question: g.question,
          security_answer_hash: JSON.stringify(g.answerHash),
          pin_reset: null,
          updated_at: w.now,
        })
        .execute();
      await w.trx
        .insertInto('accounts')
        .values({ inmate_id: id, release_card_status: 'none', release_card_last_four: null, updated_at: w.now })
        .execute();
      const scope = { facilityId, unitId: g.unitId, inmateId: id };
      await w.changed('inmates', id, scope);
      await w.changed('accounts', id, scope);
    }
  });
  return { imported: hashed.length, errors };
}
