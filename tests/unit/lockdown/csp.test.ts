import { describe, expect, it } from 'vitest';
import { buildCsp, securityHeaders } from '../../../electron/host/lockdown/csp';

const directives = (csp: string) =>
  new Map(
    csp.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name ?? '', values];
    }),
  );

describe('content security policy', () => {
  it('has no inline script, no eval, no foreign origins', () => {
    const csp = buildCsp({ connectSrc: ['ws://127.0.0.1:5000'] });
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe-eval|\*/);
    const d = directives(csp);
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    expect(d.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:5000']);
  });

  it('adds the media scheme to img and media sources only', () => {
    const d = directives(buildCsp({ mediaSrc: ['kiosk-media:'] }));
    expect(d.get('img-src')).toContain('kiosk-media:');
    expect(d.get('media-src')).toContain('kiosk-media:');
    expect(d.get('script-src')).not.toContain('kiosk-media:');
  });

  it('sends the CSP with hardening headers', () => {
    const headers = securityHeaders('x');
    expect(headers['Content-Security-Policy']).toBe('x');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Permissions-Policy']).toContain('geolocation=()');
  });
});
