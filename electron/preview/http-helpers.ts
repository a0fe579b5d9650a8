import type { IncomingMessage } from 'node:http';

/** Small HTTP pieces of the preview host (host.ts): cookies, request paths, error statuses. */

/** The cookie naming one page load of the app shell; HttpOnly, so the page itself never sees it. */
export const PAGE_COOKIE = 'kiosk-page';

export function cookie(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) {
      const text = value.join('=');
      return /^[\w-]{16,64}$/.test(text) ? text : null;
    }
  }
  return null;
}

/**
 * The request's path as a URL on our origin, or null. `new URL('//', base)`
 * reads `//` as a host-relative URL with an empty host and throws: that once
 * killed the host on `GET //` and on a WebSocket upgrade to `//`.
 */
export function requestUrl(raw: string | undefined, origin: string): URL | null {
  const path = raw ?? '/';
  if (!path.startsWith('/') || path.startsWith('//')) return null;
  try {
    return new URL(`${origin}${path}`);
  } catch {
    return null;
  }
}

export const statusFor: Record<string, number> = {
  validation: 400,
  unknown_call: 404,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  locked_out: 423,
  limit: 422,
  offline: 503,
  unavailable: 503,
  internal: 500,
};
