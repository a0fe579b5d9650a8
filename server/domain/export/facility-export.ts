import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { MediaStore } from '../../media/media-store';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  mediaEntryPath,
  tableEntryPath,
  type ExportManifest,
} from '../../../shared/export/manifest';
import { facilityTables } from './facility-tables';
import { countRows, tablePages } from './table-pages';
import { ExportZipWriter } from './zip-writer';
import { lastMigration, GENERATOR } from './export-meta';

/** Progress in work units: one per row, one per 64 KiB of media. */
export interface ExportProgress {
  done: number;
  total: number;
}
const MEDIA_UNIT = 64 * 1024;

export interface ExportResult {
  manifest: ExportManifest;
  bytes: number;
  sha256: string;
}

/**
 * The whole facility as one export file (shared/export/manifest.ts): every table of
 * facility-tables.ts as JSON lines, then every blob the facility references, then the manifest.
 * Reads the database a page at a time and each blob as a stream: constant memory.
 */
export async function exportFacility(
  db: Kysely<Database>,
  media: MediaStore,
  facilityId: string,
  file: string,
  options: { now: number; onProgress?: (progress: ExportProgress) => void },
): Promise<ExportResult> {
  const facility = await db
    .selectFrom('facilities')
    .select(['id', 'name'])
    .where('id', '=', facilityId)
    .executeTakeFirstOrThrow();
  const counts = await Promise.all(facilityTables.map((table) => countRows(db, table.name, table.where(facilityId))));
  const mediaBytes = await sql<{ n: number | string | null }>`select sum(bytes) as n from media where ${
    facilityTables.find((t) => t.name === 'media')?.where(facilityId) ?? sql`false`
  }`.execute(db);
  const progress: ExportProgress = {
    done: 0,
    total: counts.reduce((a, b) => a + b, 0) + Math.ceil(Number(mediaBytes.rows[0]?.n ?? 0) / MEDIA_UNIT),
  };
  const report = () => options.onProgress?.({ ...progress });
  report();

  const writer = new ExportZipWriter(file, options.now);
  try {
    const tables: ExportManifest['tables'] = [];
    for (const table of facilityTables) {
      let rows = 0;
      async function* lines() {
        for await (const page of tablePages(db, table.name, table.where(facilityId), table.key)) {
          yield page.map((row) => JSON.stringify(row));
          rows += page.length;
          progress.done += page.length;
          report();
        }
      }
      const entry = await writer.addLines(tableEntryPath(table.name), lines());
      tables.push({ name: table.name, path: entry.path, rows, bytes: entry.bytes, sha256: entry.sha256 });
    }
    const blobs: ExportManifest['media'] = [];
    const mediaTable = facilityTables.find((t) => t.name === 'media');
    if (mediaTable) {
      for await (const page of tablePages(db, 'media', mediaTable.where(facilityId), 'sha256')) {
        for (const row of page) {
          const sha256 = String(row.sha256);
          if (!(await media.has(sha256)))
            throw new Error(`blob ${sha256} is in the database but not in the media store`);
          let counted = 0;
          const entry = await writer.add(mediaEntryPath(sha256), media.read(sha256), false, (n) => {
            counted += n;
            const units = Math.floor(counted / MEDIA_UNIT);
            if (units > 0) {
              progress.done += units;
              counted -= units * MEDIA_UNIT;
              report();
            }
          });
          if (entry.sha256 !== sha256) throw new Error(`blob ${sha256} does not hash to its name`);
          blobs.push({ sha256, path: entry.path, bytes: entry.bytes, mime: String(row.mime) });
        }
      }
    }
    const manifest: ExportManifest = {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      kind: 'facility',
      createdAt: options.now,
      generator: GENERATOR,
      schema: await lastMigration(),
      subject: { id: facility.id, name: facility.name },
      tables,
      media: blobs,
      files: [],
    };
    const written = await writer.finish(manifest);
    progress.done = progress.total;
    report();
    return { manifest, ...written };
  } catch (error) {
    writer.abort();
    throw error;
  }
}
