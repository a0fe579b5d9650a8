/**
 * `npm run bench`: runs every benchmark module in tests/bench (each exports
 * `run()`), one after the other so they do not compete for the two cores, and
 * prints their figures. Each figure that matters is a ratio measured in the
 * same run as its baseline, because absolute timings on shared machines drift.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const only = process.argv.slice(2);
const dir = import.meta.dirname;
const modules = readdirSync(dir)
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts')
  .filter((file) => only.length === 0 || only.some((name) => file.includes(name)))
  .sort();

let failed = 0;
for (const file of modules) {
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as {
    run?: () => Promise<Record<string, number | string>>;
  };
  if (typeof mod.run !== 'function') continue;
  process.stdout.write(`\n== ${file}\n`);
  const started = Date.now();
  try {
    const figures = await mod.run();
    for (const [name, value] of Object.entries(figures)) process.stdout.write(`  ${name}: ${value}\n`);
    process.stdout.write(`  (took ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  } catch (error) {
    failed++;
    process.stdout.write(`  FAILED: ${error instanceof Error ? error.stack : String(error)}\n`);
  }
}
process.exit(failed ? 1 : 0);
