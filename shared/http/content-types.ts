/**
 * The Content-Type of a built file by its extension, for the three places that serve one: the
 * kiosk:// protocol and the preview host (the renderer build) and the server (the portal build).
 * Anything else is served as application/octet-stream (and nosniff), never guessed.
 */
const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.webm': 'video/webm',
  '.vtt': 'text/vtt',
};

/** `extension` with its dot, as node:path's extname gives it. */
export function contentTypeOf(extension: string): string {
  return Object.hasOwn(contentTypes, extension) ? (contentTypes[extension] ?? '') : 'application/octet-stream';
}
