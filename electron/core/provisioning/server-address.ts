/**
 * What a technician may type as the facility server address, and the
 * certificate fingerprint that pins it. Pure, so every bad input has a test.
 */
type ServerAddressProblem = 'invalid_url' | 'https_required' | 'credentials_in_url';

export type ParsedServerAddress =
  { ok: true; url: string; loopback: boolean } | { ok: false; problem: ServerAddressProblem };

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A facility server is `https://host[:port]` with no path, query or
 * credentials. Plain http is allowed only on this machine's loopback (the
 * embedded demo facility), where there is no network to listen on.
 */
export function parseServerAddress(input: string): ParsedServerAddress {
  const trimmed = input.trim();
  if (!trimmed || trimmed.length > 300) return { ok: false, problem: 'invalid_url' };
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    return { ok: false, problem: 'invalid_url' };
  }
  if (url.username || url.password) return { ok: false, problem: 'credentials_in_url' };
  if (!url.hostname || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    return { ok: false, problem: 'invalid_url' };
  }
  const loopback = loopbackHosts.has(url.hostname);
  if (url.protocol === 'http:' && !loopback) return { ok: false, problem: 'https_required' };
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, problem: 'invalid_url' };
  return { ok: true, url: url.origin, loopback };
}

/**
 * SHA-256 certificate fingerprints are shown as `AB:CD:…` by browsers and
 * openssl, or as plain hex; both are accepted, spaces and case ignored.
 * Returns the canonical upper-case colon form Node reports, or null.
 */
export function normalizeFingerprint(input: string): string | null {
  const hex = input.replace(/[\s:]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) return null;
  return hex.match(/../g)?.join(':') ?? null;
}
