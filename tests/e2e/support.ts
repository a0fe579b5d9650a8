import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type Tree = { [key: string]: string | Tree };
/** Looks up a UI string by key (`'welcome.signIn'`); a missing key fails the test at once. */
export type Strings = (key: string, values?: Record<string, string | number>) => string;

function locale(lang: string): Strings {
  const tree = JSON.parse(
    readFileSync(join(import.meta.dirname, `../../renderer/src/i18n/locales/${lang}.json`), 'utf8'),
  ) as Tree;
  return (key, values = {}) => {
    let node: string | Tree | undefined = tree;
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    if (typeof node !== 'string') throw new Error(`no string ${key} in ${lang}`);
    return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
  };
}
/** The UI's own strings, so tests find controls by what a user reads, in either language. */
export const strings = { en: locale('en'), es: locale('es') };

export async function expectNoAxeViolations(page: Page, what = '') {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    // eBook chapters are untrusted content in a script-less sandboxed frame: axe cannot (and must not) run in it.
    .exclude('.book-frame')
    .analyze();
  expect(
    results.violations.map((v) => `${what} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

/** Every visible control is at least 44×44 CSS px (WCAG 2.5.5 target size, the bar). */
export async function expectTouchTargets(page: Page, what = '') {
  const small = await page
    .locator('button, a[href], input:not([type="hidden"]), select, summary, [role="button"]')
    .evaluateAll((elements) =>
      elements
        .filter((el) => {
          const box = el.getBoundingClientRect();
          return (
            box.width > 0 &&
            box.height > 0 &&
            box.right > 0 &&
            box.bottom > 0 &&
            !el.closest('.visually-hidden') &&
            !el.closest('[aria-hidden="true"]')
          );
        })
        .map((el) => {
          const box = el.getBoundingClientRect();
          const input = el as HTMLInputElement;
          // Radio buttons are covered by their whole-row <label>, which is the real target.
          const target =
            input.type === 'radio' && el.closest('label') ? el.closest('label')!.getBoundingClientRect() : box;
          return {
            text: (el.textContent ?? el.getAttribute('aria-label') ?? el.tagName).trim().slice(0, 40),
            w: target.width,
            h: target.height,
          };
        })
        .filter((b) => b.w < 44 - 0.5 || b.h < 44 - 0.5),
    );
  expect(small, `${what} controls under 44px`).toEqual([]);
}

/** Nothing sticks out sideways (a sign of clipped content at large text sizes or narrow screens). */
export async function expectNoHorizontalOverflow(page: Page, what = '') {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `${what} horizontal overflow`).toBeLessThanOrEqual(1);
}

export async function saveScreenshot(page: Page, info: TestInfo, name: string) {
  const dir = join(import.meta.dirname, 'artifacts', info.project.name);
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
}

/** Types digits on the big on-screen keypad (the way a kiosk user does). */
export async function tapDigits(page: Page, digits: string) {
  const pad = page.locator('.keypad');
  for (const d of digits) await pad.getByRole('button', { name: d, exact: true }).click();
}

/** From the welcome screen: Sign in, then the DOC number and the PIN on the keypad, and submit. */
async function enterDocAndPin(page: Page, s: Strings, doc: string, pin: string) {
  await page.getByRole('button', { name: s('welcome.signIn'), exact: true }).click();
  await tapDigits(page, doc);
  await page.getByRole('button', { name: s('common.next') }).click();
  await tapDigits(page, pin);
  await page
    .locator('form')
    .getByRole('button', { name: s('signIn.submit') })
    .click();
}

/** Signs Daniel in on the screen harness (it asks no security question) with this PIN, and waits for his Home. */
export async function signInOnHarness(page: Page, s: Strings, pin = daniel.pin) {
  await enterDocAndPin(page, s, daniel.doc, pin);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(s('home.heading', { name: 'Daniel Reyes' }));
}

/** From anywhere in a session: back to Home (on Home itself there is no Home button, and nothing to do). */
export async function backHome(page: Page, s: Strings) {
  const home = page.locator('.session-bar').getByRole('button', { name: s('session.home') });
  if (await home.isVisible()) await home.click();
}

/** From anywhere in a session: back Home, the Library, then the book with this title. */
export async function openLibraryBook(page: Page, s: Strings, title: string) {
  await backHome(page, s);
  await page
    .locator('.tiles')
    .getByRole('button', { name: new RegExp(s('home.library')) })
    .click();
  await page.locator('.item-card').filter({ hasText: title }).getByRole('button').click();
}

/**
 * Signs an inmate in at the kiosk the way they would: the Sign in button, the
 * DOC number and the PIN on the keypad, and the security question when this
 * device asks it. `url` defaults to the project's preview host.
 */
export async function signInAtKiosk(page: Page, person: { doc: string; pin: string; answer: string }, url = '/') {
  const s = strings.en;
  await page.goto(url);
  await expect(page.getByTestId('facility-name')).toHaveText('Riverside Correctional Facility', { timeout: 30_000 });
  await enterDocAndPin(page, s, person.doc, person.pin);
  const question = page.getByText(s('signIn.questionIntro'));
  await expect(question.or(page.locator('.session-bar'))).toBeVisible({ timeout: 30_000 });
  if (await question.isVisible()) {
    await page.locator('form input').fill(person.answer);
    await page
      .locator('form')
      .getByRole('button', { name: s('signIn.submit') })
      .click();
  }
  await expect(page.locator('.session-bar')).toBeVisible({ timeout: 20_000 });
}

export const daniel = { doc: '100234', pin: '2468', answer: 'Rex' };

/** From anywhere in a session: back to Home, then the tile whose name contains this string. */
export async function openHomeTile(page: Page, s: Strings, tile: string) {
  await page
    .locator('.session-bar')
    .getByRole('button', { name: s('session.home') })
    .click();
  await page
    .locator('.tiles')
    .getByRole('button', { name: new RegExp(s(tile)) })
    .click();
}
