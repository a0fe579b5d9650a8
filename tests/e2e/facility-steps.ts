import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { expectNoAxeViolations, strings, tapDigits } from './support';

/** Steps of the real-facility journey (facility.spec.ts), each done in the browser as a person would. */
const s = strings.en;

/** The newest mail to `to` in the server's mail folder (no SMTP: the person's mailbox), its link. */
export function mailedLink(mailDir: string, to: string, contains: string): string {
  const mails = readdirSync(mailDir)
    .sort()
    .map((file) => JSON.parse(readFileSync(join(mailDir, file), 'utf8')) as { to: string; link?: string });
  const link = mails.filter((m) => m.to === to && m.link?.includes(contains)).at(-1)?.link;
  if (!link) throw new Error(`no mail to ${to} with ${contains}`);
  return link;
}

/** The staff console's menu. */
export const menu = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name }).click();

export async function signInStaff(page: Page, console: string, email: string, password: string) {
  await page.goto(`${console}#staff`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(/^Signed in as/)).toBeVisible();
}

/** An invited staff member follows the mailed link and chooses a password and a security question. */
export async function acceptInvitation(page: Page, link: string, password: string) {
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Welcome: choose your password' })).toBeVisible();
  await expectNoAxeViolations(page, 'staff invitation');
  await page.getByLabel(/^Password/).fill(password);
  await page.getByLabel('Security question', { exact: true }).fill('First car?');
  await page.getByLabel('Answer to the security question').fill('Civic');
  await page.getByRole('button', { name: 'Save password' }).click();
  await expect(page.getByRole('status')).toContainText('You can sign in now');
}

/** A family member signs up, confirms by the mailed link, signs in and asks to add a person by DOC number. */
export async function familyAsksForContact(page: Page, portal: string, mailDir: string, email: string, doc: string) {
  await page.goto(portal);
  await page.getByRole('button', { name: 'Create a new account' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a long family password');
  await page.getByLabel('Your name').fill('Maria Lopez');
  await page.getByLabel('Security question').fill('First street?');
  await page.getByLabel('Answer', { exact: true }).fill('Maple');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('status')).toContainText('Check your email');
  await expect(() => mailedLink(mailDir, email, '#confirm?token=')).toPass();
  await page.goto(mailedLink(mailDir, email, '#confirm?token='));
  await page.getByRole('button', { name: 'Confirm my email' }).click();
  await expect(page.getByRole('status')).toContainText('Your email is confirmed');
  await page.getByRole('link', { name: 'Back to sign in' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a long family password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  // This browser followed the confirmation link, so it is not asked the question it was just given.
  await page.getByLabel('DOC number').fill(doc);
  await page.getByRole('button', { name: 'Add a contact' }).click();
  await expect(page.getByText('Waiting for staff approval')).toBeVisible();
}

/** A technician provisions a factory-fresh kiosk: server address, the enrollment code, the unit, a label. */
export async function provisionKiosk(page: Page, kiosk: string, server: string, code: string, unit: string) {
  await page.goto(kiosk);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(s('setup.heading'), { timeout: 30_000 });
  await page.getByLabel(s('setup.serverLabel')).fill(server);
  await page.getByLabel(s('setup.serverLabel')).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Lakeside' })).toBeVisible();
  await page.getByLabel(s('setup.codeLabel')).fill(code);
  await page.getByLabel(s('setup.codeLabel')).press('Enter');
  await page.getByRole('button', { name: unit }).click();
  await page.getByLabel(s('setup.labelLabel')).fill('Kiosk N-1');
  await page.getByLabel(s('setup.labelLabel')).press('Enter');
  await expect(page.getByTestId('facility-name')).toHaveText('Lakeside Correctional', { timeout: 60_000 });
}

/** An inmate signs in at the kiosk with DOC number, PIN and (on a new device) the security answer. */
export async function inmateSignsIn(page: Page, person: { doc: string; pin: string; answer: string }) {
  await page.getByRole('button', { name: s('welcome.signIn'), exact: true }).click();
  await tapDigits(page, person.doc);
  await page.getByRole('button', { name: s('common.next') }).click();
  await tapDigits(page, person.pin);
  await page
    .locator('form')
    .getByRole('button', { name: s('signIn.submit') })
    .click();
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

/** From the kiosk's home: a new message to `contact`, sent for the stamp price shown ($0.00 here), until it is in review. */
export async function inmateSendsMessage(page: Page, contact: string, text: string) {
  await page.getByRole('button', { name: new RegExp(`^${s('home.messages')}`) }).click();
  await page.getByRole('button', { name: s('compose.newMessage') }).click();
  // The contact approved a moment ago reaches the kiosk with its next sync.
  await page.getByRole('button', { name: new RegExp(contact) }).click({ timeout: 60_000 });
  await page.locator('textarea').fill(text);
  await page.getByRole('button', { name: s('compose.send', { cost: '$0.00' }) }).click();
  // Saved on the device first, then pushed: the sent list shows it reach the review queue.
  await page.getByRole('button', { name: s('compose.seeSent') }).click();
  await expect(page.locator('.card', { hasText: text }).getByText(s('outbox.status.in_review'))).toBeVisible({
    timeout: 60_000,
  });
}
