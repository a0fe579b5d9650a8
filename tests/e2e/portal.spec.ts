import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, saveScreenshot, openHomeTile, signInAtKiosk, strings } from './support';

/**
 * The whole system: a family member signs up in the portal, adds a contact,
 * deposits $50 and sends a message with a photo; staff approve; the kiosk
 * syncs; the inmate reads it and replies; staff approve the reply; the family
 * sees it; the inmate's account shows the deposit and the facility's fee.
 * Portal and kiosk share the preview's embedded demo facility server.
 */
const s = strings.en;
const portal = `http://127.0.0.1:${process.env.KIOSK_FACILITY_PORT ?? 5197}/portal/`;
const photo = resolve(import.meta.dirname, '../../resources/demo/photos/park.jpg');

const kioskSignIn = (page: Page) => signInAtKiosk(page, { doc: '100239', pin: '5678', answer: 'Oak' });

test('family → staff → kiosk → staff → family, and the money', async ({ browser, page }, info) => {
  test.skip(info.project.name !== 'kiosk-landscape', 'one run: it changes shared demo data');
  test.setTimeout(180_000);
  const stamp = Date.now();
  const email = `family.${stamp}@example.com`;
  const letter = `Hello Kevin, the kids miss you ${stamp}`;
  const reply = `Thank you for the photo ${stamp}`;

  // The family, on a phone-sized screen.
  const familyContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const family = await familyContext.newPage();
  await family.goto(portal);
  await family.getByRole('button', { name: 'Create a new account' }).click();
  await family.getByLabel('Email').fill(email);
  await family.getByLabel('Password').fill('a long family password');
  await family.getByLabel('Your name').fill('Keisha Brown');
  await family.getByLabel('Security question').fill('First street?');
  await family.getByLabel('Answer', { exact: true }).fill('Maple');
  await expectNoAxeViolations(family, 'portal sign-up');
  await family.getByRole('button', { name: 'Create account' }).click();
  // The same answer for every address; the mailed link (shown by the demo mailbox) confirms the account.
  await expect(family.getByRole('status')).toContainText('Check your email');
  await family.getByRole('link', { name: 'Demo mailbox' }).click();
  await family
    .getByRole('listitem')
    .filter({ hasText: `To ${email}` })
    .getByRole('link', { name: 'Open the link' })
    .click();
  await family.getByRole('button', { name: 'Confirm my email' }).click();
  await expect(family.getByRole('status')).toContainText('Your email is confirmed');
  await expectNoAxeViolations(family, 'portal email confirmed');
  await family.getByRole('link', { name: 'Back to sign in' }).click();
  await family.getByLabel('Email').fill(email);
  await family.getByLabel('Password').fill('a long family password');
  await family.getByRole('button', { name: 'Sign in' }).click();
  // This browser followed the confirmation link: it is not asked the question it was just given.
  await expect(family.getByRole('heading', { name: 'Your contacts' })).toBeVisible();
  await expect(family.getByLabel('First street?')).toHaveCount(0);
  await family.getByLabel('DOC number').fill('100239');
  await family.getByRole('button', { name: 'Add a contact' }).click();
  await expect(family.getByText('Waiting for staff approval')).toBeVisible();
  await expectNoAxeViolations(family, 'portal home');
  await saveScreenshot(family, info, 'portal-family');

  // Staff approve the contact.
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await staff.goto(`${portal}#staff`);
  await staff.getByLabel('Email').fill('reviewer@riverside.example');
  await staff.getByLabel('Password').fill('riverside-review-1');
  await staff.getByRole('button', { name: 'Sign in' }).click();
  // Contact requests are a page of the console's menu.
  await staff.getByRole('link', { name: 'Contact requests' }).click();
  await staff.getByRole('button', { name: /Approve Keisha Brown for Kevin Brown/ }).click();
  await expect(staff.getByRole('button', { name: /Approve Keisha Brown/ })).toHaveCount(0);

  // $50 with the fee shown before confirming, then a message with a photo.
  await family.reload();
  await expect(family.getByText('Approved')).toBeVisible();
  const money = family.getByRole('region', { name: 'Send money' });
  await money.getByLabel('To', { exact: true }).selectOption({ label: 'Kevin Brown (100239)' });
  await money.getByLabel('Amount in dollars (20 to 500)').fill('50');
  await money.getByRole('button', { name: 'Send money' }).click();
  await expect(family.getByTestId('quote')).toContainText('$2.95');
  await expect(family.getByTestId('quote')).toContainText('$47.05');
  await money.getByRole('button', { name: 'Confirm deposit' }).click();
  await expect(money.getByRole('status')).toContainText('$50.00');
  const write = family.getByRole('region', { name: 'Write a message' });
  await write.getByLabel('To', { exact: true }).selectOption({ label: 'Kevin Brown (100239)' });
  await write.getByLabel('Message').fill(letter);
  await write.getByLabel('Photos (JPEG or PNG)').setInputFiles(photo);
  await write.getByRole('button', { name: 'Send' }).click();
  await expect(write.getByRole('status')).toBeVisible();
  const video = family.getByRole('region', { name: 'Send a videogram' });
  await video.getByLabel('To', { exact: true }).selectOption({ label: 'Kevin Brown (100239)' });
  await video
    .getByLabel('Video (WebM or MP4, up to 3 minutes)')
    .setInputFiles(resolve(import.meta.dirname, '../../resources/demo/videos/kids-say-hi.webm'));
  await video.getByRole('button', { name: 'Send' }).click();
  await expect(video.getByRole('status')).toContainText('Sent (10 s)');

  // Staff see the photo and the videogram in the queue (the selected message shows its media), approve the letter
  // with the keyboard and reject the videogram with a preset reason and a note. A reload keeps the reviewer signed in.
  await staff.getByRole('link', { name: 'Review queue' }).click();
  await staff.reload();
  await expect(staff.getByRole('heading', { name: 'Review queue' })).toBeVisible();
  await expect(staff.getByLabel('Password')).toHaveCount(0);
  // The queue is oldest first and draws a window around the selection, so the reviewer picks this family's
  // messages with the contact filter, as they would to find them among the demo's waiting items.
  await staff.getByLabel('Contact', { exact: true }).selectOption({ label: 'Keisha Brown' });
  const letterItem = staff.locator('li.queue-item', { hasText: letter });
  await expect(letterItem).toBeVisible();
  await letterItem.click();
  const queuedPhoto = letterItem.locator('img.review-photo');
  await expect(queuedPhoto).toBeVisible();
  await expect.poll(() => queuedPhoto.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expectNoAxeViolations(staff, 'staff console');
  await saveScreenshot(staff, info, 'staff-console');
  // `a` acts on the focused item, not the first of the queue.
  const before = await staff.locator('li.queue-item').count();
  await letterItem.focus();
  await staff.keyboard.press('a');
  await expect(letterItem).toHaveCount(0);
  await expect(staff.locator('li.queue-item')).toHaveCount(before - 1);
  const videoItem = staff.locator('li.queue-item', { hasText: 'Keisha Brown' }).filter({ hasText: 'Videogram' });
  await videoItem.click();
  await expect(videoItem.locator('video')).toHaveAttribute('controls', '');
  await expect
    .poll(() => videoItem.locator('video').evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 15_000 })
    .toBeGreaterThan(0);
  // `r` asks for the reason (a preset one is always chosen, so nothing is rejected without one).
  await videoItem.focus();
  await staff.keyboard.press('r');
  const reasonList = videoItem.getByLabel('Reason (the sender sees it in their language)');
  await expect(reasonList).toBeFocused();
  await expect(reasonList).not.toHaveValue('');
  await reasonList.selectOption('other');
  await videoItem.getByLabel('Note for the sender (optional)').fill('Faces of other people’s children are not allowed');
  await videoItem.getByRole('button', { name: 'Reject with this reason' }).click();
  await expect(videoItem).toHaveCount(0);
  // The decision takes effect once its undo window has passed.
  const rejected = family.locator('li', { hasText: 'Faces of other people’s children are not allowed' });
  await expect(async () => {
    await family.reload();
    await expect(rejected).toContainText('Rejected', { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(rejected).toContainText('Against facility rules');

  // The kiosk: Kevin reads it (with the photo) and replies.
  await kioskSignIn(page);
  await page.getByRole('button', { name: new RegExp(`^${s('home.messages')}`) }).click();
  await expect(page.locator('.inbox-row', { hasText: letter.slice(0, 30) })).toBeVisible({ timeout: 30_000 });
  await page.locator('.inbox-row', { hasText: letter.slice(0, 30) }).click();
  await expect(page.locator('.photo-grid img').first()).toBeVisible();
  await page.getByRole('button', { name: s('message.reply'), exact: true }).click();
  await page.locator('textarea').fill(reply);
  await page
    .getByRole('button', { name: new RegExp(`^${s('compose.send', { cost: 'XX' }).split('XX')[0] ?? 'Send'}`) })
    .click();
  await openHomeTile(page, s, 'home.sent');
  await expect(page.locator('.card', { hasText: reply }).getByText(s('outbox.status.in_review'))).toBeVisible({
    timeout: 30_000,
  });

  // Staff approve the reply; the family sees it.
  await staff.reload();
  await staff.getByLabel('Contact', { exact: true }).selectOption({ label: 'Keisha Brown' });
  const replyItem = staff.locator('li', { hasText: reply });
  await expect(replyItem).toBeVisible();
  await replyItem.click();
  await replyItem.getByRole('button', { name: 'Approve' }).click();
  await expect(replyItem).toHaveCount(0);
  await expect(async () => {
    await family.reload();
    await expect(family.locator('li', { hasText: reply })).toContainText('From Kevin Brown', { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });

  // Kevin asks staff a question at the kiosk; a reviewer answers in the console; the answer reaches the kiosk.
  const subject = `Library ${stamp}`;
  await openHomeTile(page, s, 'home.support');
  await page.getByLabel(s('support.subject')).fill(subject);
  await page.getByLabel(s('support.body')).fill('Is the library open on Sunday?');
  await page.getByRole('button', { name: s('support.send'), exact: true }).click();
  await expect(page.getByText(s('support.sent'))).toBeVisible();
  const ticket = staff.locator('li[data-ticket]', { hasText: subject });
  await staff.getByRole('link', { name: 'Support tickets' }).click();
  await expect(async () => {
    await staff.reload();
    await expect(ticket).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(ticket).toContainText('Is the library open on Sunday?');
  await ticket.getByLabel(`Reply to “${subject}”`).fill('Yes, from 9 to 5.');
  await ticket.getByRole('button', { name: 'Send reply' }).click();
  await expect(ticket).toContainText('Answered');
  await expectNoAxeViolations(staff, 'staff tickets');
  await expect(async () => {
    await openHomeTile(page, s, 'home.support');
    await expect(page.locator('.thread__item--staff', { hasText: 'Yes, from 9 to 5.' })).toBeVisible({
      timeout: 2_000,
    });
  }).toPass({ timeout: 30_000 });

  // The account on the kiosk: the $50 deposit and the $2.95 fee.
  await openHomeTile(page, s, 'home.account');
  await expect(page.getByText('Deposit from Keisha Brown')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('$50.00').first()).toBeVisible();
  await expect(page.getByText(/-\$2\.95|−\$2\.95|\(\$2\.95\)/).first()).toBeVisible();
  await familyContext.close();
  await staffContext.close();
});

test('an admin makes codes, posts an announcement and sees the devices; each role sees only its own tools', async ({
  page,
}, info) => {
  test.skip(info.project.name !== 'kiosk-landscape', 'one run: it changes shared demo data');
  // Each page of the console has its own address; the menu lists only the role's pages.
  const signIn = async (email: string, password: string, consolePage: string, landmark: string) => {
    await page.goto('about:blank'); // a fresh load (a hash-only change would keep the old session's screen)
    await page.goto(`${portal}#staff/${consolePage}`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: landmark, level: 1 })).toBeVisible();
  };
  await signIn('admin@riverside.example', 'riverside-admin-1', 'tools', 'Facility tools');
  const enrollment = page.getByRole('form', { name: 'New device enrollment code' });
  await enrollment.getByRole('button', { name: 'Go' }).click();
  await expect(enrollment.getByRole('status')).toContainText(/Code [A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/);
  const reset = page.getByRole('form', { name: 'PIN reset code for an inmate' });
  await reset.getByLabel('DOC number').fill('100243');
  await reset.getByRole('button', { name: 'Go' }).click();
  await expect(reset.getByRole('status')).toContainText(/Code [A-Z2-9]{4}-[A-Z2-9]{4}/);
  const announce = page.getByRole('form', { name: 'Post an announcement' });
  await announce.getByLabel('Title').fill('Library hours');
  await announce.getByRole('button', { name: 'Go' }).click();
  await expect(announce.getByRole('status')).toBeVisible();
  await expect(page.getByText(/last seen/).first()).toBeVisible(); // the preview's kiosk is in the device list
  await expect(page.getByRole('button', { name: /^Revoke / }).first()).toBeVisible();
  await expect(page.locator('.health').first()).toBeVisible();
  // The roster and the catalog have pages of their own (staff-roster-content.spec.ts).
  await expect(page.getByRole('link', { name: 'Roster' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Content' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Review queue' })).toBeVisible();
  await expectNoAxeViolations(page, 'staff admin tools');
  await saveScreenshot(page, info, 'staff-admin');

  // A reviewer: the review queue and tickets, no facility tools at all.
  await page.context().clearCookies();
  await signIn('reviewer@riverside.example', 'riverside-review-1', 'review', 'Review queue');
  await expect(page.getByRole('link', { name: 'Support tickets' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Facility tools' })).toHaveCount(0);
  await page.goto(`${portal}#staff/tools`); // asked for by address: the reviewer still gets no tools
  await expect(page.getByRole('heading', { name: 'Facility tools' })).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Process a release' })).toHaveCount(0);

  // A technician: enrollment codes and devices, no review queue, no admin-only tools.
  await page.context().clearCookies();
  await signIn('tech@riverside.example', 'riverside-tech-1', 'tools', 'Facility tools');
  await expect(page.getByRole('form', { name: 'New device enrollment code' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Devices' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Review queue' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Contact requests' })).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Process a release' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Roster' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Content' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'staff technician');

  // Signing out ends the session on the server: a reload shows the sign-in form, not the console.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByLabel('Password')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Password')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Facility tools' })).toHaveCount(0);
});
