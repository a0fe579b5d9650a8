import { createReadStream, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { z } from 'zod';
import { MAX_ROW_BYTES, mediaEntryPath } from '../../../shared/export/manifest';
import type { Database } from '../../db/schema';
import { oneAtATime, serializeWrite, signalCommit } from '../../db/write-lock';
import type { MediaStore } from '../../media/media-store';
import { knownSchema } from './export-meta';
import { facilityTables, generatedColumns } from './facility-tables';
import { ImportRefused, verifyExport, type VerifyProgress } from './verify-export';

/** A row as an export holds it: flat, scalar columns only (JSON columns are text). */
const ExportRow = z.record(z.string().regex(/^[a-z_0-9]{1,64}$/), z.union([z.string(), z.number(), z.null()]));
const BATCH = 200;

export interface ImportSummary {
  facilityId: string;
  rows: Record<string, number>;
  media: number;
}

async function columnsOf(db: Kysely<Database>): Promise<Map<string, Set<string>>> {
  const tables = await db.introspection.getTables();
  return new Map(tables.map((table) => [table.name, new Set(table.columns.map((column) => column.name))]));
}

async function insertBatch(trx: Transaction<Database>, table: string, columns: string[], rows: unknown[][]) {
  if (rows.length === 0) return;
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) values ${sql.join(
    rows.map((values) => sql`(${sql.join(values)})`),
  )}`.execute(trx);
}

/** Inserts one staged table file, a batch at a time; a row that does not fit the table refuses the import. */
async function insertTable(
  trx: Transaction<Database>,
  table: string,
  file: string,
  known: Set<string>,
): Promise<number> {
  const skip = new Set(generatedColumns[table as keyof Database] ?? []);
  let columns: string[] | null = null;
  let batch: unknown[][] = [];
  let count = 0;
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    count += 1;
    if (line.length > MAX_ROW_BYTES) throw new ImportRefused('bad_row', `${table} row ${count}: too long`);
    let parsed;
    try {
      parsed = ExportRow.safeParse(JSON.parse(line));
    } catch {
      throw new ImportRefused('bad_row', `${table} row ${count}: not JSON`);
    }
    if (!parsed.success) throw new ImportRefused('bad_row', `${table} row ${count}: not a flat row`);
    const row = parsed.data;
    const keys = Object.keys(row).filter((key) => !skip.has(key));
    for (const key of keys)
      if (!known.has(key)) throw new ImportRefused('bad_row', `${table} row ${count}: no column ${key} here`);
    columns ??= keys;
    if (keys.length !== columns.length || keys.some((key, i) => key !== columns?.[i]))
      throw new ImportRefused('bad_row', `${table} row ${count}: other columns than the rows before it`);
    batch.push(columns.map((key) => row[key] ?? null));
    if (batch.length === BATCH) {
      await insertBatch(trx, table, columns, batch);
      batch = [];
    }
  }
  if (columns) await insertBatch(trx, table, columns, batch);
  return count;
}

/**
 * Imports a facility export into an empty database: the whole file is checked against its
 * manifest first (verify-export.ts), then every row goes in ONE transaction, with the media moved
 * from staging into the store as its last step, so a refused or failed import leaves the
 * database as it was; staged files are removed either way.
 */
export async function importFacility(
  db: Kysely<Database>,
  media: MediaStore,
  file: string,
  options: { onProgress?: VerifyProgress; onTable?: (table: string, rows: number) => void } = {},
): Promise<ImportSummary> {
  const staging = media.stagingDir(`import-${randomUUID()}`);
  try {
    const { manifest, staged } = await verifyExport(file, staging, options.onProgress);
    if (manifest.kind !== 'facility')
      throw new ImportRefused('wrong_kind', `a ${manifest.kind} export is for reading, not for import`);
    if (!knownSchema(manifest.schema)) throw new ImportRefused('unknown_schema', manifest.schema);
    const order = facilityTables.map((table) => table.name as string);
    for (const table of manifest.tables)
      if (!order.includes(table.name)) throw new ImportRefused('unknown_table', table.name);
    const columns = await columnsOf(db);

    const summary: ImportSummary = { facilityId: manifest.subject.id, rows: {}, media: 0 };
    try {
      await oneAtATime(db, () =>
        db.transaction().execute(async (trx) => {
          await serializeWrite(trx);
          const existing = await trx.selectFrom('facilities').select('id').limit(1).executeTakeFirst();
          if (existing) throw new ImportRefused('not_empty', 'this database already holds a facility');
          for (const name of order) {
            const table = manifest.tables.find((t) => t.name === name);
            const stagedFile = table && staged.get(table.path);
            if (!table || !stagedFile) continue;
            const rows = await insertTable(trx, name, stagedFile, columns.get(name) ?? new Set());
            if (rows !== table.rows)
              throw new ImportRefused('bad_row', `${name}: ${rows} rows, the manifest says ${table.rows}`);
            summary.rows[name] = rows;
            options.onTable?.(name, rows);
          }
          for (const blob of manifest.media) {
            const stagedFile = staged.get(mediaEntryPath(blob.sha256));
            if (!stagedFile) throw new ImportRefused('missing_entry', mediaEntryPath(blob.sha256));
            await media.adopt(blob.sha256, stagedFile);
            summary.media += 1;
          }
          await signalCommit(trx);
        }),
      );
    } catch (error) {
      if (error instanceof ImportRefused) throw error;
      throw new ImportRefused('database_refused', error instanceof Error ? error.message : String(error));
    }
    return summary;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
