import { closeSync } from 'node:fs';
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
  // Opened before any header: a blob gone or replaced by a symlink is a 404, never a file from elsewhere.
  const file = media.open(blob.sha256);
  if (!file) return reply.status(404).send({ error: 'not_found', message: 'No such media.' });
  const size = file.size;
  const range = parseRange(request.headers.range, size);
  void reply
    .header('accept-ranges', 'bytes')
    .header('etag', `"${blob.sha256}"`)
    .header('cache-control', cache)
    .header('x-content-type-options', 'nosniff')
    .type(blob.mime);
  if (range.kind === 'unsatisfiable') {
    closeSync(file.fd);
    return reply.status(416).header('content-range', `bytes */${size}`).send();
  }
  if (range.kind === 'partial') {
    return reply
      .status(206)
      .header('content-range', contentRange(range, size))
      .header('content-length', range.end - range.start + 1)
      .send(media.stream(file, range));
  }
  return reply.header('content-length', size).send(media.stream(file));
}
