import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import {
  acceptInvitation,
  familyAsksForContact,
  inmateSendsMessage,
  inmateSignsIn,
  mailedLink,
  menu,
  provisionKiosk,
  signInStaff,
} from './facility-steps';
import { run, stop } from './processes';
import { expectNoAxeViolations, saveScreenshot } from './support';

/**
 * A real facility from zero (issue #14's "done when"), through the browser
 * only: a server started with --no-demo on a fresh database prints its setup
 * link; the first admin sets the facility up, makes two units, invites a
 * reviewer and a technician, makes stamps free, imports the roster and issues
 * an enrollment code; a kiosk is provisioned with it; a family asks for a
 * contact; the inmate signs in and sends a free message the reviewer approves.
 */
const base = Number(process.env.KIOSK_E2E_PORT ?? 5199) + 140;
const serverPort = base;
const previewPort = base + 1;
const dir = mkdtempSync(join(tmpdir(), 'kiosk-facility-e2e-'));
const mailDir = join(dir, 'mail');
const server = `http://127.0.0.1:${serverPort}`;
const portal = `${server}/portal/`;
const admin = { email: 'warden@lakeside.example', password: 'lakeside admin password' };
const reviewer = { email: 'reviewer@lakeside.example', password: 'lakeside reviewer password' };
const technician = { email: 'tech@lakeside.example', password: 'lakeside tech password' };
const inmate = { doc: '500101', pin: '1357', answer: 'Blue' };
let serverProcess: ChildProcess | null = null;
let previewProcess: ChildProcess | null = null;
let setupLink = '';

test.beforeAll(async () => {
  const setupLine = /Setup: not done yet[^\n]*\n(\S+)/;
  const started = await run(
    ['server/cli.ts', '--demo', '--no-demo', '--db', join(dir, 'facility.db'), '--port', String(serverPort)],
    setupLine,
  );
  serverProcess = started.child;
  setupLink = setupLine.exec(started.output)?.[1] ?? '';
});
test.afterAll(async () => {
  await stop(previewProcess);
  await stop(serverProcess);
});

test('from an empty server to a free message a reviewer approves', async ({ browser, page }, info) => {
  test.skip(info.project.name !== 'kiosk-landscape', 'one run: it starts its own server and kiosk');
  test.setTimeout(300_000);

  // Nothing works before the setup link is used.
  await page.goto(`${portal}#staff`);
  await expect(page.getByText('This server is not set up yet')).toBeVisible();

  // The setup link: the facility and its first admin, who is signed in at once.
  await page.goto(setupLink);
  await expect(page.getByRole('heading', { name: 'Set up this facility' })).toBeVisible();
  await expectNoAxeViolations(page, 'setup');
  await page.getByLabel('Facility name').fill('Lakeside Correctional');
  await page.getByLabel('Time zone').selectOption('America/Chicago');
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Full name').fill('Wanda Warden');
  await page.getByLabel(/^Password/).fill(admin.password);
  await page.getByLabel('Security question', { exact: true }).fill('First pet?');
  await page.getByLabel('Answer to the security question').fill('Bo');
  await page.getByRole('button', { name: 'Create the facility' }).click();
  await expect(page.getByRole('heading', { name: 'Facility settings' })).toBeVisible();
  await saveScreenshot(page, info, 'facility-setup-done');

  // Free stamps: $0.00 is allowed; a price above the bound is refused with the field named.
  const stamp = page.getByLabel(/^Stamp price, text message/);
  await stamp.fill('99');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert')).toContainText('stampPriceCents');
  await stamp.fill('0.00');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved.');
  await expect(stamp).toHaveValue('0.00');
  await expectNoAxeViolations(page, 'facility settings');

  // Two units.
  await menu(page, 'Units');
  const addUnit = page.getByRole('form', { name: 'Add a unit' });
  for (const name of ['North Unit', 'South Unit']) {
    await addUnit.getByLabel('Unit name').fill(name);
    await addUnit.getByRole('button', { name: 'Add a unit' }).click();
    await expect(page.getByRole('form', { name })).toBeVisible();
  }
  await expectNoAxeViolations(page, 'units');

  // A reviewer and a technician, each invited by email.
  await menu(page, 'Staff accounts');
  const invite = page.getByRole('form', { name: 'Invite a staff member' });
  for (const [person, role, name] of [
    [reviewer, 'reviewer', 'Rita Reviewer'],
    [technician, 'technician', 'Tom Tech'],
  ] as const) {
    await invite.getByLabel('Email').fill(person.email);
    await invite.getByLabel('Full name').fill(name);
    await invite.getByLabel('Role').selectOption(role);
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await expect(page.getByRole('listitem', { name: person.email })).toContainText('invited');
  }
  await expectNoAxeViolations(page, 'staff accounts');
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  for (const person of [reviewer, technician])
    await acceptInvitation(staff, mailedLink(mailDir, person.email, '#staff-link?token='), person.password);

  // The roster: a dry run shows each row's outcome, then the commit adds them all.
  await menu(page, 'Roster');
  await page.getByTestId('roster-import-file').setInputFiles({
    name: 'roster.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'doc_number,first_name,last_name,unit,language,pin,security_question,security_answer\n' +
        `${inmate.doc},Ana,Torres,North Unit,en,${inmate.pin},Favourite colour?,${inmate.answer}\n` +
        '500102,Luis,Ortega,South Unit,es,2468,Color favorito?,Rojo\n',
    ),
  });
  await page.getByTestId('roster-dry-run').click();
  await expect(page.getByTestId('import-row-3')).toContainText('Will be added to South Unit');
  await page.getByTestId('roster-commit').click();
  await expect(page.getByText('2 people added.')).toBeVisible();

  // Every change so far is in the change log, with who made it.
  await menu(page, 'Change log');
  await expect(page.getByRole('row', { name: /Setting changed/ })).toContainText(admin.email);
  await expect(page.getByRole('row', { name: /Unit added/ })).toHaveCount(2);
  await expectNoAxeViolations(page, 'change log');

  // The technician makes an enrollment code; a factory-fresh kiosk is provisioned with it.
  await signInStaff(staff, portal, technician.email, technician.password);
  await menu(staff, 'Facility tools');
  const codeForm = staff.getByRole('form', { name: 'New device enrollment code' });
  await codeForm.getByRole('button', { name: 'Go' }).click();
  const code = /Code ([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})/.exec(
    (await codeForm.getByRole('status').textContent()) ?? '',
  )?.[1];
  expect(code).toBeTruthy();
  previewProcess = (
    await run(
      [
        'electron/preview/cli.ts',
        '--port',
        String(previewPort),
        '--server-url',
        server,
        '--fresh',
        '--data-dir',
        join(dir, 'device'),
      ],
      /Kiosk preview: /,
    )
  ).child;
  await provisionKiosk(page, `http://127.0.0.1:${previewPort}/`, server, code ?? '', 'North Unit');

  // A family asks to write to Ana; the reviewer approves the contact.
  const familyContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const family = await familyContext.newPage();
  await familyAsksForContact(family, portal, mailDir, 'maria@family.example', inmate.doc);
  await staff.getByRole('button', { name: 'Sign out' }).click();
  await signInStaff(staff, portal, reviewer.email, reviewer.password);
  await menu(staff, 'Contact requests');
  await staff.getByRole('button', { name: /Approve Maria Lopez for Ana Torres/ }).click();
  await expect(staff.getByRole('button', { name: /Approve Maria Lopez/ })).toHaveCount(0);

  // Ana signs in at the kiosk and sends a free message (her balance is $0.00).
  await inmateSignsIn(page, inmate);
  const text = `Hello Maria, this kiosk works ${Date.now()}`;
  await inmateSendsMessage(page, 'Maria Lopez', text);
  await saveScreenshot(page, info, 'facility-kiosk-sent');

  // The reviewer approves it; Maria reads it.
  await menu(staff, 'Review queue');
  const item = staff.locator('li', { hasText: text });
  await expect(async () => {
    await staff.reload();
    await expect(item).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await item.click();
  await item.getByRole('button', { name: 'Approve' }).click();
  await expect(item).toHaveCount(0);
  await expect(async () => {
    await family.reload();
    await expect(family.locator('li', { hasText: text })).toContainText('From Ana Torres', { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
});
