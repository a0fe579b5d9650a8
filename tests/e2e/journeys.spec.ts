import { expect, test, type Page } from '@playwright/test';
import { daniel, expectNoAxeViolations, saveScreenshot, signInAtKiosk, strings } from './support';

/**
 * What an inmate does, end to end: the real renderer in Chromium, the
 * preview host, core in its own process with its encrypted cache, and the
 * embedded demo facility server. Checks on the server go through its API
 * from a test device.
 */
const s = strings.en;

async function signIn(page: Page) {
  await signInAtKiosk(page, daniel);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Daniel Reyes');
}

async function openLibrary(page: Page, kind: 'book' | 'album' | 'course', title: string) {
  await page
    .locator('.tiles')
    .getByRole('button', { name: new RegExp(s(kind === 'album' ? 'home.music' : 'home.library')) })
    .click();
  if (kind === 'course') await page.getByRole('button', { name: s('library.kind.course') }).click();
  await page.locator('.item-card').filter({ hasText: title }).getByRole('button').first().click();
}

async function openInbox(page: Page) {
  await page.getByRole('button', { name: new RegExp(`^${s('home.messages')}`) }).click();
  await expect(page.getByTestId('vlist')).toBeVisible();
}

test.describe('inmate journeys', () => {
  test.describe.configure({ mode: 'serial' });

  test('sign in, read a message with a photo, reply: the server gets the reply once', async ({ page }, info) => {
    await signIn(page);
    await saveScreenshot(page, info, 'journey-home');
    await openInbox(page);
    await page.getByRole('button', { name: s('inbox.filter.photos') }).click();
    await page.locator('[data-index="0"] button').click();
    const photo = page.locator('.photo-grid img').first();
    await expect(photo).toBeVisible();
    // The photo really loaded through core's media path (verified download from the server).
    await expect
      .poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await expectNoAxeViolations(page, 'message with photo');
    await saveScreenshot(page, info, 'journey-message-photo');

    await page.getByRole('button', { name: s('message.reply'), exact: true }).click();
    await expect(page.getByTestId('stamp-cost')).toBeVisible();
    const text = `Thank you for the photo ${Date.now()}`;
    await page.locator('textarea').fill(text);
    await page
      .getByRole('button', { name: new RegExp(`^${s('compose.send', { cost: 'XX' }).split('XX')[0] ?? 'Send'}`) })
      .click();
    await expect(
      page
        .getByText(s('outbox.status.queued'))
        .or(page.getByText(s('outbox.status.in_review')))
        .or(page.getByText(s('outbox.status.sent')))
        .first(),
    ).toBeVisible({ timeout: 20_000 });
    await page.goto('/'); // reload: nothing is lost, the outbox shows it
    await signIn(page);
    await page
      .locator('.tiles')
      .getByRole('button', { name: new RegExp(s('home.sent')) })
      .click();
    await expect(page.getByText(text)).toHaveCount(1, { timeout: 20_000 });
    await expect(page.locator('.card', { hasText: text }).getByText(s('outbox.status.in_review'))).toBeVisible({
      timeout: 30_000,
    });
    await saveScreenshot(page, info, 'journey-outbox');
  });

  test('opens an eBook, turns pages, and comes back to the same page after signing out and in', async ({ page }) => {
    await signIn(page);
    await openLibrary(page, 'book', 'Letters Home');
    const where = page.getByTestId('reader-where');
    await expect(where).toBeVisible({ timeout: 20_000 });
    // Turn a page (backwards if an earlier run left the reader on the last page): the place must change.
    const opened = await where.textContent();
    const next = page.getByRole('button', { name: s('reader.next') });
    await ((await next.isEnabled()) ? next : page.getByRole('button', { name: s('reader.previous') })).click();
    await expect(where).not.toHaveText(opened ?? '');
    const position = await where.textContent();
    expect(position).not.toBeNull();
    await page
      .locator('.session-bar')
      .getByRole('button', { name: s('session.signOut') })
      .click();
    await signIn(page);
    await openLibrary(page, 'book', 'Letters Home');
    await expect(where).toHaveText(position ?? '', { timeout: 20_000 });
  });

  test('plays a track', async ({ page }) => {
    await signIn(page);
    await openLibrary(page, 'album', 'Quiet Mornings');
    await page.getByRole('button', { name: s('music.playAll') }).click();
    await expect(page.getByTestId('now-playing')).toHaveText('Sunrise');
    // The audio really plays (through core's media path): the mini player's clock moves past 0:01.
    await expect(page.locator('.mini-player')).toContainText(/0:0[1-9] \//, { timeout: 20_000 });
  });

  test('finishes a course lesson and its quiz', async ({ page }) => {
    await signIn(page);
    await openLibrary(page, 'course', 'Money basics');
    await page.locator('.card').first().getByRole('button').click();
    // Answers of the "Making a budget" quiz.
    for (const answer of ['A plan for your money', 'Things you must pay, like rent', 'For surprises']) {
      await page.getByRole('radio', { name: answer }).check();
    }
    await page.getByRole('button', { name: s('course.submit') }).click();
    await expect(
      page.getByText(new RegExp(s('course.passed', { correct: 3, total: 3 }).split('3')[0] ?? 'Well done')),
    ).toBeVisible();
  });
});
