import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from '@playwright/test';
import { expectNoAxeViolations, expectTouchTargets, saveScreenshot } from './support';

/**
 * The family portal's own pages against the preview's demo facility: password
 * reset from the demo mailbox, sign out everywhere, scheduled deposits with
 * the deposit history (and cancelling one), and the help page.
 */
const origin = `http://127.0.0.1:${process.env.KIOSK_FACILITY_PORT ?? 5197}`;
const portal = `${origin}/portal/`;

/** The CSRF cookie's value, for API calls made beside the UI. */
async function csrf(api: APIRequestContext): Promise<string> {
  return decodeURIComponent((await api.storageState()).cookies.find((c) => c.name === 'ok_csrf')?.value ?? '');
}

/** A family account made through the API (the sign-up screen has its own test in portal.spec.ts). */
async function signUp(api: APIRequestContext, email: string, password: string) {
  const response = await api.post(`${origin}/api/family/signup`, {
    data: { email, password, displayName: 'Dana Davis', securityQuestion: 'First pet?', securityAnswer: 'Rex' },
  });
  expect(response.status()).toBe(200);
  // Sign-up mails a confirmation link (the demo mailbox shows it); the account signs in once it is followed.
  const box = (await (await api.get(`${origin}/api/demo/mail?limit=200`)).json()) as {
    mail: { to: string; link?: string }[];
  };
  const link = box.mail.find((m) => m.to === email && m.link?.includes('#confirm?token='))?.link ?? '';
  const token = new URLSearchParams(link.split('?')[1] ?? '').get('token') ?? '';
  expect((await api.post(`${origin}/api/family/confirm`, { data: { token } })).status()).toBe(200);
}

async function signInUi(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const question = page.getByLabel('First pet?');
  const home = page.getByRole('heading', { name: 'Your contacts' });
  await expect(question.or(home)).toBeVisible();
  if (await question.isVisible()) {
    await question.fill('rex');
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await expect(home).toBeVisible();
}

/** The signed-in family asks for the inmate with this DOC number as a contact, and an admin approves it. */
async function approvedContact(page: Page, docNumber: string) {
  const contact = await page.request.post(`${origin}/api/family/contacts`, {
    data: { docNumber, relationship: null },
    headers: { 'x-csrf-token': await csrf(page.request) },
  });
  const staff = await playwrightRequest.newContext();
  await staff.post(`${origin}/api/staff/signin`, {
    data: { email: 'admin@riverside.example', password: 'riverside-admin-1' },
  });
  const approved = await staff.post(`${origin}/api/staff/contacts/${((await contact.json()) as { id: string }).id}`, {
    data: { approve: true },
    headers: { 'x-csrf-token': await csrf(staff) },
  });
  expect(approved.status()).toBe(200);
  await staff.dispose();
}

test('forgot password → demo mailbox → reset page → sign in with the new password; the link works once; sign out everywhere', async ({
  browser,
  page,
}, info) => {
  test.skip(info.project.name !== 'kiosk-landscape', 'one run: it changes shared demo data');
  const email = `reset.${Date.now()}@example.com`;
  await signUp(page.request, email, 'the first long password');

  await page.goto(portal);
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByRole('status')).toContainText('a reset link is on its way');
  await expectNoAxeViolations(page, 'forgot password');

  await page.getByRole('link', { name: 'Demo mailbox' }).click();
  await expect(page.getByRole('heading', { name: 'Demo mailbox', level: 1 })).toBeVisible();
  await expect(page.getByText('Demo only')).toBeVisible();
  const mail = page
    .getByRole('listitem')
    .filter({ hasText: `To ${email}` })
    .filter({ hasText: 'Reset your password' });
  await expect(mail).toHaveCount(1);
  const link = (await mail.getByRole('link', { name: 'Open the link' }).getAttribute('href')) ?? '';
  expect(link).toMatch(/\/portal\/#reset\?token=[A-Za-z0-9_-]+$/);
  await expectNoAxeViolations(page, 'demo mailbox');
  await mail.getByRole('link', { name: 'Open the link' }).click();

  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await expect(page.getByText('has at least 10 characters')).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill('short');
  await page.getByLabel('New password again').fill('short');
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.getByRole('alert')).toContainText('at least 10 characters');
  await page.getByLabel('New password', { exact: true }).fill('my brand new password');
  await page.getByLabel('New password again').fill('my brand new password');
  await expectNoAxeViolations(page, 'reset page');
  await expectTouchTargets(page, 'reset page');
  await saveScreenshot(page, info, 'portal-reset');
  await page.getByRole('button', { name: 'Save new password' }).click();

  await expect(page.getByRole('status')).toContainText('Your password is changed');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('the first long password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Email or password is not right');
  await signInUi(page, email, 'my brand new password');

  // The same link again: refused, with a way to ask for a new one.
  const second = await browser.newContext();
  const again = await second.newPage();
  await again.goto(link);
  await again.getByLabel('New password', { exact: true }).fill('yet another long password');
  await again.getByLabel('New password again').fill('yet another long password');
  await again.getByRole('button', { name: 'Save new password' }).click();
  await expect(again.getByRole('alert')).toContainText('already used or has expired');
  await expect(again.getByRole('link', { name: 'Ask for a new link' })).toBeVisible();
  await expectNoAxeViolations(again, 'used reset link');

  // Signed in on a second browser too; "Sign out everywhere" on the first ends both.
  await again.goto(portal);
  await signInUi(again, email, 'my brand new password');
  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(page.getByRole('status')).toContainText('signed out on every phone and computer');
  await again.reload();
  await expect(again.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await second.close();
});

test('a scheduled deposit and one made now appear in the deposit history with fee, status and local date; cancel the scheduled one; the help page', async ({
  page,
}, info) => {
  test.skip(info.project.name !== 'kiosk-landscape', 'one run: it changes shared demo data');
  const email = `deposits.${Date.now()}@example.com`;
  await signUp(page.request, email, 'a long deposit password');
  await page.goto(portal);
  await signInUi(page, email, 'a long deposit password');
  await approvedContact(page, '100240');
  await page.reload();

  const money = page.getByRole('region', { name: 'Send money' });
  const history = page.getByRole('region', { name: 'Your deposits' });
  await expect(history.getByText('No deposits yet.')).toBeVisible();
  // Now: $25.
  await money.getByLabel('To', { exact: true }).selectOption({ label: 'Andre Davis (100240)' });
  await money.getByLabel('Amount in dollars (20 to 500)').fill('25');
  await money.getByRole('button', { name: 'Send money' }).click();
  await money.getByRole('button', { name: 'Confirm deposit' }).click();
  await expect(money.getByRole('status')).toContainText('$25.00 sent');
  // Every month from a week ahead: $30.
  const start = await page.evaluate(() => {
    const d = new Date(Date.now() + 7 * 86_400_000);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
  await money.getByLabel('Amount in dollars (20 to 500)').fill('30');
  await money.getByLabel('When').selectOption('monthly');
  await money.getByLabel('First deposit on').fill(start);
  await money.getByRole('button', { name: 'Send money' }).click();
  await money.getByRole('button', { name: 'Confirm deposit' }).click();
  await expect(money.getByRole('status')).toContainText('Scheduled for');

  const rows = history.getByTestId('deposit-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('$30.00');
  await expect(rows.nth(0)).toContainText('$2.95');
  await expect(rows.nth(0)).toContainText('Scheduled (Every month)');
  await expect(rows.nth(1)).toContainText('$25.00');
  await expect(rows.nth(1)).toContainText('Completed');
  // The scheduled date is the chosen day at local midnight, shown in the browser's time zone.
  const shown = await page.evaluate((value) => {
    const [y, m, d] = value.split('-').map(Number);
    return new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(y ?? 0, (m ?? 1) - 1, d ?? 1),
    );
  }, start);
  await expect(rows.nth(0)).toContainText(shown);

  // An eCard from the gallery, chosen with the keyboard: one radio group, arrow keys move the choice.
  const write = page.getByRole('region', { name: 'Write a message' });
  await write.getByLabel('To', { exact: true }).selectOption({ label: 'Andre Davis (100240)' });
  const gallery = write.getByRole('group', { name: 'eCard' });
  await expect(gallery.getByRole('radio')).toHaveCount(6);
  await gallery.getByRole('radio', { name: 'No eCard' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(gallery.getByRole('radio', { name: 'Happy birthday!' })).toBeChecked();
  await gallery.scrollIntoViewIfNeeded();
  await saveScreenshot(page, info, 'portal-ecard-gallery');
  await write.getByLabel('Message', { exact: true }).fill('Many happy returns, Andre');
  await write.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(write.getByRole('status')).toContainText('Sent');
  await expectNoAxeViolations(page, 'portal home with deposits');
  await expectTouchTargets(page, 'portal home with deposits');

  // Cancel the monthly deposit: a confirm step, then it leaves the schedules and the history.
  const schedules = history.getByTestId('schedule-row');
  await expect(schedules).toHaveCount(1);
  await expect(schedules.first()).toContainText('$30.00');
  await expect(schedules.first()).toContainText('to Andre Davis');
  await expect(schedules.first()).toContainText('Every month');
  await expect(schedules.first().getByTestId('schedule-declined')).toHaveCount(0);
  await schedules.first().getByRole('button', { name: 'Cancel this deposit' }).click();
  await expect(history.getByRole('group', { name: /Cancel \$30\.00 to Andre Davis\?/ })).toBeVisible();
  await expect(history.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await expectNoAxeViolations(page, 'cancel a scheduled deposit');
  await expectTouchTargets(page, 'cancel a scheduled deposit');
  await history.getByRole('button', { name: 'Yes, cancel it' }).click();
  await expect(history.getByRole('status')).toContainText('The deposit is cancelled');
  await expect(schedules).toHaveCount(0);
  await expect(rows).toHaveCount(1);
  await expect(rows.nth(0)).toContainText('Completed');
  await page.reload();
  await expect(history.getByTestId('deposit-row')).toHaveCount(1);
  await expect(history.getByTestId('schedule-row')).toHaveCount(0);

  // The link in a declined-deposit email opens the portal at the deposit list, on a phone too (where the list
  // starts far below the first screen).
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 640 });
  await page.goto('about:blank');
  await page.goto(`${portal}#deposits`);
  await expect(history.getByTestId('deposit-row')).toHaveCount(1);
  await expect(page.getByRole('heading', { name: 'Your deposits' })).toBeInViewport();
  if (viewport) await page.setViewportSize(viewport);

  await page.getByRole('link', { name: 'Help and contact' }).click();
  await expect(page.getByRole('heading', { name: 'Help', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'What does a deposit cost?' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Contact support' })).toBeVisible();
  await expect(page.getByText(/Riverside/)).toBeVisible();
  await expectNoAxeViolations(page, 'help page');
  await expectTouchTargets(page, 'help page');
  await page.getByRole('button', { name: 'Español' }).click();
  await expect(page.getByRole('heading', { name: 'Ayuda', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: '¿Cuánto cuesta un depósito?' })).toBeVisible();
  await saveScreenshot(page, info, 'portal-help-es');
});

test('record a videogram with the camera: preview, the 3:00 hard stop, record again, send', async ({ page }, info) => {
  test.skip(info.project.name !== 'kiosk-landscape', 'one run: it changes shared demo data');
  test.setTimeout(120_000);
  const email = `camera.${Date.now()}@example.com`;
  await signUp(page.request, email, 'a long camera password');
  // A controllable page clock: the three-minute stop is reached by fast-forwarding, not by waiting.
  await page.clock.install();
  await page.goto(portal);
  await signInUi(page, email, 'a long camera password');
  await approvedContact(page, '100240');
  await page.reload();

  const video = page.getByRole('region', { name: 'Send a videogram' });
  await video.getByLabel('To', { exact: true }).selectOption({ label: 'Andre Davis (100240)' });
  await video.getByRole('button', { name: 'My camera' }).click();
  await video.getByRole('button', { name: 'Send' }).click();
  await expect(video.getByRole('alert')).toContainText('Record a video first');
  await video.getByRole('button', { name: 'Turn on camera' }).click();
  await expect(video.getByLabel('Camera preview')).toBeVisible();
  await expect(video.getByRole('timer')).toHaveText('0:00 / 3:00');
  await expectNoAxeViolations(page, 'videogram camera preview');
  await expectTouchTargets(page, 'videogram camera preview');

  // The hard stop: recording ends by itself at 3:00.
  await video.getByRole('button', { name: 'Start recording' }).click();
  await expect(video.getByRole('button', { name: 'Stop recording' })).toBeVisible();
  await expect(video.getByRole('timer')).toHaveText(/^0:0[1-9] \/ 3:00$/); // a second of video recorded
  await page.clock.fastForward('02:00');
  await expect(video.getByRole('timer')).toContainText(/^2:0\d \/ 3:00$/);
  await expect(video.getByRole('button', { name: 'Stop recording' })).toBeVisible();
  await page.clock.fastForward('01:00');
  await expect(video.getByRole('status')).toContainText('Recording stopped at 3:00');
  await expect(video.getByLabel('Your recording')).toBeVisible();
  await expect(video.getByLabel('Camera preview')).toHaveCount(0);

  // Record again, stop by hand, and send what was recorded.
  await video.getByRole('button', { name: 'Record again' }).click();
  await video.getByRole('button', { name: 'Start recording' }).click();
  await expect(video.getByRole('timer')).toHaveText(/^0:0[2-9] \/ 3:00$/); // two seconds of video recorded
  await video.getByRole('button', { name: 'Stop recording' }).click();
  await expect(video.getByLabel('Your recording')).toBeVisible();
  await expect(video.getByText('Recording stopped at 3:00')).toHaveCount(0);
  await expect(video.getByRole('alert')).toHaveCount(0);
  await expect(video.getByLabel('Your recording')).toHaveAttribute('src', /^blob:/);
  await expectNoAxeViolations(page, 'videogram recorded');
  await saveScreenshot(page, info, 'portal-videogram-recorded');
  await video.getByRole('button', { name: 'Send' }).click();
  await expect(video.getByRole('status')).toContainText(/Sent \([1-4] s\)/);
});
