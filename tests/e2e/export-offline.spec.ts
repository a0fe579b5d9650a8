import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import yauzl from 'yauzl';
import { run, stop } from './processes';

/**
 * A person's export opened the way a released person opens it: unzipped on a computer and
 * index.html double-clicked, with no network at all. Their messages and photos are on the page,
 * and the page asks for nothing but its own files.
 */
const dir = mkdtempSync(join(tmpdir(), 'kiosk-export-e2e-'));
const dbPath = join(dir, 'facility.db');
const zipPath = join(dir, 'daniel.zip');
const unpacked = join(dir, 'daniel');

async function unzip(file: string, into: string) {
  const zip = await yauzl.openPromise(file, { lazyEntries: true });
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    mkdirSync(dirname(join(into, entry.fileName)), { recursive: true });
    writeFileSync(join(into, entry.fileName), Buffer.concat(chunks));
  }
  zip.close();
}

test.beforeAll(async () => {
  // The demo facility in a database of this spec's own, then Daniel's export by the server's CLI.
  const server = await run(
    ['server/cli.ts', '--demo', '--db', dbPath, '--port', '0', '--log-level', 'warn'],
    /Facility server: /,
  );
  await stop(server.child);
  // The CLI says so once the file is complete and renamed into place.
  await run(['server/cli.ts', '--db', dbPath, 'export', '--inmate', '100234', zipPath], /Exported Daniel Reyes/);
  await unzip(zipPath, unpacked);
});

test('a released person reads their export offline: messages and photos, no request leaves the computer', async ({
  page,
  context,
}) => {
  const requests: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    requests.push(url);
    if (url.startsWith('file:')) await route.continue();
    else await route.abort('internetdisconnected');
  });
  await context.setOffline(true);
  const messages = readFileSync(join(unpacked, 'data/messages.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { body: string; photos: { sha256: string }[] });
  await page.goto(pathToFileURL(join(unpacked, 'index.html')).href);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Daniel Reyes');
  const sample = messages.find((m) => m.body.length > 20);
  if (!sample) throw new Error('no message in the export');
  await expect(page.locator('article', { hasText: sample.body.slice(0, 40) }).first()).toBeVisible();
  expect(await page.locator('section#messages article').count()).toBe(messages.length);
  // Every photo of the messages is shown, loaded from the export's own media folder.
  const photos = messages.flatMap((m) => m.photos);
  expect(photos.length).toBeGreaterThan(0);
  const images = page.locator('section#messages img');
  await expect(images).toHaveCount(photos.length);
  await images.last().scrollIntoViewIfNeeded();
  await expect
    .poll(() => images.evaluateAll((all) => all.filter((img) => (img as HTMLImageElement).naturalWidth > 0).length))
    .toBe(photos.length);
  // No script on the page, and nothing asked of the network.
  expect(await page.locator('script').count()).toBe(0);
  expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
});
