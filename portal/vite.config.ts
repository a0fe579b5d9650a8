import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** The family portal and staff console, served by the facility server under /portal/. */
export default defineConfig({
  root: import.meta.dirname,
  base: '/portal/',
  plugins: [react()],
  build: { outDir: resolve(import.meta.dirname, '../out/portal'), emptyOutDir: true, target: 'es2022' },
  logLevel: 'warn',
});
