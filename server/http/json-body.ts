import type { FastifyInstance } from 'fastify';
import { JSON_LIMITS, jsonHasLoneSurrogate, jsonTextDepth } from '../../shared/domain/bounded-json';
import { HttpError } from './http-error';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The one JSON parser of every body the server takes (size: Fastify's
 * `bodyLimit`, per route where larger). Before anything is parsed or
 * written: bytes that are not UTF-8 and nesting deeper than
 * `JSON_LIMITS.bodyDepth` are a 400; after parsing (Fastify's own parser,
 * which also refuses `__proto__`), a lone surrogate anywhere is a 400 rather
 * than stored as three U+FFFD.
 */
export function installJsonBodyParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(new HttpError(400, 'malformed_utf8', 'The request body is not valid UTF-8.'), undefined);
      return;
    }
    if (jsonTextDepth(text, JSON_LIMITS.bodyDepth) > JSON_LIMITS.bodyDepth) {
      done(new HttpError(400, 'json_too_deep', `JSON nested deeper than ${JSON_LIMITS.bodyDepth} levels.`), undefined);
      return;
    }
    void parse(request, text, (error, value) => {
      if (error) done(error, undefined);
      else if (jsonHasLoneSurrogate(value))
        done(
          new HttpError(400, 'malformed_unicode', 'The text holds a lone surrogate (malformed Unicode).'),
          undefined,
        );
      else done(null, value);
    });
  });
}
