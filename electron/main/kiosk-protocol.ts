import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { contentRange, parseRange } from '../../shared/http/range';
import { extname } from 'node:path';
import { resolveStaticPath } from '../host/lockdown/static-path';
import { securityHeaders } from '../host/lockdown/csp';
import { servedMediaStream } from '../host/media/served-media';
import type { MediaFile } from '../../shared/core-host/messages';
import { contentTypeOf } from '../../shared/http/content-types';

/** The custom scheme the kiosk app is served from: kiosk://app/… */
export const appScheme = 'kiosk';
const appHost = 'app';
export const appOrigin = `${appScheme}://${appHost}`;

/**
 * The protocol.handle handler for kiosk://app: serves files of the built
 * renderer only, through the same path-traversal guard as the preview host,
 * with the CSP on every response. Written against the Fetch API's Request and
 * Response so it is tested without Electron.
 */
export type MediaResolver = (token: string) => Promise<MediaFile | null>;

/** `/media/<token>`: the blob core resolves the token to, decrypted chunk by chunk, with Range (video seeking). */
async function serveMedia(request: Request, token: string, resolve: MediaResolver, csp: string): Promise<Response> {
  const media = await resolve(token);
  if (!media) return new Response(null, { status: 404, headers: securityHeaders(csp) });
  const headers = {
    'Content-Type': media.mime,
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-store',
    ...securityHeaders(csp),
  };
  const range = parseRange(request.headers.get('range'), media.size);
  if (range.kind === 'unsatisfiable') {
    return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${media.size}` } });
  }
  const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, media.size - 1];
  const body =
    media.size === 0 ? null : (Readable.toWeb(servedMediaStream(media, { start, end })) as ReadableStream<Uint8Array>);
  return new Response(body, {
    status: range.kind === 'partial' ? 206 : 200,
    headers: {
      ...headers,
      'Content-Length': String(end - start + 1),
      ...(range.kind === 'partial' ? { 'Content-Range': contentRange(range, media.size) } : {}),
    },
  });
}

export function createAppProtocolHandler(rendererDir: string, csp: string, resolveMedia?: MediaResolver) {
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (url.host !== appHost) return new Response(null, { status: 404, headers: securityHeaders(csp) });
    const media = /^\/media\/([\w-]{10,64})$/.exec(url.pathname);
    if (media?.[1] && resolveMedia) return serveMedia(request, media[1], resolveMedia, csp);
    const pathname = url.pathname === '/' ? '/index.html' : url.pathname;
    const file = resolveStaticPath(rendererDir, pathname);
    if (!file) return new Response(null, { status: 404, headers: securityHeaders(csp) });
    try {
      const body = await readFile(file);
      return new Response(body, {
        status: 200,
        headers: { 'Content-Type': contentTypeOf(extname(file)), ...securityHeaders(csp) },
      });
    } catch {
      return new Response(null, { status: 404, headers: securityHeaders(csp) });
    }
  };
}
