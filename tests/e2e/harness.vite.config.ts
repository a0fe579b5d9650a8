import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Serves the screen harness (renderer/harness: the real shell and screens over
 * an in-memory kiosk) for the Playwright "harness-*" projects and the inbox
 * bench (development server), and builds it the way the kiosk's renderer is
 * built (electron.vite.config.ts: minified, chrome120) into out/harness for
 * the "reader-*" projects, whose timings must be the production build's:
 * `vite build` then `vite preview` with this file.
 */
export default defineConfig({
  root: new URL('../../renderer/harness', import.meta.url).pathname,
  plugins: [react()],
  server: { host: '127.0.0.1', strictPort: true },
  preview: { host: '127.0.0.1', strictPort: true },
  build: {
    outDir: new URL('../../out/harness', import.meta.url).pathname,
    emptyOutDir: true,
    minify: true,
    target: 'chrome120',
  },
  logLevel: 'warn',
});
