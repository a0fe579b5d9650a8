import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expectOnlyLanguage, type Lang } from '../language-scan';
import { strings, type Strings } from '../support';

/**
 * Touch only: the suite's one way to act on the kiosk is a tap on something on the screen (a button,
 * a field, a key of the on-screen keyboard or keypad). No Playwright keyboard, fill or press: the lint
 * rule for tests/e2e/touch/ forbids them, and these helpers are all the specs use.
 */
export type { Lang };

export async function tap(target: Locator): Promise<void> {
  await target.tap();
}

/** A button by its words, exactly as the reader sees them. */
export function button(page: Page, name: string | RegExp): Locator {
  return page.getByRole('button', { name, exact: typeof name === 'string' });
}

/** Digits on the big keypad (DOC numbers, PINs). */
export async function tapDigits(page: Page, digits: string): Promise<void> {
  const pad = page.locator('.keypad');
  for (const digit of digits) await tap(pad.getByRole('button', { name: digit, exact: true }));
}

/** Text on the on-screen keyboard, key by key: capitals with Shift, spaces with Space. */
export async function tapText(page: Page, s: Strings, text: string): Promise<void> {
  const keyboard = page.locator('[data-osk]');
  await expect(keyboard).toBeVisible();
  const codeLayout = (await keyboard.getAttribute('class'))?.includes('osk--code') ?? false;
  for (const char of text) {
    if (char === ' ') {
      await tap(keyboard.getByRole('button', { name: s('keyboard.space'), exact: true }));
      continue;
    }
    const lower = char.toLocaleLowerCase();
    if (!codeLayout && char !== lower) {
      await tap(keyboard.getByRole('button', { name: s('keyboard.shift'), exact: true }));
      await tap(keyboard.getByRole('button', { name: char, exact: true }));
      continue;
    }
    await tap(keyboard.getByRole('button', { name: codeLayout ? char.toUpperCase() : char, exact: true }));
  }
}

/**
 * While the keyboard is open: it lies inside the viewport, no key's label is cut, and neither the
 * focused field nor the action that completes the step is under it or off screen.
 */
export async function expectKeyboardFits(page: Page, what: string): Promise<void> {
  await expect(page.locator('[data-osk]')).toBeVisible();
  const report = await page.evaluate(() => {
    const box = (el: Element | null) => (el ? el.getBoundingClientRect() : null);
    const keyboard = box(document.querySelector('[data-osk]'))!;
    const main = box(document.querySelector('.frame__main'))!;
    const field = document.activeElement;
    const action =
      field?.closest('form')?.querySelector('button[type="submit"]') ??
      field?.closest('section')?.querySelector('[data-primary-action]') ??
      null;
    const inside = (b: DOMRect | null, area: { top: number; bottom: number; left: number; right: number }) =>
      b !== null &&
      b.top >= area.top - 1 &&
      b.bottom <= area.bottom + 1 &&
      b.left >= area.left - 1 &&
      b.right <= area.right + 1;
    const viewport = { top: 0, left: 0, bottom: window.innerHeight, right: window.innerWidth };
    const visibleArea = {
      top: main.top,
      left: main.left,
      right: main.right,
      bottom: Math.min(main.bottom, keyboard.top),
    };
    return {
      keyboardInViewport: inside(keyboard, viewport),
      cutKeys: [...document.querySelectorAll('[data-osk] button')]
        .filter((key) => key.scrollWidth > key.clientWidth + 0.5 || key.scrollHeight > key.clientHeight + 0.5)
        .map((key) => key.textContent),
      fieldIsEditable: field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement,
      fieldVisible: inside(box(field), visibleArea),
      actionVisible: action === null ? 'none' : inside(box(action), visibleArea),
    };
  });
  expect(report, what).toEqual({
    keyboardInViewport: true,
    cutKeys: [],
    fieldIsEditable: true,
    fieldVisible: true,
    actionVisible: report.actionVisible === 'none' ? 'none' : true,
  });
}

const checked = new Set<string>();
/**
 * Once per screen, language and project: axe with the WCAG 2.0/2.1/2.2 A and AA rules, the language
 * scan, and a screenshot for review in tests/e2e/artifacts/<project>/.
 */
export async function checkScreen(page: Page, info: TestInfo, lang: Lang, name: string): Promise<void> {
  await expect(page.locator('.loading')).toHaveCount(0);
  await expectOnlyLanguage(page, lang, name);
  const key = `${info.project.name}/${lang}/${name}`;
  if (checked.has(key)) return;
  checked.add(key);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .exclude('.book-frame')
    .analyze();
  expect(
    results.violations.map((v) => `${name} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
  const dir = join(import.meta.dirname, '..', 'artifacts', info.project.name);
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `touch-${lang}-${name}.png`) });
}

export { strings };
