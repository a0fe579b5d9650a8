import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test.describe('kiosk frame', () => {
  test('renders facility, clock and connection state from core', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('facility-name')).toHaveText('Riverside Correctional Facility', { timeout: 20_000 });
    await expect(page.locator('.frame__clock')).toHaveText(/\d{1,2}:\d{2}/);
    await expect(page.locator('.frame__connection')).toHaveAttribute('data-state', 'online', { timeout: 20_000 });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome');
    await expectNoAxeViolations(page);
  });

  test('switches to Spanish, keeps it across a reload, and back', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('banner').getByRole('button', { name: 'Español' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bienvenido');
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(page.getByRole('banner').getByRole('button', { name: 'Español' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expectNoAxeViolations(page);

    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bienvenido');

    await page.getByRole('banner').getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });

  test('every control is reachable by keyboard and at least 44 px on each side', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('banner').getByRole('button', { name: 'Español' })).toBeVisible();
    const sizes = await page.locator('button, a[href], input, [role="button"]').evaluateAll((elements) =>
      elements
        .filter((el) => (el as HTMLElement).offsetParent !== null)
        .map((el) => {
          const box = el.getBoundingClientRect();
          return { text: el.textContent ?? '', width: box.width, height: box.height };
        }),
    );
    expect(sizes.length).toBeGreaterThan(1);
    for (const size of sizes) {
      expect(size.width, size.text).toBeGreaterThanOrEqual(44);
      expect(size.height, size.text).toBeGreaterThanOrEqual(44);
    }
    // Keyboard: Tab walks to the language switch and Enter activates it.
    let reached = false;
    for (let i = 0; i < 10 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await page.evaluate(() => document.activeElement?.textContent)) === 'Español';
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bienvenido');
    await page.getByRole('banner').getByRole('button', { name: 'English' }).click();
  });

  test('serves the CSP and runs with no console errors', async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    const response = await page.goto('/');
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect(page.getByTestId('facility-name')).toHaveText('Riverside Correctional Facility', { timeout: 20_000 });
    expect(errors).toEqual([]);
  });
});
