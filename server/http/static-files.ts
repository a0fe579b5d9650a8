import type { FastifyInstance } from 'fastify';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { contentTypeOf } from '../../shared/http/content-types';

/** The portal's CSP: its own scripts and styles only, no inline script, no eval, nothing framed. */
const csp =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; media-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/**
 * Serves the built portal (out/portal) under /portal/: files inside that
 * folder only (no `..`, no symlinks out), index.html for anything else, the
 * CSP and no-sniff on every response.
 */
export function registerPortal(app: FastifyInstance, dir: string): void {
  const root = existsSync(dir) ? realpathSync(dir) : null;
  app.get('/portal/*', (request, reply) => {
    if (!root)
      return reply.status(404).send({ error: 'not_built', message: 'The portal is not built: run npm run build.' });
    // Already decoded once by the router: decoding again made "/portal/%25" a 500 (and double decoding is a traversal hazard).
    const wanted = (request.params as { '*': string })['*'] || 'index.html';
    let file = normalize(join(root, wanted));
    if (
      !file.startsWith(root + sep) ||
      !existsSync(file) ||
      !statSync(file).isFile() ||
      !realpathSync(file).startsWith(root + sep)
    ) {
      file = join(root, 'index.html');
    }
    return reply
      .header('content-security-policy', csp)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', wanted.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache')
      .type(contentTypeOf(extname(file)))
      .send(readFileSync(file));
  });
  app.get('/', (_request, reply) => reply.redirect('/portal/'));
}
