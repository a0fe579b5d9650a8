import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { resolveStaticPath } from '../core/lockdown/static-path';
import { securityHeaders } from '../core/lockdown/csp';

/** The custom scheme the kiosk app is served from: kiosk://app/… */
export const appScheme = 'kiosk';
export const appHost = 'app';
export const appOrigin = `${appScheme}://${appHost}`;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/**
 * The protocol.handle handler for kiosk://app: serves files of the built
 * renderer only, through the same path-traversal guard as the preview host,
 * with the CSP on every response. Written against the Fetch API's Request and
 * Response so it is tested without Electron.
 */
export function createAppProtocolHandler(rendererDir: string, csp: string) {
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (url.host !== appHost) return new Response(null, { status: 404, headers: securityHeaders(csp) });
    const pathname = url.pathname === '/' ? '/index.html' : url.pathname;
    const file = resolveStaticPath(rendererDir, pathname);
    if (!file) return new Response(null, { status: 404, headers: securityHeaders(csp) });
    try {
      const body = await readFile(file);
      return new Response(body, {
        status: 200,
        headers: { 'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream', ...securityHeaders(csp) },
      });
    } catch {
      return new Response(null, { status: 404, headers: securityHeaders(csp) });
    }
  };
}
