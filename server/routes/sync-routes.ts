import { readFileSync } from 'node:fs';
import { bytesMatchType } from '../../shared/media/sniff';
import { videoDurationMs } from '../../shared/media/video-duration';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Id, Sha256 } from '../../shared/domain/ids';
import { VIDEOGRAM_MAX_BYTES } from '../../shared/domain/limits';
import { PullQuery, PushRequest, syncPaths, type PushResponse } from '../../shared/sync/protocol';
import type { ServerContext } from '../domain/context';
import { allowedInmateIds, authenticateDevice } from '../domain/devices/devices';
import { inmateTrail, technicianTrail } from '../domain/messages/message-trail-access';
import { HttpError, parseInput } from '../http/http-error';
import { MediaHashMismatchError, MediaTooLargeError, type MediaStore } from '../media/media-store';
import { sendMedia } from '../media/serve-media';
import { pull } from '../sync/pull';
import { applyPushItem } from '../sync/push';
import type { Readable } from 'node:stream';

const MediaParams = z.object({ sha256: Sha256 });

/** The sync API devices use: pull, push, and media by content hash. */
export function registerSyncRoutes(app: FastifyInstance, ctx: ServerContext, media: MediaStore): void {
  app.get(syncPaths.pull, async (request) => {
    const device = await authenticateDevice(ctx, request.headers.authorization);
    return pull(ctx, device, parseInput(PullQuery, request.query, 'pull query'));
  });

  app.post(syncPaths.push, async (request): Promise<PushResponse> => {
    const device = await authenticateDevice(ctx, request.headers.authorization);
    const { items } = parseInput(PushRequest, request.body, 'push request');
    const results = [];
    // One transaction per item: one bad item never holds back the others.
    for (const item of items) results.push(await applyPushItem(ctx, media, device, item));
    return { results, serverTime: ctx.now() };
  });

  // The trail of one of the device's people's messages (by server id or outbox id): the kiosk's "where is it".
  app.get(`${syncPaths.messageTrail}/:id`, async (request) => {
    const device = await authenticateDevice(ctx, request.headers.authorization);
    const { id } = parseInput(z.object({ id: Id }), request.params, 'message id');
    return inmateTrail(ctx, await allowedInmateIds(ctx, device), id);
  });

  // The same, for a technician signed in at the device (its diagnostics screen): any message of its people.
  app.get(`${syncPaths.technicianTrail}/:id`, async (request) => {
    const device = await authenticateDevice(ctx, request.headers.authorization);
    const { id } = parseInput(z.object({ id: Id }), request.params, 'message id');
    const { 'x-technician': technicianId } = parseInput(
      z.object({ 'x-technician': Id }),
      { 'x-technician': request.headers['x-technician'] },
      'technician',
    );
    return technicianTrail(ctx, device, await allowedInmateIds(ctx, device), technicianId, id);
  });

  // eslint-disable-next-line @typescript-eslint/require-await -- Fastify encapsulates only async (or callback) plugins
  void app.register(async (scope) => {
    // Uploads are raw bytes of any media type, streamed to disk, never buffered whole.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

    scope.put(`${syncPaths.media}/:sha256`, { bodyLimit: VIDEOGRAM_MAX_BYTES }, async (request, reply) => {
      await authenticateDevice(ctx, request.headers.authorization);
      const { sha256 } = parseInput(MediaParams, request.params, 'media address');
      const mime = (request.headers['content-type'] ?? 'application/octet-stream').split(';')[0] ?? '';
      if (!/^(video\/(webm|mp4)|audio\/(webm|ogg))$/.test(mime)) {
        throw new HttpError(415, 'unsupported_media', 'Devices upload videograms only (video/webm or video/mp4).');
      }
      if (await media.has(sha256)) return reply.status(200).send({ sha256, stored: false });
      try {
        // The bytes must be what the label says (a readable WebM/MP4 for video), or nothing is stored.
        const bytes = await media.put(sha256, request.body as Readable, VIDEOGRAM_MAX_BYTES, (temp) => {
          const content = readFileSync(temp);
          if (!bytesMatchType(mime, content) || (mime.startsWith('video/') && videoDurationMs(content) === null))
            throw new HttpError(415, 'not_media', `The bytes are not ${mime}.`);
        });
        await ctx.db
          .insertInto('media')
          .values({ sha256, mime, bytes, created_at: ctx.now() })
          .onConflict((oc) => oc.column('sha256').doNothing())
          .execute();
        return await reply.status(201).send({ sha256, stored: true });
      } catch (error) {
        if (error instanceof MediaHashMismatchError) throw new HttpError(422, 'hash_mismatch', error.message);
        if (error instanceof MediaTooLargeError) throw new HttpError(413, 'too_large', error.message);
        throw error;
      }
    });

    scope.get(`${syncPaths.media}/:sha256`, async (request, reply) => {
      const device = await authenticateDevice(ctx, request.headers.authorization);
      const { sha256 } = parseInput(MediaParams, request.params, 'media address');
      // Only blobs referenced by something this device may hold: its facility's catalog or its inmates' messages.
      const refs = await ctx.db
        .selectFrom('media_refs')
        .select('inmate_id')
        .where('sha256', '=', sha256)
        .where('facility_id', '=', device.facility_id)
        .execute();
      const allowed = new Set(await allowedInmateIds(ctx, device));
      const row = await ctx.db
        .selectFrom('media')
        .select(['mime', 'bytes'])
        .where('sha256', '=', sha256)
        .executeTakeFirst();
      if (
        !row ||
        !(await media.has(sha256)) ||
        !refs.some((ref) => ref.inmate_id === null || allowed.has(ref.inmate_id))
      ) {
        throw new HttpError(404, 'not_found', 'No such media for this device.');
      }
      return sendMedia(request, reply, media, { sha256, ...row }, 'private, max-age=31536000, immutable');
    });
  });
}
