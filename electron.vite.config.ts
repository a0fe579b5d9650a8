import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

/**
 * One build tool for all three targets (electron-vite): main (+ the core
 * utility process as a second entry), preload, and the renderer. The preview
 * host serves the same out/renderer build that Electron loads.
 */
const __dirname = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          core: resolve(__dirname, 'electron/core/process/entry.ts'),
        },
        // Native module: loaded from node_modules (unpacked from the ASAR at packaging).
        external: ['better-sqlite3'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs' }, // sandboxed preloads cannot be ES modules
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      emptyOutDir: true,
      minify: true,
      target: 'chrome120',
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
