import Database from 'better-sqlite3';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { run, stop } from './processes';
import { expectNoAxeViolations, saveScreenshot, strings } from './support';

/**
 * A technician's day with a new kiosk: provision it against the facility
 * server (bad inputs first), open the maintenance screen with the gesture's
 * keyboard twin and a server-issued credential, run every action, and wipe it.
 */
const s = strings.en;
const serverPort = 5311;
const previewPort = 5312;
const dir = mkdtempSync(join(tmpdir(), 'kiosk-tech-e2e-'));
const dbPath = join(dir, 'facility.db');
const deviceDir = join(dir, 'device');
const preview = `http://127.0.0.1:${previewPort}/`;
let server: ChildProcess | null = null;
let host: ChildProcess | null = null;
let code = '';

/** A fresh enrollment code, made the way the staff console makes them (only its hash is stored). */
function newCode(): string {
  const fresh = `TEST-${Math.random().toString(36).slice(2, 6).toUpperCase()}-CODE`;
  const db = new Database(dbPath);
  const facility = db.prepare('SELECT id FROM facilities').get() as { id: string };
  db.prepare(
    'INSERT INTO enrollment_codes (id, facility_id, code_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
  ).run(
    crypto.randomUUID(),
    facility.id,
    createHash('sha256').update(fresh.replace(/[\s-]/g, '').toUpperCase()).digest('hex'),
    Date.now(),
    Date.now() + 3_600_000,
  );
  db.close();
  return fresh;
}

test.beforeAll(async () => {
  const started = await run(
    ['server/cli.ts', '--demo', '--db', dbPath, '--port', String(serverPort), '--log-level', 'warn'],
    /enrollment code.*: (\S+)/,
  );
  server = started.child;
  code = /enrollment code.*: (\S+)/.exec(started.output)?.[1] ?? '';
  // A factory-fresh device: it knows no server and holds no credential.
  host = (
    await run(
      [
        'electron/preview/cli.ts',
        '--port',
        String(previewPort),
        '--server-url',
        `http://127.0.0.1:${serverPort}`,
        '--fresh',
        '--data-dir',
        deviceDir,
      ],
      /Kiosk preview: /,
    )
  ).child;
});
test.afterAll(async () => {
  await stop(host);
  await stop(server);
});

const problem = (page: Page) => page.getByTestId('setup-problem');

async function provision(page: Page, enrollmentCode: string) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(s('setup.heading'), { timeout: 30_000 });
  await page.getByLabel(s('setup.serverLabel')).fill(`http://127.0.0.1:${serverPort}`);
  await page.getByLabel(s('setup.serverLabel')).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Riverside' })).toBeVisible();
  await page.getByLabel(s('setup.codeLabel')).fill(enrollmentCode);
  await page.getByLabel(s('setup.codeLabel')).press('Enter');
  await page.getByRole('button', { name: 'Unit A — North' }).click();
  await page.getByLabel(s('setup.labelLabel')).fill('Kiosk A-1');
  await page.getByLabel(s('setup.labelLabel')).press('Enter');
}

test('provision with bad and good inputs, maintain, and wipe', async ({ page }, info) => {
  test.skip(info.project.name !== 'kiosk-landscape', 'one run is enough: it provisions its own device');
  test.setTimeout(180_000);
  await page.goto(preview);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(s('setup.heading'), { timeout: 30_000 });
  await expectNoAxeViolations(page, 'setup');
  await saveScreenshot(page, info, 'setup');

  // Bad inputs, each named in words, nothing saved.
  const address = page.getByLabel(s('setup.serverLabel'));
  for (const [input, expected] of [
    ['not a url', 'invalid_url'],
    ['http://facility.example', 'https_required'],
    ['https://127.0.0.1:1', 'fingerprint_required'],
    [`http://127.0.0.1:${serverPort + 50}`, 'unreachable'],
  ] as const) {
    await address.fill(input);
    await address.press('Enter');
    await expect(problem(page)).toHaveAttribute('data-problem', expected);
  }
  await address.fill(`http://127.0.0.1:${serverPort}`);
  await address.press('Enter');
  await page.getByLabel(s('setup.codeLabel')).fill('ZZZZ-ZZZZ-ZZZZ');
  await page.getByLabel(s('setup.codeLabel')).press('Enter');
  await expect(problem(page)).toHaveAttribute('data-problem', 'code_unknown');
  await expect(problem(page)).toHaveText(s('setup.problem.code_unknown'));
  await page.getByRole('button', { name: s('common.back') }).click();
  await page.reload(); // a half-done setup leaves nothing behind

  // The first sync shows as progress on the setup screen, then welcome opens by itself.
  const firstSync = page.waitForSelector('[data-testid="first-sync"]', { state: 'attached', timeout: 30_000 });
  await provision(page, code);
  await firstSync;
  await expect(page.getByTestId('first-sync-text')).toHaveText(s('setup.firstSyncDone'), { timeout: 30_000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(s('welcome.heading'), { timeout: 30_000 });
  await expect(page.getByTestId('facility-name')).toHaveText('Riverside Correctional Facility');

  // The technician gate: the service-keyboard chord three times, then a server-issued credential.
  await expect(async () => {
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('Control+Alt+Shift+T');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(s('technician.signInHeading'), { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await page.getByLabel(s('technician.loginLabel')).fill('Sam Ortiz');
  await page.getByLabel(s('technician.secretLabel')).fill('wrong-guess');
  await page.getByLabel(s('technician.secretLabel')).press('Enter');
  await expect(page.getByText(s('technician.problem.wrong_credential'))).toBeVisible();
  // Technician credentials arrive with the first sync; retry until they are here.
  await expect(async () => {
    await page.getByLabel(s('technician.secretLabel')).fill('tech-2468');
    await page.getByLabel(s('technician.secretLabel')).press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(s('technician.heading'), { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });

  // Put the on-screen keyboard away (the credential field had it open).
  if (await page.locator('.osk').isVisible())
    await page
      .locator('.osk')
      .getByRole('button', { name: s('keyboard.done') })
      .click();
  const diagnostics = page.getByTestId('diagnostics');
  await expect(diagnostics.locator('[data-field="databaseIntegrity"]')).toHaveText('ok');
  await expect(diagnostics.locator('[data-field="facilityName"]')).toHaveText('Riverside Correctional Facility');
  const deviceId = (await diagnostics.locator('[data-field="deviceId"]').textContent()) ?? '';
  expect(deviceId).toMatch(/^[0-9a-f-]{36}$/);
  await expectNoAxeViolations(page, 'technician');
  await saveScreenshot(page, info, 'technician');

  // "Why didn't it arrive", asked at the device: a message of this kiosk's unit by its id, then an unknown id.
  const known = new Database(dbPath, { readonly: true });
  const { id: messageId, direction } = known
    .prepare(
      'SELECT m.id, m.direction FROM messages m JOIN inmates i ON i.id = m.inmate_id JOIN devices d ON d.unit_id = i.unit_id WHERE d.id = ? LIMIT 1',
    )
    .get(deviceId) as { id: string; direction: 'in' | 'out' };
  known.close();
  const lookup = page.getByTestId('trail-lookup');
  await lookup.getByLabel(s('technician.trail.idLabel')).fill(messageId.toUpperCase());
  await lookup.getByRole('button', { name: s('technician.trail.lookUp') }).click();
  await expect(lookup.getByRole('status')).toContainText(s(`technician.trail.direction.${direction}`));
  await expectNoAxeViolations(page, 'technician trail lookup');
  await lookup.getByLabel(s('technician.trail.idLabel')).fill('0190a3c4-0000-7000-8000-00000000dead');
  await lookup.getByRole('button', { name: s('technician.trail.lookUp') }).click();
  await expect(lookup.getByRole('alert')).toHaveText(s('technician.trail.problem.not_found'));
  if (await page.locator('.osk').isVisible())
    await page
      .locator('.osk')
      .getByRole('button', { name: s('keyboard.done') })
      .click();

  const notice = page.getByTestId('technician-notice');
  for (const action of ['sync-now', 'clear-media-cache', 'send-logs', 'exit-kiosk'] as const) {
    await page.getByRole('button', { name: s(`technician.action.${action}`) }).click();
    await expect(notice).toHaveClass(/notice--ok/);
    await expect(notice).toContainText(s(`technician.done.${action}`, { detail: 'X' }).split('X')[0] ?? '');
  }
  await expect(diagnostics.locator('[data-field="lastSyncAt"]')).not.toHaveText(s('technician.never'));

  const keyFile = join(deviceDir, 'device', 'database.key.dev');
  const keyBefore = readFileSync(keyFile, 'utf8');
  // Wipe: refused without the right confirmation, then done.
  await page.getByRole('button', { name: s('technician.action.wipe') }).click();
  await page.getByLabel(s('technician.confirmLabel')).fill('not the id');
  await page
    .locator('form')
    .getByRole('button', { name: s('technician.action.wipe') })
    .click();
  await expect(notice).toHaveClass(/notice--error/);
  await page.getByRole('button', { name: s('technician.action.wipe') }).click();
  // The short code on screen is this device's (its id's last six letters and digits).
  await expect(page.getByTestId('confirm-code')).toHaveText(deviceId.replace(/-/g, '').slice(-6).toUpperCase());
  await page.getByLabel(s('technician.confirmLabel')).fill(deviceId.replace(/-/g, '').slice(-6).toLowerCase());
  await page
    .locator('form')
    .getByRole('button', { name: s('technician.action.wipe') })
    .click();
  await expect(notice).toHaveText(s('technician.done.wipe'));

  // The device starts over as new: setup screen, a new database key, no old cache.
  await page.goto(preview);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(s('setup.heading'), { timeout: 60_000 });
  // The old key is destroyed (a new one was made), so the old cache could not be read even if a copy survived.
  expect(readFileSync(keyFile, 'utf8')).not.toBe(keyBefore);
  expect(readdirSync(join(deviceDir, 'device', 'media')).filter((f) => f !== 'tmp')).toEqual([]);
  expect(existsSync(join(deviceDir, 'device', 'credential.sealed'))).toBe(false);

  // Every technician action reached the server's audit trail before the wipe.
  const db = new Database(dbPath, { readonly: true });
  const actions = (
    db.prepare("SELECT action FROM device_reports WHERE device_id = ? AND kind = 'audit'").all(deviceId) as {
      action: string;
    }[]
  ).map((r) => r.action);
  db.close();
  expect(actions).toEqual(
    expect.arrayContaining([
      'sign-in',
      'message-trail',
      'sync-now',
      'clear-media-cache',
      'send-logs',
      'exit-kiosk',
      'wipe',
    ]),
  );

  // And it can be provisioned again with a new code.
  await provision(page, newCode());
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(s('welcome.heading'), { timeout: 30_000 });
  expect(readFileSync(keyFile, 'utf8')).toMatch(/^[0-9a-f]{64}$/);
});
