import Database from 'better-sqlite3';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { run, stop } from './processes';
import { daniel, openHomeTile, signInAtKiosk, strings } from './support';

/**
 * The facility server goes down while an inmate replies and records a
 * videogram: both are queued on the device; when the server is back they
 * are delivered exactly once. This spec runs its own server and preview host
 * so it can stop and start the server.
 */
const s = strings.en;
const serverPort = 5301;
const previewPort = 5302;
const dir = mkdtempSync(join(tmpdir(), 'kiosk-offline-e2e-'));
const dbPath = join(dir, 'facility.db');
let server: ChildProcess | null = null;
let preview: ChildProcess | null = null;

const startServer = () =>
  run(
    ['server/cli.ts', '--db', dbPath, '--port', String(serverPort), '--log-level', 'warn'],
    /enrollment code.*: (\S+)/,
  );

test.beforeAll(async () => {
  const started = await startServer();
  server = started.child;
  const code = /enrollment code.*: (\S+)/.exec(started.output)?.[1] ?? '';
  preview = (
    await run(
      [
        'electron/preview/cli.ts',
        '--port',
        String(previewPort),
        '--server-url',
        `http://127.0.0.1:${serverPort}`,
        '--enroll-code',
        code,
        '--fresh',
        '--data-dir',
        join(dir, 'device'),
      ],
      /Kiosk preview: /,
    )
  ).child;
});
test.afterAll(async () => {
  await stop(preview);
  await stop(server);
});

const signIn = (page: Page) => signInAtKiosk(page, daniel, `http://127.0.0.1:${previewPort}/`);

test('a reply and a videogram made while the server is down are delivered exactly once when it is back', async ({
  page,
}) => {
  test.skip(test.info().project.name !== 'kiosk-landscape', 'one run is enough: it starts its own server');
  test.setTimeout(180_000);
  await signIn(page);
  await stop(server); // the facility server goes down
  await expect(page.locator('.frame__connection')).toHaveAttribute('data-state', 'offline', { timeout: 30_000 });

  // A text reply, typed offline.
  await page.getByRole('button', { name: new RegExp(`^${s('home.messages')}`) }).click();
  await page.locator('[data-index="0"] button').click();
  await page.getByRole('button', { name: s('message.reply'), exact: true }).click();
  const text = `Written while offline ${Date.now()}`;
  await page.locator('textarea').fill(text);
  await page
    .getByRole('button', { name: new RegExp(`^${s('compose.send', { cost: 'XX' }).split('XX')[0] ?? 'Send'}`) })
    .click();
  await expect(page.getByText(s('outbox.status.queued')).first()).toBeVisible({ timeout: 20_000 });

  // A videogram, recorded with Chromium's fake camera, also offline.
  await page
    .locator('.session-bar')
    .getByRole('button', { name: s('session.home') })
    .click();
  await page.getByRole('button', { name: new RegExp(`^${s('home.messages')}`) }).click();
  await page.locator('[data-index="0"] button').click();
  await page.getByRole('button', { name: s('message.replyVideo') }).click();
  await page.getByRole('button', { name: s('record.start') }).click();
  // The 3 s countdown, then about 3 s of video: the recorder's own timer says when.
  await expect(page.getByRole('button', { name: s('record.stop') })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('record-timer')).toContainText(/(^|\D)0:0[3-9]/, { timeout: 15_000 });
  await page.getByRole('button', { name: s('record.stop') }).click();
  await page.getByRole('button', { name: s('record.send') }).click();
  await expect(page.getByText(s('outbox.status.queued')).first()).toBeVisible({ timeout: 20_000 });

  server = (await startServer()).child; // back online
  await openHomeTile(page, s, 'home.sent');
  await expect(page.locator('.card', { hasText: text }).getByText(s('outbox.status.in_review'))).toBeVisible({
    timeout: 60_000,
  });

  const db = new Database(dbPath, { readonly: true });
  try {
    await expect
      .poll(
        () =>
          (
            db.prepare("SELECT count(*) AS n FROM messages WHERE kind = 'videogram' AND direction = 'out'").get() as {
              n: number;
            }
          ).n,
        { timeout: 60_000 },
      )
      .toBe(1);
    expect(db.prepare('SELECT count(*) AS n FROM messages WHERE body = ?').get(text)).toEqual({ n: 1 });
    const video = JSON.parse(
      (
        db.prepare("SELECT videogram FROM messages WHERE kind = 'videogram' AND direction = 'out'").get() as {
          videogram: string;
        }
      ).videogram,
    ) as { durationMs: number };
    expect(video.durationMs).toBeGreaterThan(1_000);
    expect(video.durationMs).toBeLessThanOrEqual(180_000);
  } finally {
    db.close();
  }
});
