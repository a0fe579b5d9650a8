import { uuidv7 } from 'uuidv7';
import { DOC_NUMBER_PATTERN, PIN_PATTERN } from '../../../shared/domain/limits';
import type { RosterImportResult, RowProblem } from '../../../shared/portal-api/roster';
import { nodeScrypt } from '../../../shared/node/scrypt';
import { normalizeAnswer, secretHasher } from '../../../shared/sync/secret-hash';
import { write, type ServerContext } from '../context';
import { audit, type StaffActor } from '../staff-audit';
import { parseCsv } from './csv';
import { insertInmate } from './inmate-admin';

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
/** Each row costs two scrypt hashes on commit (about 0.1 s): a larger roster goes in several files. */
const MAX_ROWS = 5_000;

type Column = (typeof ROSTER_COLUMNS)[number];
type RowOutcome = RosterImportResult['rows'][number];
interface GoodRow {
  doc: string;
  first: string;
  last: string;
  unitId: string;
  language: 'en' | 'es';
  pin: string;
  question: string;
  answer: string;
}

type FileProblem = NonNullable<RosterImportResult['fileProblem']>;

/** Every row's outcome, with a code per problem; nothing is written. */
async function checkRows(
  ctx: ServerContext,
  facilityId: string,
  csv: string,
): Promise<{ rows: RowOutcome[]; good: GoodRow[]; fileProblem: FileProblem | null }> {
  const rows = parseCsv(csv);
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const none = { rows: [] as RowOutcome[], good: [] as GoodRow[] };
  if (rows.length === 0) return { ...none, fileProblem: { code: 'empty' as const, params: {} } };
  const missing = ROSTER_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0)
    return { ...none, fileProblem: { code: 'columns_missing' as const, params: { columns: missing.join(', ') } } };
  if (rows.length - 1 > MAX_ROWS)
    return { ...none, fileProblem: { code: 'too_many_rows' as const, params: { max: MAX_ROWS } } };
  const col = (row: string[], name: Column) => (row[header.indexOf(name)] ?? '').trim();
  const units = new Map(
    (await ctx.db.selectFrom('units').select(['id', 'name']).where('facility_id', '=', facilityId).execute()).map(
      (u) => [u.name.toLowerCase(), u.id],
    ),
  );
  const docs = rows.slice(1).map((row) => col(row, 'doc_number'));
  const onRoster = new Set<string>();
  // In slices, so a 5,000-row file never builds one statement with 5,000 parameters.
  for (let i = 0; i < docs.length; i += 500) {
    const slice = docs.slice(i, i + 500).filter((doc) => doc !== '');
    if (slice.length === 0) continue;
    const found = await ctx.db
      .selectFrom('inmates')
      .select('doc_number')
      .where('facility_id', '=', facilityId)
      .where('doc_number', 'in', slice)
      .execute();
    for (const f of found) onRoster.add(f.doc_number);
  }
  const seen = new Map<string, number>();
  const outcomes: RowOutcome[] = [];
  const good: GoodRow[] = [];
  rows.slice(1).forEach((row, index) => {
    const rowNumber = index + 2;
    const doc = col(row, 'doc_number');
    const problems: RowProblem[] = [];
    if (!DOC_NUMBER_PATTERN.test(doc)) problems.push({ code: 'doc_invalid', params: { doc } });
    else if (onRoster.has(doc)) problems.push({ code: 'doc_on_roster', params: { doc } });
    else if (seen.has(doc)) problems.push({ code: 'doc_repeated', params: { doc, row: seen.get(doc) ?? 0 } });
    seen.set(doc, seen.get(doc) ?? rowNumber);
    if (!col(row, 'first_name') || !col(row, 'last_name')) problems.push({ code: 'name_required', params: {} });
    const unitId = units.get(col(row, 'unit').toLowerCase());
    if (!unitId) problems.push({ code: 'unit_unknown', params: { unit: col(row, 'unit') } });
    const language = col(row, 'language').toLowerCase();
    if (language !== 'en' && language !== 'es')
      problems.push({ code: 'language_invalid', params: { language: col(row, 'language') } });
    if (!PIN_PATTERN.test(col(row, 'pin'))) problems.push({ code: 'pin_invalid', params: {} });
    if (!col(row, 'security_question') || !col(row, 'security_answer'))
      problems.push({ code: 'security_required', params: {} });
    outcomes.push({
      row: rowNumber,
      docNumber: doc,
      name: `${col(row, 'last_name')}, ${col(row, 'first_name')}`,
      unit: col(row, 'unit'),
      outcome: problems.length > 0 ? 'error' : 'add',
      problems,
    });
    if (problems.length === 0 && unitId)
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
  return { rows: outcomes, good, fileProblem: null };
}

/**
 * A CSV roster (header row with ROSTER_COLUMNS). The dry run (`commit:
 * false`) shows every row's outcome; a commit writes all rows in one
 * transaction, and only if none has a problem: a roster is never half in.
 */
export async function importRoster(
  ctx: ServerContext,
  actor: StaffActor,
  csv: string,
  commit: boolean,
): Promise<RosterImportResult> {
  const checked = await checkRows(ctx, actor.facility_id, csv);
  const clean =
    checked.fileProblem === null && checked.rows.every((r) => r.outcome === 'add') && checked.good.length > 0;
  const answer = { fileProblem: checked.fileProblem, rows: checked.rows };
  if (!commit || !clean) return { ...answer, committed: false, imported: 0 };
  // Hashed before the transaction (scrypt is slow; the write lock is held only for the inserts).
  const hashed = await Promise.all(
    checked.good.map(async (g) => ({
      ...g,
      pinHash: await hasher.hash(g.pin),
      answerHash: await hasher.hash(normalizeAnswer(g.answer)),
    })),
  );
  const batch = uuidv7();
  await write(ctx, async (w) => {
    for (const g of hashed) {
      await insertInmate(w, actor, {
        id: uuidv7(),
        unitId: g.unitId,
        docNumber: g.doc,
        firstName: g.first,
        lastName: g.last,
        language: g.language,
        pinHash: g.pinHash,
        securityQuestion: g.question,
        answerHash: g.answerHash,
        auditExtra: { batch },
      });
    }
    await audit(w, actor, {
      action: 'roster.import',
      subject: { type: 'roster', id: batch },
      before: null,
      after: { rows: hashed.length },
    });
  });
  return { ...answer, committed: true, imported: hashed.length };
}
