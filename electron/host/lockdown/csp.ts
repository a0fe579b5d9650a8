/**
 * The Content-Security-Policy sent with every document and asset the kiosk
 * serves, in Electron (custom scheme) and in the preview host alike. No inline
 * script, no eval, nothing from any other origin; the only extra sources are
 * the ones the caller names (the preview host's event socket, the media scheme).
 */
export interface CspOptions {
  /** Extra connect-src entries, e.g. 'ws://127.0.0.1:5174' for the preview host's events. */
  connectSrc?: readonly string[];
  /** Extra media/img sources, e.g. 'kiosk-media:' for the local media protocol. */
  mediaSrc?: readonly string[];
}

export function buildCsp(options: CspOptions = {}): string {
  const media = ["'self'", 'blob:', 'data:', ...(options.mediaSrc ?? [])];
  const directives: Record<string, readonly string[]> = {
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': media,
    'media-src': media,
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...(options.connectSrc ?? [])],
    // eBooks render in a sandboxed frame served from our own origin.
    'frame-src': ["'self'", 'blob:'],
    'worker-src': ["'self'"],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** Headers that go with every response, beside the CSP. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(self), microphone=(self), geolocation=(), usb=(), serial=(), hid=(), bluetooth=()',
  };
}
