import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const bundle = join(root, 'out/main/core.js');
/** What the core bundle is built from (electron.vite.config.ts): core's own code and the shared modules it imports. */
const sources = ['electron/core', 'shared'].map((dir) => join(root, dir));

function newestSourceMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceMs(path) : statSync(path).mtimeMs);
  }
  return newest;
}

let chosen: string | undefined | null = null;

/**
 * The core entry a test forks: the built bundle (out/main/core.js, what the
 * device runs) when it is newer than every source it is built from, else the
 * TypeScript source through tsx (undefined: forkNodeCore's default). The
 * bundle starts in about half the time, which tests that restart core
 * dozens of times (kill -9) feel; a stale bundle would test old code, so an
 * edit since the last `npm run build` falls back to the source.
 */
export function coreEntry(): string | undefined {
  if (chosen !== null) return chosen;
  const built = existsSync(bundle) ? statSync(bundle).mtimeMs : 0;
  const fresh = built > Math.max(...sources.map(newestSourceMs));
  if (!fresh) console.warn('core from source (tsx): out/main/core.js is missing or older than its sources');
  chosen = fresh ? bundle : undefined;
  return chosen;
}
