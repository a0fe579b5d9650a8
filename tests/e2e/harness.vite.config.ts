import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Serves the screen harness (renderer/harness: the real shell and screens over
 * an in-memory kiosk) for the Playwright "harness-*" and "touch-*" projects.
 * Playwright builds it once and serves the bundle (`vite preview`): each test's
 * fresh page loads a few chunks instead of every module through the dev server,
 * and an edit made while a suite runs cannot hot-reload into it. `npx vite --config …`
 * still serves it live for working on a screen.
 */
export default defineConfig({
  root: new URL('../../renderer/harness', import.meta.url).pathname,
  plugins: [react()],
  build: { outDir: new URL('../../out/harness', import.meta.url).pathname, emptyOutDir: true },
  server: { host: '127.0.0.1', strictPort: true },
  preview: { host: '127.0.0.1', strictPort: true },
  logLevel: 'warn',
});
