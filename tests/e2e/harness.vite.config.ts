import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Serves the screen harness (renderer/harness: the real shell and screens over
 * an in-memory kiosk) for the Playwright "harness-*" projects and the inbox bench.
 */
export default defineConfig({
  root: new URL('../../renderer/harness', import.meta.url).pathname,
  plugins: [react()],
  server: { host: '127.0.0.1', strictPort: true },
  logLevel: 'warn',
});
