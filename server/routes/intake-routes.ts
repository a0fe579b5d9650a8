import type { FastifyInstance } from 'fastify';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { Id } from '../../shared/domain/ids';
import { epubLimits } from '../../shared/media/epub-archive';
import {
  CatalogApproval,
  CourseUpload,
  IntakeResult,
  NewAlbum,
  StaffCatalog,
  TrackQuery,
  TrackUpload,
} from '../../shared/portal-api/intake';
import type { ServerContext } from '../domain/context';
import { facilityCatalog, setApproval } from '../domain/catalog/catalog';
import { createAlbum, importCourse, intakeBook, intakeTrack } from '../domain/catalog/intake';
import { HttpError, parseInput } from '../http/http-error';
import { AUDIO_MAX_BYTES, AUDIO_TYPES, type AudioType } from '../media/audio-intake';
import type { MediaStore } from '../media/media-store';
import { sendMedia } from '../media/serve-media';
import { staffGuard } from './staff-guard';

const Params = z.object({ id: Id });
const contentType = (header: string | undefined) => (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/**
 * Content intake (admins): books, music and courses in, each item approved,
 * priced or withdrawn. Uploads are the raw request body streamed to a temp file
 * in the media store and checked there; a refused one leaves nothing behind.
 */
export function registerIntakeRoutes(app: FastifyInstance, ctx: ServerContext, media: MediaStore): void {
  const staff = staffGuard(ctx);
  const admin = ['admin'] as const;
  /** The item as the console lists it, after an upload. */
  const listed = async (facilityId: string, id: string) => {
    const item = (await facilityCatalog(ctx, facilityId)).find((i) => i.id === id);
    if (!item) throw new Error(`catalog item ${id} was just added and is not listed`);
    return IntakeResult.parse({ item });
  };

  app.get('/api/staff/catalog', async (request) => {
    const user = await staff(request, admin);
    return StaffCatalog.parse(await facilityCatalog(ctx, user.facility_id));
  });
  app.post('/api/staff/catalog/:id', async (request) => {
    const user = await staff(request, admin);
    const { id } = parseInput(Params, request.params, 'item id');
    const approval = parseInput(CatalogApproval, request.body, 'approval');
    await setApproval(ctx, user.facility_id, id, approval, media, user);
    return { ok: true };
  });
  app.get('/api/staff/catalog/:id/cover', async (request, reply) => {
    const user = await staff(request, admin);
    const { id } = parseInput(Params, request.params, 'item id');
    const cover = await ctx.db
      .selectFrom('catalog')
      .innerJoin('media', 'media.sha256', 'catalog.cover_sha256')
      .select(['media.sha256', 'media.mime', 'media.bytes'])
      .where('catalog.id', '=', id)
      .where((eb) =>
        eb.or([eb('catalog.added_by_facility', 'is', null), eb('catalog.added_by_facility', '=', user.facility_id)]),
      )
      .executeTakeFirst();
    if (!cover || !(await media.has(cover.sha256))) throw new HttpError(404, 'not_found', 'No cover.');
    return sendMedia(request, reply, media, cover, 'private, max-age=3600');
  });
  app.post('/api/staff/intake/album', async (request) => {
    const user = await staff(request, admin);
    const id = await createAlbum(ctx, user, parseInput(NewAlbum, request.body, 'album'));
    return listed(user.facility_id, id);
  });
  app.post('/api/staff/intake/course', { bodyLimit: 1_100_000 }, async (request) => {
    const user = await staff(request, admin);
    const { course } = parseInput(CourseUpload, request.body, 'course');
    return listed(user.facility_id, await importCourse(ctx, user, course));
  });

  // The raw uploads: the body is a stream (never buffered whole), read only after the staff check.
  void app.register((scope, _options, done) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, next) => next(null, payload));
    scope.post('/api/staff/intake/book', { bodyLimit: epubLimits.archiveBytes }, async (request) => {
      const user = await staff(request, admin);
      if (contentType(request.headers['content-type']) !== 'application/epub+zip')
        throw new HttpError(415, 'unsupported_media', 'Books are EPUB files (application/epub+zip).');
      const id = await intakeBook(ctx, media, user, request.body as Readable);
      return listed(user.facility_id, id);
    });
    scope.post('/api/staff/intake/track', { bodyLimit: AUDIO_MAX_BYTES }, async (request) => {
      const user = await staff(request, admin);
      const { name } = parseInput(TrackQuery, request.query, 'track');
      const type = contentType(request.headers['content-type']);
      if (!(type in AUDIO_TYPES))
        throw new HttpError(415, 'unsupported_media', 'Music is MP3 (audio/mpeg) or Ogg (audio/ogg).');
      const track = await intakeTrack(ctx, media, user, request.body as Readable, type as AudioType, name);
      return TrackUpload.parse(track);
    });
    done();
  });
}
