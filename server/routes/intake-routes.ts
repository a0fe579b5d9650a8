import type { FastifyInstance } from 'fastify';
import type { Readable } from 'node:stream';
import { epubLimits } from '../../shared/media/epub-archive';
import { IntakeResult } from '../../shared/portal-api/intake';
import type { ServerContext } from '../domain/context';
import { facilityCatalog, setApproval } from '../domain/catalog/catalog';
import { createAlbum, importCourse, intakeBook, intakeTrack } from '../domain/catalog/intake';
import { HttpError } from '../http/http-error';
import { portalRoute } from '../http/portal-route';
import { AUDIO_MAX_BYTES, AUDIO_TYPES, type AudioType } from '../media/audio-intake';
import type { MediaStore } from '../media/media-store';
import { sendMedia } from '../media/serve-media';
import { staffGuard } from './staff-guard';

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

  portalRoute(app, 'staff.catalog', async (_input, request) => {
    const user = await staff(request, admin);
    return facilityCatalog(ctx, user.facility_id);
  });
  portalRoute(app, 'staff.catalog.approve', async ({ params, body }, request) => {
    const user = await staff(request, admin);
    await setApproval(ctx, user.facility_id, params.id, body, media, user);
    return { ok: true as const };
  });
  portalRoute(app, 'staff.catalog.cover', async ({ params }, request, reply) => {
    const user = await staff(request, admin);
    const cover = await ctx.db
      .selectFrom('catalog')
      .innerJoin('media', 'media.sha256', 'catalog.cover_sha256')
      .select(['media.sha256', 'media.mime', 'media.bytes'])
      .where('catalog.id', '=', params.id)
      .where((eb) =>
        eb.or([eb('catalog.added_by_facility', 'is', null), eb('catalog.added_by_facility', '=', user.facility_id)]),
      )
      .executeTakeFirst();
    if (!cover || !(await media.has(cover.sha256))) throw new HttpError(404, 'not_found', 'No cover.');
    return sendMedia(request, reply, media, cover, 'private, max-age=3600');
  });
  portalRoute(app, 'staff.intake.album', async ({ body }, request) => {
    const user = await staff(request, admin);
    return listed(user.facility_id, await createAlbum(ctx, user, body));
  });
  portalRoute(
    app,
    'staff.intake.course',
    async ({ body }, request) => {
      const user = await staff(request, admin);
      return listed(user.facility_id, await importCourse(ctx, user, body.course));
    },
    { bodyLimit: 1_100_000 },
  );

  // The raw uploads: the body is a stream (never buffered whole), read only after the staff check.
  // eslint-disable-next-line @typescript-eslint/require-await -- Fastify encapsulates only async (or callback) plugins
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, next) => next(null, payload));
    portalRoute(
      scope,
      'staff.intake.book',
      async (_input, request) => {
        const user = await staff(request, admin);
        if (contentType(request.headers['content-type']) !== 'application/epub+zip')
          throw new HttpError(415, 'unsupported_media', 'Books are EPUB files (application/epub+zip).');
        const id = await intakeBook(ctx, media, user, request.body as Readable);
        return listed(user.facility_id, id);
      },
      { bodyLimit: epubLimits.archiveBytes },
    );
    portalRoute(
      scope,
      'staff.intake.track',
      async ({ query }, request) => {
        const user = await staff(request, admin);
        const type = contentType(request.headers['content-type']);
        if (!(type in AUDIO_TYPES))
          throw new HttpError(415, 'unsupported_media', 'Music is MP3 (audio/mpeg) or Ogg (audio/ogg).');
        return intakeTrack(ctx, media, user, request.body as Readable, type as AudioType, query.name);
      },
      { bodyLimit: AUDIO_MAX_BYTES },
    );
  });
}
