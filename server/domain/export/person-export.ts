import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { MediaStore } from '../../media/media-store';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  mediaEntryPath,
  tableEntryPath,
  type ExportManifest,
} from '../../../shared/export/manifest';
import { GENERATOR, lastMigration } from './export-meta';
import type { ExportResult } from './facility-export';
import { personHtml } from './person-html';
import { familyViews, inmateViews, type PersonView } from './person-views';
import { ExportZipWriter } from './zip-writer';

export type PersonSubject = { kind: 'inmate'; inmateId: string } | { kind: 'family'; familyId: string };

async function describe(db: Kysely<Database>, subject: PersonSubject) {
  if (subject.kind === 'inmate') {
    const inmate = await db
      .selectFrom('inmates')
      .innerJoin('facilities', 'facilities.id', 'inmates.facility_id')
      .select(['inmates.id', 'first_name', 'last_name', 'language', 'time_zone'])
      .where('inmates.id', '=', subject.inmateId)
      .executeTakeFirstOrThrow();
    return {
      id: inmate.id,
      name: `${inmate.first_name} ${inmate.last_name}`,
      language: inmate.language,
      timeZone: inmate.time_zone,
    };
  }
  const family = await db
    .selectFrom('family_accounts')
    .select(['id', 'display_name'])
    .where('id', '=', subject.familyId)
    .executeTakeFirstOrThrow();
  // A family's dates in the zone of the facility of its first contact (the one they write to).
  const zone = await db
    .selectFrom('contacts')
    .innerJoin('inmates', 'inmates.id', 'contacts.inmate_id')
    .innerJoin('facilities', 'facilities.id', 'inmates.facility_id')
    .select('facilities.time_zone')
    .where('contacts.family_id', '=', family.id)
    .orderBy('contacts.id')
    .executeTakeFirst();
  return { id: family.id, name: family.display_name, language: 'en', timeZone: zone?.time_zone ?? 'UTC' };
}

/**
 * A person's own data as one export (shared/export/manifest.ts): a JSON-lines file per view of
 * person-views.ts, the blobs of their messages, and index.html showing it all offline.
 * `language` (en or es) picks the page's words; an inmate's own language by default.
 */
export async function exportPerson(
  db: Kysely<Database>,
  media: MediaStore,
  subject: PersonSubject,
  file: string,
  options: { now: number; language?: string },
): Promise<ExportResult> {
  const who = await describe(db, subject);
  const language = options.language ?? who.language;
  const views: PersonView[] =
    subject.kind === 'inmate' ? inmateViews(db, subject.inmateId, options.now) : familyViews(db, subject.familyId);
  const writer = new ExportZipWriter(file, options.now);
  try {
    const tables: ExportManifest['tables'] = [];
    const blobs = new Map<string, string>();
    for (const view of views) {
      let rows = 0;
      async function* lines() {
        for await (const row of view.rows()) {
          rows += 1;
          if (view.name === 'messages') for (const blob of messageBlobs(row)) blobs.set(blob.sha256, blob.mime);
          yield [JSON.stringify(row)];
        }
      }
      const entry = await writer.addLines(tableEntryPath(view.name), lines());
      tables.push({ name: view.name, path: entry.path, rows, bytes: entry.bytes, sha256: entry.sha256 });
    }
    const mediaEntries: ExportManifest['media'] = [];
    for (const [sha256, mime] of [...blobs].sort(([a], [b]) => a.localeCompare(b))) {
      if (!(await media.has(sha256))) continue; // a blob the store lost is left out rather than the whole export
      const entry = await writer.add(mediaEntryPath(sha256), media.read(sha256), false);
      mediaEntries.push({ sha256, path: entry.path, bytes: entry.bytes, mime });
    }
    const page = await writer.add(
      'index.html',
      Readable.from(personHtml(views, { ...who, language, createdAt: options.now, side: subject.kind })),
      true,
    );
    const manifest: ExportManifest = {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      kind: subject.kind,
      createdAt: options.now,
      generator: GENERATOR,
      schema: await lastMigration(),
      subject: { id: who.id, name: who.name },
      tables,
      media: mediaEntries,
      files: [page],
    };
    return { manifest, ...(await writer.finish(manifest)) };
  } catch (error) {
    writer.abort();
    throw error;
  }
}

function messageBlobs(row: Record<string, unknown>): { sha256: string; mime: string }[] {
  const photos = (row.photos ?? []) as { sha256: string; mime: string }[];
  const video = row.videogram as {
    video: { sha256: string; mime: string };
    captions: { sha256: string; mime: string } | null;
  } | null;
  return [...photos, ...(video ? [video.video, ...(video.captions ? [video.captions] : [])] : [])];
}
