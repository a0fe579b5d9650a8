import { expect, test, type Page } from '@playwright/test';
import { daniel, expectNoAxeViolations, expectTouchTargets, saveScreenshot, signInAtKiosk, strings } from './support';

/**
 * Every area on the home screen, on the real stack (preview host, core with
 * its encrypted cache, the demo facility's data), in English, in Spanish and
 * in high contrast: axe finds nothing, every control is at least 44 px, and a
 * screenshot of each is kept. screens.spec.ts does the same for every screen
 * state over the in-memory harness; this one shows the real data does not
 * break it.
 */
const variants = [
  { tag: 'en', lang: 'en', highContrast: false },
  { tag: 'es', lang: 'es', highContrast: false },
  { tag: 'en-hc', lang: 'en', highContrast: true },
] as const;

async function home(page: Page, lang: 'en' | 'es') {
  await page
    .locator('.session-bar')
    .getByRole('button', { name: strings[lang]('session.home') })
    .click();
  await expect(page.locator('.tiles')).toBeVisible();
}

test.describe('every home area on the real stack', () => {
  test.describe.configure({ mode: 'serial' });

  for (const variant of variants) {
    test(`passes axe and the 44 px rule with real data (${variant.tag})`, async ({ page }, info) => {
      const s = strings[variant.lang];
      await signInAtKiosk(page, daniel);
      if (variant.lang === 'es') {
        await page
          .getByRole('banner')
          .getByRole('button', { name: strings.en('frame.language.es') })
          .click();
        await expect(page.locator('html')).toHaveAttribute('lang', 'es');
      }
      if (variant.highContrast) {
        await page
          .locator('.tiles')
          .getByRole('button', { name: s('settings.heading') })
          .click();
        await page.getByText(s('settings.contrastHigh')).click();
        await expect(page.locator('html')).toHaveClass(/high-contrast/);
        await home(page, variant.lang);
      }
      const tiles = page.locator('.tiles .tile');
      await expect(tiles.first()).toBeVisible();
      const count = await tiles.count();
      expect(count).toBeGreaterThanOrEqual(10);
      for (let i = 0; i < count; i += 1) {
        const label = ((await tiles.nth(i).textContent()) ?? `tile ${i}`).trim();
        await tiles.nth(i).click();
        // Home's own tiles are gone (the Games screen lays out its games as tiles too).
        await expect(page.getByRole('navigation', { name: s('home.areas') })).toBeHidden();
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expect(page.locator('.loading')).toHaveCount(0, { timeout: 20_000 });
        await expectNoAxeViolations(page, `${variant.tag} ${label}`);
        await expectTouchTargets(page, `${variant.tag} ${label}`);
        await saveScreenshot(page, info, `tour-${variant.tag}-${String(i).padStart(2, '0')}`);
        await home(page, variant.lang);
      }
      if (variant.highContrast) {
        // Leave the shared demo device as the other specs expect it.
        await page
          .locator('.tiles')
          .getByRole('button', { name: s('settings.heading') })
          .click();
        await page.getByText(s('settings.contrastNormal')).click();
        await home(page, variant.lang);
      }
      if (variant.lang === 'es') {
        await page
          .getByRole('banner')
          .getByRole('button', { name: strings.en('frame.language.en') })
          .click();
      }
    });
  }
});
