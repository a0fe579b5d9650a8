import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { run, stop } from './processes';
import { strings, tapDigits } from './support';

/**
 * User text wraps everywhere (issue 12): a 2,000-character string without a space, in messages, tickets
 * and contact names, never makes a page wider than its window. The staff console and the family portal
 * against a facility server of their own that holds such text everywhere a person can write it
 * (tests/support/long-text-server.ts); the kiosk's Sent and Help screens in the screen harness, with
 * such a message sent and such a ticket opened through the kiosk's own calls. Measured as scrollWidth
 * against clientWidth of the document and of every area that scrolls on its own, at a kiosk's
 * landscape width and a tablet's portrait width.
 */
const port = Number(process.env.KIOSK_FACILITY_PORT ?? 5197) + 11;
const harness = `http://127.0.0.1:${Number(process.env.KIOSK_HARNESS_PORT ?? 5198)}`;
const portal = `http://127.0.0.1:${port}/portal/`;
const LONG = 'M'.repeat(2_000);
const sizes = [
  { width: 1920, height: 1080 },
  { width: 800, height: 1280 },
];
let server: ChildProcess | null = null;

test.beforeAll(async () => {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'widths-e2e-')), 'facility.db');
  server = (await run(['tests/support/long-text-server.ts', dbPath, String(port)], /long text server ready/)).child;
});
test.afterAll(async () => {
  await stop(server);
});

/** How far the page reaches past its window, at each size, once `shown` is on screen. */
async function overflowAt(page: Page, shown: () => Promise<void>) {
  const widths: string[] = [];
  for (const size of sizes) {
    await page.setViewportSize(size);
    await shown();
    // The document, and every area that scrolls on its own (the kiosk's frame scrolls only its main area).
    const wide = await page.evaluate(() =>
      [document.documentElement, ...document.querySelectorAll('*')]
        .filter((e) => e === document.documentElement || ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))
        .filter((e) => e.scrollWidth > e.clientWidth + 1)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${e.scrollWidth} px wide in ${e.clientWidth} px`),
    );
    widths.push(...wide.map((w) => `${w} (${size.width} × ${size.height})`));
  }
  return widths;
}

test('the staff console: the review queue, contact requests and tickets', async ({ page }) => {
  await page.goto(`${portal}#staff/review`);
  await page.getByLabel('Email').fill('admin@riverside.example');
  await page.getByLabel('Password').fill('riverside-admin-1');
  await page.getByLabel('Password').press('Enter');
  const menu = page.getByRole('navigation', { name: 'Console' });
  await expect(menu).toBeVisible();
  const longShown = async () => {
    await expect(page.getByText(LONG.slice(0, 200)).filter({ visible: true }).first()).toBeVisible();
  };
  for (const [link, what] of [
    ['Review queue', 'review'],
    ['Contact requests', 'contacts'],
    ['Support tickets', 'tickets'],
  ] as const) {
    await menu.getByRole('link', { name: link }).click();
    await expect(page).toHaveURL(new RegExp(`#staff/${what}`));
    expect(await overflowAt(page, longShown), `console ${what}`).toEqual([]);
  }
});

test("the family portal: the family's messages", async ({ page }) => {
  await page.goto(portal);
  await page.getByLabel('Email').fill('maria.reyes@example.com');
  await page.getByLabel('Password', { exact: true }).fill('riverside-family-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const question = page.getByLabel('Where did you meet your spouse?');
  const home = page.getByRole('heading', { name: 'Your contacts' });
  await expect(question.or(home)).toBeVisible();
  if (await question.isVisible()) {
    await question.fill('church');
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await expect(home).toBeVisible();
  const longShown = async () => {
    await expect(page.getByText(LONG.slice(0, 200)).filter({ visible: true }).first()).toBeVisible();
  };
  expect(await overflowAt(page, longShown), 'portal home').toEqual([]);
});

test("the kiosk's Sent and Help screens", async ({ page }) => {
  const s = strings.en;
  await page.goto(`${harness}/?lang=en`);
  await page.evaluate(async (long) => {
    type Call = (input: unknown) => Promise<unknown>;
    const { services } = (
      window as unknown as { harness: { services: { compose: { send: Call }; support: { open: Call } } } }
    ).harness;
    await services.compose.send({ clientId: '01a22971-0000-7000-8000-000000000001', contactId: 'c2', body: long });
    await services.support.open({
      clientId: '01a22971-0000-7000-8000-000000000002',
      subject: long.slice(0, 200),
      body: long,
    });
  }, LONG);
  await page.getByRole('button', { name: s('welcome.signIn'), exact: true }).click();
  await tapDigits(page, '100234');
  await page.getByRole('button', { name: s('common.next') }).click();
  await tapDigits(page, '2468');
  await page
    .locator('form')
    .getByRole('button', { name: s('signIn.submit') })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(s('home.heading', { name: 'Daniel Reyes' }));
  const longShown = async () => {
    await expect(page.getByText(LONG.slice(0, 200)).filter({ visible: true }).first()).toBeVisible();
  };
  for (const tile of ['home.sent', 'home.support']) {
    await page
      .locator('.tiles')
      .getByRole('button', { name: new RegExp(s(tile)) })
      .click();
    if (tile === 'home.support') await page.getByText(LONG.slice(0, 200)).filter({ visible: true }).first().click();
    expect(await overflowAt(page, longShown), s(tile)).toEqual([]);
    await page
      .locator('.session-bar')
      .getByRole('button', { name: s('session.home') })
      .click();
  }
});
