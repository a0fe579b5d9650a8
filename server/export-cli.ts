import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { openServerDatabase } from './db/database';
import { exportFacility } from './domain/export/facility-export';
import { importFacility } from './domain/export/facility-import';
import { exportPerson } from './domain/export/person-export';
import { ImportRefused } from './domain/export/verify-export';
import { FileMediaStore } from './media/file-media-store';

export interface ExportCommandConfig {
  db: string;
  databaseUrl: string;
  mediaDir: string;
  /** export: one inmate's own export (by DOC number) instead of the facility's. */
  inmate: string;
  /** export: one family account's own export (by email) instead of the facility's. */
  family: string;
}

/** A progress line on stderr at most once a second (a terminal shows it rewritten in place). */
function progressLine(label: string) {
  let last = 0;
  return (done: number, total: number) => {
    const now = Date.now();
    if (now - last < 1_000 && done < total) return;
    last = now;
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    process.stderr.write(`\r${label} ${percent}% (${done} of ${total})`);
    if (done >= total) process.stderr.write('\n');
  };
}

/**
 * `npm run server -- export [--facility ID | --inmate DOC | --family EMAIL] FILE` and `npm run server -- import FILE`, on the
 * server host (docs/DEPLOY.md, "Changing vendor"): the same database and media flags as the server.
 * Exit codes: 0 done, 2 the import was refused (the reason on stderr; nothing was written), 1 other failures.
 */
export async function runExportCommand(
  command: 'export' | 'import',
  args: string[],
  facilityId: string,
  config: ExportCommandConfig,
): Promise<number> {
  const file = args[0];
  if (!file) {
    process.stderr.write(`usage: ${command} FILE\n`);
    return 1;
  }
  if (!config.databaseUrl) mkdirSync(dirname(resolve(config.db)), { recursive: true });
  const database = await openServerDatabase(config.databaseUrl || resolve(config.db));
  const media = new FileMediaStore(
    config.mediaDir ? resolve(config.mediaDir) : join(dirname(resolve(config.db)), 'media'),
  );
  try {
    if (command === 'export' && (config.inmate || config.family)) {
      const subject = config.inmate
        ? await database.db
            .selectFrom('inmates')
            .select('id')
            .where('doc_number', '=', config.inmate)
            .executeTakeFirst()
        : await database.db
            .selectFrom('family_accounts')
            .select('id')
            .where('email', '=', config.family.toLowerCase())
            .executeTakeFirst();
      if (!subject) {
        process.stderr.write('No such person in this database.\n');
        return 1;
      }
      const result = await exportPerson(
        database.db,
        media,
        config.inmate ? { kind: 'inmate', inmateId: subject.id } : { kind: 'family', familyId: subject.id },
        resolve(file),
        { now: Date.now() },
      );
      process.stdout.write(
        `Exported ${result.manifest.subject.name}: ${resolve(file)} (${result.bytes} bytes, sha256 ${result.sha256})\n`,
      );
      return 0;
    }
    if (command === 'export') {
      const facility =
        facilityId || (await database.db.selectFrom('facilities').select('id').orderBy('id').executeTakeFirst())?.id;
      if (!facility) {
        process.stderr.write('No facility in this database.\n');
        return 1;
      }
      const progress = progressLine('Exporting');
      const result = await exportFacility(database.db, media, facility, resolve(file), {
        now: Date.now(),
        onProgress: (p) => progress(p.done, p.total),
      });
      process.stdout.write(
        `Exported ${result.manifest.subject.name}: ${resolve(file)} (${result.bytes} bytes, sha256 ${result.sha256})\n`,
      );
      return 0;
    }
    const summary = await importFacility(database.db, media, resolve(file), {
      onProgress: progressLine('Checking'),
    });
    const rows = Object.values(summary.rows).reduce((a, b) => a + b, 0);
    process.stdout.write(`Imported facility ${summary.facilityId}: ${rows} rows, ${summary.media} media files\n`);
    return 0;
  } catch (error) {
    if (error instanceof ImportRefused) {
      process.stderr.write(`\nImport refused (${error.problem}): ${error.detail}. Nothing was written.\n`);
      return 2;
    }
    throw error;
  } finally {
    await database.close();
  }
}
