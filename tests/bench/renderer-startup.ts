/**
 * Renderer start-up, measured side by side in one run:
 *  - initial JS (gzip) of the kiosk vs an empty Vite + React page built the same way;
 *  - time from navigation start to the frame being interactive (the language
 *    button rendered and enabled) vs the empty page's button, median of N
 *    alternating runs in Debian's Chromium.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { chromium, type Browser } from '@playwright/test';
import { build } from 'vite';
import { inProcessBackend } from '../support/in-process-backend';
import { createCore } from '../../electron/core/core';
import { createLogger } from '../../electron/core/log';
import { resolveStaticPath } from '../../electron/host/lockdown/static-path';
import { startPreviewHost } from '../../electron/preview/host';
import { initialJs } from '../support/bundle-size';
import { contentTypeOf } from '../../shared/http/content-types';

const root = resolve(import.meta.dirname, '../..');
const RUNS = 15;

export async function buildEmptyReact(outDir: string): Promise<void> {
  await build({
    root: join(import.meta.dirname, 'fixtures/empty-react'),
    base: './',
    logLevel: 'silent',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, minify: true, target: 'chrome120' },
  });
}

export async function serveStatic(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const file = resolveStaticPath(dir, req.url === '/' ? '/index.html' : (req.url ?? '/'));
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': contentTypeOf(extname(file)) });
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

export async function timeToInteractive(browser: Browser, url: string, selector: string): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator(selector).first().waitFor({ state: 'visible' });
  const ms = await page.evaluate(() => performance.now());
  await context.close();
  return ms;
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

export async function run(): Promise<Record<string, number | string>> {
  const work = mkdtempSync(join(tmpdir(), 'bench-startup-'));
  const emptyDir = join(work, 'empty');
  await buildEmptyReact(emptyDir);
  const kioskJs = initialJs(join(root, 'out/renderer'));
  const emptyJs = initialJs(emptyDir);

  const core = createCore(
    {
      dataDir: join(work, 'device'),
      databaseKeyHex: randomBytes(32).toString('hex'),
      serverUrl: null,
      appVersion: 'bench',
    },
    createLogger('bench', () => undefined),
  );
  const kiosk = await startPreviewHost({ backend: inProcessBackend(core), rendererDir: join(root, 'out/renderer') });
  const empty = await serveStatic(emptyDir);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
  const kioskTimes: number[] = [];
  const emptyTimes: number[] = [];
  try {
    // Warm-up once each (disk cache, JIT), then alternate so drift hits both sides alike.
    await timeToInteractive(browser, kiosk.url, 'button:has-text("Español"):enabled');
    await timeToInteractive(browser, empty.url, 'button:has-text("Español")');
    for (let i = 0; i < RUNS; i++) {
      kioskTimes.push(await timeToInteractive(browser, kiosk.url, 'button:has-text("Español"):enabled'));
      emptyTimes.push(await timeToInteractive(browser, empty.url, 'button:has-text("Español")'));
    }
  } finally {
    await browser.close();
    await kiosk.close();
    await empty.close();
    core.close();
    rmSync(work, { recursive: true, force: true });
  }
  const kioskMs = median(kioskTimes);
  const emptyMs = median(emptyTimes);
  return {
    'initial JS gzip, kiosk (KB)': +(kioskJs.gzipBytes / 1024).toFixed(1),
    'initial JS gzip, empty Vite+React page (KB)': +(emptyJs.gzipBytes / 1024).toFixed(1),
    'initial JS gzip ratio kiosk/empty': +(kioskJs.gzipBytes / emptyJs.gzipBytes).toFixed(2),
    'frame interactive, kiosk median (ms)': +kioskMs.toFixed(1),
    'button interactive, empty page median (ms)': +emptyMs.toFixed(1),
    'interactive ratio kiosk/empty': +(kioskMs / emptyMs).toFixed(2),
    runs: RUNS,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await run());
}
