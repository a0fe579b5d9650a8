import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const localesDir = join(import.meta.dirname, '../../../renderer/src/i18n/locales');

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const locales = new Map(
  readdirSync(localesDir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => [
      file.replace('.json', ''),
      flatten(JSON.parse(readFileSync(join(localesDir, file), 'utf8')) as Tree),
    ]),
);

describe('translations', () => {
  it('ships English and Spanish', () => {
    expect([...locales.keys()].sort()).toEqual(['en', 'es']);
  });

  const en = locales.get('en')!;
  for (const [language, strings] of locales) {
    it(`${language} has exactly the keys of en`, () => {
      expect([...strings.keys()].sort()).toEqual([...en.keys()].sort());
    });

    it(`${language} has no empty strings and keeps every placeholder`, () => {
      for (const [key, text] of strings) {
        expect(text.trim(), key).not.toBe('');
        expect(placeholders(text), key).toEqual(placeholders(en.get(key) ?? ''));
      }
    });
  }

  it('every key used in the renderer source exists in en', () => {
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.tsx?$/.test(entry.name)) {
          for (const match of readFileSync(path, 'utf8').matchAll(/\bt\(\s*'([\w.]+)'/g)) used.add(match[1]!);
        }
      }
    };
    walk(join(import.meta.dirname, '../../../renderer/src'));
    expect(used.size).toBeGreaterThan(5);
    // A plural key is used as `t('a.b', { count })` and stored as a.b_one / a.b_other.
    const missing = [...used].filter((key) => !en.has(key) && !(en.has(`${key}_one`) && en.has(`${key}_other`)));
    expect(missing).toEqual([]);
  });
});
