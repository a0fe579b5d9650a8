import type { FastifyReply, FastifyRequest } from 'fastify';
import { contentRange, parseRange } from '../../shared/http/range';
import type { MediaStore } from './media-store';

/**
 * Sends one stored blob with single-range support (what video players and
 * resumable downloads ask for). The caller has already decided the asker may
 * see it; `cache` is the Cache-Control the caller wants.
 */
export function sendMedia(
  request: FastifyRequest,
  reply: FastifyReply,
  media: MediaStore,
  blob: { sha256: string; mime: string; bytes: number },
  cache: string,
): FastifyReply {
  const size = blob.bytes;
  const range = parseRange(request.headers.range, size);
  void reply
    .header('accept-ranges', 'bytes')
    .header('etag', `"${blob.sha256}"`)
    .header('cache-control', cache)
    .header('x-content-type-options', 'nosniff')
    .type(blob.mime);
  if (range.kind === 'unsatisfiable') {
    return reply.status(416).header('content-range', `bytes */${size}`).send();
  }
  if (range.kind === 'partial') {
    return reply
      .status(206)
      .header('content-range', contentRange(range, size))
      .header('content-length', range.end - range.start + 1)
      .send(media.read(blob.sha256, range));
  }
  return reply.header('content-length', size).send(media.read(blob.sha256));
}
