import { expect, test } from '@playwright/test';
import {
  backHome,
  expectNoAxeViolations,
  expectNoHorizontalOverflow,
  expectTouchTargets,
  openLibraryBook,
  saveScreenshot,
  signInOnHarness,
  strings,
  tapDigits,
} from './support';
import { expectOnlyLanguage } from './language-scan';

/**
 * Every screen over the screen harness (real shell and screens, in-memory
 * kiosk): axe (WCAG 2.0/2.1/2.2 A and AA), 44 px targets, no sideways overflow,
 * no string of the other language, and a screenshot each, in English and
 * Spanish, each also in high contrast at the largest text size (200 %), at the
 * project's size. Screenshots: tests/e2e/artifacts/<project>/<variant>-<screen>.png.
 */
const variants = [
  { lang: 'en', contrast: false },
  { lang: 'es', contrast: false },
  { lang: 'en', contrast: true },
  { lang: 'es', contrast: true },
] as const;

for (const { lang, contrast } of variants) {
  const s = strings[lang];
  const tag = `${lang}${contrast ? '-hc-200' : ''}`;
  test(`every screen passes axe and size checks (${tag})`, async ({ page }, info) => {
    test.setTimeout(150_000);
    // The high-contrast runs are also at the largest text size (set before load, as a saved setting is).
    if (contrast) {
      await page.addInitScript(() =>
        window.localStorage.setItem('kiosk.display', JSON.stringify({ textScale: 2, highContrast: false })),
      );
    }
    // The demo inmate reads this variant's language: the person's own language wins at sign-in.
    await page.goto(`/?lang=${lang}&inmateLang=${lang}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(s('welcome.heading'));
    const check = async (name: string) => {
      await expect(page.locator('.loading')).toHaveCount(0);
      await expectNoAxeViolations(page, name);
      await expectOnlyLanguage(page, lang, name);
      await expectTouchTargets(page, name);
      await expectNoHorizontalOverflow(page, name);
      await saveScreenshot(page, info, `${tag}-${name}`);
    };

    if (contrast) {
      await page.getByRole('button', { name: s('settings.heading') }).click();
      await page.getByRole('button', { name: s('settings.contrastHigh') }).click();
      await expect(page.locator('html')).toHaveClass(/high-contrast/);
      await page.getByRole('button', { name: s('common.back') }).click();
    }
    await check('welcome');
    await page.getByRole('button', { name: s('settings.heading') }).click();
    await check('settings');
    await page.getByRole('button', { name: s('common.back') }).click();

    await page.getByRole('button', { name: s('welcome.signIn'), exact: true }).click();
    await check('sign-in');
    await tapDigits(page, '100234');
    await page.getByRole('button', { name: s('common.next') }).click();
    await tapDigits(page, '1111');
    await page
      .locator('form')
      .getByRole('button', { name: s('signIn.submit') })
      .click();
    await expect(page.getByRole('alert')).toBeVisible();
    await check('sign-in-wrong-pin');
    await page.getByRole('button', { name: s('signIn.forgot') }).click();
    await check('forgot-pin');
    await page.getByRole('button', { name: s('common.back') }).click();
    await page.getByRole('button', { name: s('common.back') }).click();
    await signInOnHarness(page, s);
    // How fresh the data is, then a sync in progress as core reports it.
    await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'idle');
    await expect(page.getByTestId('sync-status')).toContainText(s('sync.upToDate', { time: '' }).trim());
    await check('home');
    await page.evaluate(() =>
      (window as unknown as { harness: { emitSync: (s: unknown) => void } }).harness.emitSync({
        state: 'syncing',
        lastSyncAt: Date.UTC(2026, 10, 20, 14, 55),
        pendingUploads: 0,
        progress: { phase: 'pull', pushed: 0, pages: 3, rowsApplied: 120, rowsTotal: 480 },
      }),
    );
    await expect(page.getByTestId('sync-status')).toHaveText(s('sync.syncingProgress', { done: 120, total: 480 }));
    await check('home-syncing');

    await page.getByRole('button', { name: new RegExp(`^${s('home.messages')}`) }).click();
    await expect(page.getByTestId('vlist')).toBeVisible();
    await check('inbox');
    // At large text on a narrow screen the filters and search are folded behind one button.
    const tools = page.getByRole('button', { name: s('inbox.tools') });
    if (await tools.isVisible()) {
      await tools.click();
      await check('inbox-tools');
    }
    await page.getByLabel(s('inbox.search')).click();
    await expect(page.locator('.osk')).toBeVisible();
    await check('inbox-keyboard');
    await page
      .locator('.osk')
      .getByRole('button', { name: s('keyboard.done') })
      .click();

    // A new message to one of the approved contacts.
    await page.getByRole('button', { name: s('inbox.newMessage') }).click();
    await expect(page.getByTestId('contact-list')).toBeVisible();
    await check('new-message');
    await page
      .getByTestId('contact-list')
      .getByRole('button', { name: /Maria Lopez/ })
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(s('compose.newTo', { name: 'Maria Lopez' }));
    await expect(page.getByTestId('stamp-cost')).toBeVisible();
    await check('new-message-compose');
    await page.getByLabel(s('compose.bodyLabel')).fill('Hola mamá 👍🏽');
    await expect(page.getByText(s('compose.counter', { count: 11, max: 2000 }))).toBeVisible();
    if (await page.locator('.osk').isVisible())
      await page
        .locator('.osk')
        .getByRole('button', { name: s('keyboard.done') })
        .click();
    await page.locator('form.compose button[type="submit"]').click();
    await expect(page.getByRole('status').filter({ hasText: s('compose.sent') })).toBeVisible();
    await page.getByRole('button', { name: s('common.back') }).click();
    await expect(page.getByTestId('vlist')).toBeVisible();

    await page.locator('[data-index="0"] button').click();
    await expect(page.locator('.photo-grid')).toBeVisible();
    await check('message-photos');
    await page.locator('.photo-grid__item').first().click();
    await expect(page.locator('.photo-viewer')).toBeVisible();
    await check('photo-viewer');
    await page
      .locator('.photo-viewer')
      .getByRole('button', { name: s('common.close') })
      .click();

    await page.getByRole('button', { name: s('message.reply'), exact: true }).click();
    await expect(page.getByTestId('stamp-cost')).toBeVisible();
    await check('compose');
    await page.getByRole('button', { name: s('common.back') }).click();
    await page.getByRole('button', { name: s('message.replyVideo') }).click();
    await check('record');
    await page.getByRole('button', { name: s('common.back') }).click();
    await page.getByRole('button', { name: s('common.back') }).click();
    await page.locator('[data-index="2"] button').click();
    await expect(page.locator('.ecard')).toBeVisible();
    // The card is printed in the reader's language; the greeting stays the family's own text.
    await expect(page.locator('.ecard__title')).toHaveText(s('ecard.template.birthday'));
    await check('message-ecard');
    await page.getByRole('button', { name: s('common.back') }).click();
    await page.locator('[data-index="3"] button').click();
    await expect(page.locator('.video-player')).toBeVisible();
    await check('message-videogram');

    const tiles: [string, string][] = [
      [s('home.account'), 'account'],
      [s('home.announcements'), 'announcements'],
      [s('home.sent'), 'outbox'],
      [s('home.support'), 'support'],
      [s('home.library'), 'library'],
      [s('home.games'), 'games'],
    ];
    for (const [label, name] of tiles) {
      await backHome(page, s);
      await page
        .locator('.tiles')
        .getByRole('button', { name: new RegExp(label) })
        .click();
      await check(name);
    }
    await page.getByRole('button', { name: s('games.sudoku.name') }).click();
    await check('sudoku');
    await page.getByRole('button', { name: s('common.back') }).click();
    await page.getByRole('button', { name: s('games.g2048.name') }).click();
    await check('2048');

    await openLibraryBook(page, s, 'The River Road');
    await expect(page.getByTestId('reader-where')).toBeVisible();
    await check('book');
    await page.getByRole('button', { name: s('common.back') }).click();
    await page.locator('.item-card').filter({ hasText: 'Cuentos del mar' }).getByRole('button').click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await check('purchase-confirm');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: s('common.cancel') })
      .click();
    await page.getByRole('button', { name: s('library.kind.course') }).click();
    await page.locator('.item-card').filter({ hasText: 'Money basics' }).getByRole('button').click();
    await check('course');
    await page.locator('.card').first().getByRole('button').click();
    await check('lesson');
    // Two of three right passes, and the one that was wrong is marked, not hidden behind "Lesson complete".
    await page.getByLabel('A plan for your money').check();
    await page.getByLabel('Only expenses').check();
    await page.getByLabel('Every month').check();
    await page.getByRole('button', { name: s('course.submit') }).click();
    await expect(page.getByTestId('quiz-result')).toHaveText(s('course.passedWithMistakes', { correct: 2, total: 3 }));
    await expect(page.getByTestId('quiz-wrong')).toHaveCount(1);
    await expect(page.locator('fieldset').filter({ has: page.getByTestId('quiz-wrong') })).toContainText(
      'What do you write down first?',
    );
    await check('lesson-quiz-result');

    await backHome(page, s);
    await page
      .locator('.tiles')
      .getByRole('button', { name: new RegExp(s('home.music')) })
      .click();
    await check('music');
    await page.locator('.item-card').filter({ hasText: 'Quiet Mornings' }).getByRole('button').click();
    await page.getByRole('button', { name: s('music.playAll') }).click();
    await expect(page.getByTestId('now-playing')).toHaveText('Track 1');
    await check('album-playing');

    await page.evaluate(() =>
      (window as unknown as { harness: { emitExpiring: (s: number) => void } }).harness.emitExpiring(25),
    );
    await expect(page.getByRole('dialog')).toBeVisible();
    await check('idle-warning');
    await page.getByRole('button', { name: s('session.stillHere') }).click();
    await expect(page.getByRole('dialog')).toBeHidden();

    // The facility's session time limit is near: said once, on this screen, with the time it ends.
    await page.evaluate(() =>
      (window as unknown as { harness: { emitEnding: (s: number) => void } }).harness.emitEnding(120),
    );
    await expect(page.getByTestId('session-ending')).toBeVisible();
    await check('session-ending');
  });
}

test('200 % text: no sideways overflow and nothing clipped on the busiest screens', async ({ page }) => {
  await page.goto('/');
  const s = strings.en;
  await page.getByRole('button', { name: s('settings.heading') }).click();
  await page.getByRole('button', { name: '200 %' }).click();
  await expectNoHorizontalOverflow(page, 'settings@200');
  await page.getByRole('button', { name: s('common.back') }).click();
  await signInOnHarness(page, s);
  for (const [label, name] of [
    [s('home.messages'), 'inbox'],
    [s('home.account'), 'account'],
    [s('home.games'), 'games'],
  ] as const) {
    await backHome(page, s);
    await expectNoHorizontalOverflow(page, 'home@200');
    await page
      .locator('.tiles')
      .getByRole('button', { name: new RegExp(label) })
      .first()
      .click();
    await expect(page.locator('.loading')).toHaveCount(0);
    await expectNoHorizontalOverflow(page, `${name}@200`);
    await expectTouchTargets(page, `${name}@200`);
  }
});

test('change PIN from settings on the keypad: clear errors, then the new PIN signs in', async ({ page }) => {
  const s = strings.en;
  await page.goto('/');
  // Before sign-in there is no PIN to change.
  await page.getByRole('button', { name: s('settings.heading') }).click();
  await expect(page.getByRole('button', { name: s('settings.changePin') })).toHaveCount(0);
  await page.getByRole('button', { name: s('common.back') }).click();
  await signInOnHarness(page, s);
  await page
    .locator('.tiles')
    .getByRole('button', { name: new RegExp(s('settings.heading')) })
    .click();
  await page.getByRole('button', { name: s('settings.changePin') }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(s('changePin.heading'));
  await expectNoAxeViolations(page, 'change-pin');
  await expectTouchTargets(page, 'change-pin');

  const next = () => page.locator('form').getByRole('button', { name: s('common.next') });
  const save = () => page.locator('form').getByRole('button', { name: s('changePin.submit') });
  // A wrong current PIN: said in words, with the tries left, and back to the first step.
  await tapDigits(page, '1111');
  await next().click();
  await tapDigits(page, '5555');
  await next().click();
  await tapDigits(page, '5555');
  await save().click();
  await expect(page.getByRole('alert')).toHaveText(s('changePin.wrongCurrentWithAttempts_other', { count: 4 }));
  await expect(page.getByLabel(s('changePin.currentLabel'))).toBeVisible();
  // Too short, then the two new PINs differ.
  await tapDigits(page, '2468');
  await next().click();
  await tapDigits(page, '12');
  await next().click();
  await expect(page.getByRole('alert')).toHaveText(s('changePin.tooShort_other', { count: 4 }));
  await tapDigits(page, '34');
  await next().click();
  await tapDigits(page, '4321');
  await save().click();
  await expect(page.getByRole('alert')).toHaveText(s('changePin.mismatch'));
  await expectNoAxeViolations(page, 'change-pin-error');
  await tapDigits(page, '1234');
  await save().click();
  await expect(page.getByTestId('pin-changed')).toHaveText(s('changePin.done'));

  await page
    .locator('.session-bar')
    .getByRole('button', { name: s('session.signOut') })
    .click();
  await signInOnHarness(page, s, '1234');
});
