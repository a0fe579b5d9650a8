import { describe, expect, it } from 'vitest';
import { normalizeFingerprint, parseServerAddress } from '../../../electron/core/provisioning/server-address';

describe('parseServerAddress', () => {
  it.each([
    ['https://facility.example', 'https://facility.example'],
    ['https://facility.example:8443/', 'https://facility.example:8443'],
    ['facility.example', 'https://facility.example'],
    ['  HTTPS://Facility.Example  ', 'https://facility.example'],
    ['http://127.0.0.1:8470', 'http://127.0.0.1:8470'],
    ['http://localhost:8470', 'http://localhost:8470'],
  ])('accepts %j as %s', (input, url) => {
    expect(parseServerAddress(input)).toMatchObject({ ok: true, url });
  });

  it.each([
    ['', 'invalid_url'],
    ['not a url', 'invalid_url'],
    ['https://', 'invalid_url'],
    ['ftp://facility.example', 'invalid_url'],
    ['file:///etc/passwd', 'invalid_url'],
    ['javascript:alert(1)', 'invalid_url'],
    ['https://facility.example/api', 'invalid_url'],
    ['https://facility.example/?x=1', 'invalid_url'],
    ['https://facility.example/#x', 'invalid_url'],
    ['http://facility.example', 'https_required'],
    ['http://10.0.0.5:8470', 'https_required'],
    ['https://admin:pw@facility.example', 'credentials_in_url'],
    [`https://${'a'.repeat(400)}.example`, 'invalid_url'],
  ])('refuses %j (%s)', (input, problem) => {
    expect(parseServerAddress(input)).toEqual({ ok: false, problem });
  });
});

describe('normalizeFingerprint', () => {
  const hex = 'ab'.repeat(32);
  const canonical = Array.from({ length: 32 }, () => 'AB').join(':');
  it('accepts colon, plain hex and spaced forms in any case', () => {
    expect(normalizeFingerprint(hex)).toBe(canonical);
    expect(normalizeFingerprint(canonical.toLowerCase())).toBe(canonical);
    expect(normalizeFingerprint(` ${canonical.replace(/:/g, ' ')} `)).toBe(canonical);
  });
  it('refuses short, long and non-hex input', () => {
    expect(normalizeFingerprint('ab'.repeat(31))).toBeNull();
    expect(normalizeFingerprint('ab'.repeat(33))).toBeNull();
    expect(normalizeFingerprint(`${'ab'.repeat(31)}zz`)).toBeNull();
    expect(normalizeFingerprint('')).toBeNull();
  });
});
