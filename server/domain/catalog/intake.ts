import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { uuidv7 } from 'uuidv7';
import { epubLimits } from '../../../shared/media/epub-archive';
import type { NewAlbum } from '../../../shared/portal-api/intake';
import { HttpError } from '../../http/http-error';
import { AUDIO_MAX_BYTES, readAudioFile, type AudioFacts, type AudioType } from '../../media/audio-intake';
import { readEpub, type EpubFacts } from '../../media/epub-metadata';
import { MediaTooLargeError, type MediaStore } from '../../media/media-store';
import { write, type ServerContext, type Writer } from '../context';
import { audit, type StaffActor } from '../staff-audit';
import { readCourse } from './course-format';

/** A blob this facility's devices may fetch (media_refs with no inmate: the facility's catalog). */
async function recordBlob(w: Writer, facilityId: string, blob: { sha256: string; mime: string; bytes: number }) {
  await w.trx
    .insertInto('media')
    .values({ sha256: blob.sha256, mime: blob.mime, bytes: blob.bytes, created_at: w.now })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
  const known = await w.trx
    .selectFrom('media_refs')
    .select('sha256')
    .where('sha256', '=', blob.sha256)
    .where('facility_id', '=', facilityId)
    .where('inmate_id', 'is', null)
    .executeTakeFirst();
  if (!known)
    await w.trx
      .insertInto('media_refs')
      .values({ sha256: blob.sha256, facility_id: facilityId, inmate_id: null })
      .execute();
}

/** Streams an upload into the store, checked on its temp file first: a refused upload leaves no file. */
async function storeChecked<T>(
  media: MediaStore,
  upload: Readable,
  maxBytes: number,
  tooLarge: string,
  check: (tempFile: string) => Promise<T> | T,
): Promise<{ sha256: string; bytes: number; facts: T }> {
  let facts: T | undefined;
  try {
    const stored = await media.putUnknown(upload, maxBytes, async (temp) => {
      facts = await check(temp);
    });
    if (facts === undefined) throw new Error('upload check did not run');
    return { ...stored, facts };
  } catch (error) {
    if (error instanceof MediaTooLargeError)
      throw new HttpError(413, tooLarge, `larger than ${maxBytes} bytes`, { maxBytes });
    throw error;
  }
}

interface NewItem {
  kind: 'book' | 'album' | 'course';
  title: string;
  author: string;
  language: string;
  description: string;
  files: { sha256: string; mime: string; bytes: number; title: string; durationMs: number }[];
  course: unknown;
  coverSha256: string | null;
}

interface Blob {
  sha256: string;
  mime: string;
  bytes: number;
}

/**
 * Adds an item to the catalog, not approved anywhere yet (staff approve it at a price), audited. `blobs` are
 * what devices fetch (referenced for the facility); `consoleOnly` (a book's cover) is known but not referenced.
 */
async function addItem(ctx: ServerContext, actor: StaffActor, item: NewItem, blobs: Blob[], consoleOnly: Blob[] = []) {
  const id = uuidv7();
  await write(ctx, async (w) => {
    for (const blob of blobs) await recordBlob(w, actor.facility_id, blob);
    for (const blob of consoleOnly)
      await w.trx
        .insertInto('media')
        .values({ sha256: blob.sha256, mime: blob.mime, bytes: blob.bytes, created_at: w.now })
        .onConflict((oc) => oc.column('sha256').doNothing())
        .execute();
    await w.trx
      .insertInto('catalog')
      .values({
        id,
        kind: item.kind,
        title: item.title,
        author: item.author,
        language: item.language,
        description: item.description,
        files: JSON.stringify(item.files),
        course: item.course === null ? null : JSON.stringify(item.course),
        game_id: null,
        cover_sha256: item.coverSha256,
        added_by_facility: actor.facility_id,
        updated_at: w.now,
      })
      .execute();
    await audit(w, actor, {
      action: 'catalog.add',
      subject: { type: 'catalog', id },
      before: null,
      after: { kind: item.kind, title: item.title, author: item.author, files: item.files.map((f) => f.sha256) },
    });
  });
  return id;
}

/** A book's language as the catalog keeps it: its primary tag if the kiosks speak it, else English. */
const bookLanguage = (tag: string) => (tag.toLowerCase().startsWith('es') ? 'es' : 'en');

/** A staff upload of an EPUB (see readEpub for what is refused); the cover and metadata come from the book. */
export async function intakeBook(ctx: ServerContext, media: MediaStore, actor: StaffActor, upload: Readable) {
  const stored = await storeChecked<EpubFacts>(media, upload, epubLimits.archiveBytes, 'book_too_large', (temp) =>
    readEpub(readFileSync(temp)),
  );
  const { facts } = stored;
  const cover = facts.cover
    ? { sha256: await media.putBytes(facts.cover.bytes), mime: facts.cover.mime, bytes: facts.cover.bytes.length }
    : null;
  const file = { sha256: stored.sha256, mime: 'application/epub+zip', bytes: stored.bytes };
  return addItem(
    ctx,
    actor,
    {
      kind: 'book',
      title: facts.title,
      author: facts.author,
      language: bookLanguage(facts.language),
      description: facts.description,
      files: [{ ...file, title: facts.title, durationMs: 0 }],
      course: null,
      coverSha256: cover?.sha256 ?? null,
    },
    [file],
    // The cover is for the console (devices read the book's own): known as media, not sent to devices.
    cover ? [cover] : [],
  );
}

/** A staff upload of one music file: stored, its tags and duration kept until it goes into an album. */
export async function intakeTrack(
  ctx: ServerContext,
  media: MediaStore,
  actor: StaffActor,
  upload: Readable,
  type: AudioType,
  fileName: string,
): Promise<AudioFacts & { sha256: string }> {
  const stored = await storeChecked<AudioFacts>(media, upload, AUDIO_MAX_BYTES, 'audio_too_large', (temp) =>
    readAudioFile(temp, type),
  );
  const facts = { ...stored.facts, title: stored.facts.title || fileName.replace(/\.[^.]*$/, '').slice(0, 300) };
  await write(ctx, async (w) => {
    await w.trx
      .insertInto('media')
      .values({ sha256: stored.sha256, mime: type, bytes: stored.bytes, created_at: w.now })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    await w.trx
      .deleteFrom('intake_uploads')
      .where('facility_id', '=', actor.facility_id)
      .where('sha256', '=', stored.sha256)
      .execute();
    await w.trx
      .insertInto('intake_uploads')
      .values({
        facility_id: actor.facility_id,
        sha256: stored.sha256,
        mime: type,
        bytes: stored.bytes,
        tags: JSON.stringify({ title: facts.title, artist: facts.artist, album: facts.album, track: facts.track }),
        duration_ms: facts.durationMs,
        uploaded_by: actor.id,
        created_at: w.now,
      })
      .execute();
  });
  return { ...facts, sha256: stored.sha256 };
}

/** Tracks this facility uploaded become one album, in the order given; each duration is the one read from its file. */
export async function createAlbum(ctx: ServerContext, actor: StaffActor, input: NewAlbum) {
  const uploads = await ctx.db
    .selectFrom('intake_uploads')
    .selectAll()
    .where('facility_id', '=', actor.facility_id)
    .where(
      'sha256',
      'in',
      input.tracks.map((t) => t.sha256),
    )
    .execute();
  const bySha = new Map(uploads.map((u) => [u.sha256, u]));
  const files = input.tracks.map((track) => {
    const upload = bySha.get(track.sha256);
    if (!upload)
      throw new HttpError(400, 'track_not_uploaded', 'This track was not uploaded here.', { sha256: track.sha256 });
    return {
      sha256: upload.sha256,
      mime: upload.mime,
      bytes: upload.bytes,
      title: track.title,
      durationMs: upload.duration_ms,
    };
  });
  return addItem(
    ctx,
    actor,
    {
      kind: 'album',
      title: input.title,
      author: input.artist,
      language: input.language,
      description: input.description,
      files,
      course: null,
      coverSha256: null,
    },
    files,
  );
}

/** A course file (docs/COURSE-FORMAT.md): checked whole before anything is written. */
export async function importCourse(ctx: ServerContext, actor: StaffActor, text: string) {
  const { file, content } = readCourse(text);
  return addItem(
    ctx,
    actor,
    {
      kind: 'course',
      title: file.title,
      author: file.author,
      language: file.language,
      description: file.description,
      files: [],
      course: content,
      coverSha256: null,
    },
    [],
  );
}
