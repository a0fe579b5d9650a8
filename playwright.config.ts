import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests drive the real kiosk UI in Debian's Chromium.
 * - "kiosk-landscape" (1920×1080) and "tablet-portrait" (800×1280) run against
 *   the preview host (core in a child process, demo facility on 127.0.0.1).
 *   Journeys (behaviour, and the specs that change shared demo data or start
 *   their own server) run once, in landscape; the portrait project runs what
 *   depends on the layout (the frame, and every home area on real data), so
 *   no project repeats what another already proves.
 * - "harness-*" run screens.spec.ts against the screen harness
 *   (renderer/harness: the real shell and screens over an in-memory kiosk),
 *   so every screen is checked with axe and screenshotted at both sizes
 *   whatever core implements today. Screenshots go to tests/e2e/artifacts/.
 * - "reader-*" run reader.spec.ts against the harness built for production
 *   (out/harness, served by `vite preview`), because the reader's
 *   main-thread timings are asserted and must be those of the kiosk's build.
 * No browser is downloaded: CHROMIUM_PATH or /usr/bin/chromium is used.
 */
const port = Number(process.env.KIOSK_E2E_PORT ?? 5199);
const harnessPort = Number(process.env.KIOSK_HARNESS_PORT ?? 5198);
/** The preview's embedded demo facility server, on a known port so the portal e2e can open it. */
const facilityPort = Number(process.env.KIOSK_FACILITY_PORT ?? 5197);
/** The harness as a production build (the reader's timings are judged on what the kiosk runs). */
const builtHarnessPort = Number(process.env.KIOSK_BUILT_HARNESS_PORT ?? harnessPort + 50);
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const launchOptions = {
  executablePath: chromium,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    '--autoplay-policy=no-user-gesture-required',
  ],
};
const landscape = { ...devices['Desktop Chrome'], viewport: { width: 1920, height: 1080 }, launchOptions };
const portrait = {
  ...devices['Desktop Chrome'],
  viewport: { width: 800, height: 1280 },
  hasTouch: true,
  launchOptions,
};
/** The touch-only suite (tests/e2e/touch): a finger is the only input, on a tablet and on a kiosk screen. */
const touchPortrait = { ...portrait, hasTouch: true, isMobile: false };
const touchLandscape = { ...landscape, hasTouch: true };
const preview = `http://127.0.0.1:${port}`;
const harness = `http://127.0.0.1:${harnessPort}`;
const builtHarness = `http://127.0.0.1:${builtHarnessPort}`;

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    trace: 'retain-on-failure',
    actionTimeout: 15_000,
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'kiosk-landscape',
      testIgnore: [/(screens|reader)\.spec\.ts/, /e2e\/touch\//],
      use: { ...landscape, baseURL: preview },
    },
    {
      name: 'tablet-portrait',
      testMatch: /(frame|tour)\.spec\.ts/,
      testIgnore: /e2e\/touch\//,
      use: { ...portrait, baseURL: preview },
    },
    { name: 'harness-landscape', testMatch: /screens\.spec\.ts/, use: { ...landscape, baseURL: harness } },
    { name: 'harness-portrait', testMatch: /screens\.spec\.ts/, use: { ...portrait, baseURL: harness } },
    // The eBook reader over the harness's production build: its main-thread timings are asserted.
    { name: 'reader-landscape', testMatch: /reader\.spec\.ts/, use: { ...landscape, baseURL: builtHarness } },
    { name: 'reader-portrait', testMatch: /reader\.spec\.ts/, use: { ...portrait, baseURL: builtHarness } },
    { name: 'touch-portrait', testMatch: /e2e\/touch\/.*\.spec\.ts/, use: { ...touchPortrait, baseURL: harness } },
    { name: 'touch-landscape', testMatch: /e2e\/touch\/.*\.spec\.ts/, use: { ...touchLandscape, baseURL: harness } },
  ],
  // KIOSK_E2E_HARNESS_ONLY=1 starts only the harnesses (for `--project harness-*`/`reader-*` runs without the preview host).
  webServer: [
    ...(process.env.KIOSK_E2E_HARNESS_ONLY
      ? []
      : [
          {
            command: `npx tsx electron/preview/cli.ts --port ${port} --server-port ${facilityPort} --fresh --data-dir .data/e2e`,
            url: `${preview}/`,
            timeout: 120_000,
            reuseExistingServer: false,
            stdout: 'pipe' as const,
            stderr: 'pipe' as const,
          },
        ]),
    {
      command: `npx vite build --config tests/e2e/harness.vite.config.ts --logLevel error && npx vite preview --config tests/e2e/harness.vite.config.ts --port ${builtHarnessPort}`,
      url: `${builtHarness}/`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'pipe' as const,
      stderr: 'pipe' as const,
    },
    {
      command: `npx vite --config tests/e2e/harness.vite.config.ts --port ${harnessPort}`,
      url: `${harness}/`,
      timeout: 120_000,
      reuseExistingServer: !process.env.CI,
      stdout: 'pipe' as const,
      stderr: 'pipe',
    },
  ],
});
