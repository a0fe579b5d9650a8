import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const load = (lang: string) =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, `../../../portal/src/locales/${lang}.json`), 'utf8')) as Record<
    string,
    unknown
  >;

/** Each leaf's path (a list: keys such as the change log's 'staff.invite' hold a dot themselves). */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]));
}
const keys = (value: unknown) => paths(value).map((path) => JSON.stringify(path));

describe('portal translations', () => {
  it('English and Spanish have exactly the same keys, none empty', () => {
    const en = load('en');
    const es = load('es');
    expect(keys(es).sort()).toEqual(keys(en).sort());
    for (const path of paths(es)) {
      const value = path.reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], es);
      expect(typeof value === 'string' && value.trim().length > 0, path.join('.')).toBe(true);
    }
  });
});
