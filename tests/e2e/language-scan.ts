import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The language check of issue #13: no visible text or accessible name on a screen in one language is a
 * string of the other language's catalog (placeholders match anything). Used by the touch suite and by
 * screens.spec.ts on every screen.
 */
export type Lang = 'en' | 'es';

type Tree = { [key: string]: string | Tree };
function leaves(tree: Tree): string[] {
  return Object.values(tree).flatMap((v) => (typeof v === 'string' ? [v] : leaves(v)));
}
const catalog = (lang: Lang) =>
  leaves(
    JSON.parse(readFileSync(join(import.meta.dirname, `../../renderer/src/i18n/locales/${lang}.json`), 'utf8')) as Tree,
  );
const catalogs = { en: catalog('en'), es: catalog('es') };
/** The other language's strings that would give it away: not shared by both catalogs, not only a placeholder. */
function giveaways(other: Lang, own: Lang): { text: string; pattern: RegExp }[] {
  const mine = new Set(catalogs[own]);
  return catalogs[other]
    .filter((text) => !mine.has(text) && text.replace(/\{\{\w+\}\}/g, '').replace(/[\s\p{P}]/gu, '').length >= 3)
    .map((text) => ({
      text,
      pattern: new RegExp(
        `^${text
          .split(/\{\{\w+\}\}/)
          .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('.+?')}$`,
        's',
      ),
    }));
}
const otherLanguage = { en: giveaways('es', 'en'), es: giveaways('en', 'es') };

/** No visible text or accessible name on the screen is a string of the other language's catalog. */
export async function expectOnlyLanguage(page: Page, lang: Lang, what: string): Promise<void> {
  const texts = await page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim() ?? '';
      if (!text || !parent || parent.closest('[hidden], script, style')) continue;
      const box = parent.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      found.push(text);
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], img[alt]')) {
      for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
        const value = el.getAttribute(name)?.trim();
        if (value) found.push(value);
      }
    }
    return found;
  });
  const leaks = texts.filter((text) => otherLanguage[lang].some((g) => g.pattern.test(text)));
  expect(leaks, `${what}: ${lang === 'es' ? 'English' : 'Spanish'} on a ${lang} screen`).toEqual([]);
}
