import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const load = (lang: string) =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, `../../../portal/src/locales/${lang}.json`), 'utf8')) as Record<
    string,
    unknown
  >;

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('portal translations', () => {
  it('English and Spanish have exactly the same keys, none empty', () => {
    const en = load('en');
    const es = load('es');
    expect(keys(es).sort()).toEqual(keys(en).sort());
    for (const key of keys(es)) {
      const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], es);
      expect(typeof value === 'string' && value.trim().length > 0, key).toBe(true);
    }
  });
});
