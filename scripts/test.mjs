#!/usr/bin/env node
// The README's test command (`npm test`): every check in order, stopping at the first that fails,
// with how long each step took and the total printed at the end, so a slow step shows up in every run.
import { spawnSync } from 'node:child_process';

const steps = [
  ['typecheck', 'npm run typecheck'],
  ['lint', 'npm run lint'],
  ['build', 'npm run build'],
  ['vitest (unit, integration, faults)', 'npx vitest run'],
  ['security scan', 'npm run test:security'],
  ['e2e (Playwright)', 'npm run test:e2e'],
];

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const started = performance.now();
const done = [];
let failed = null;
for (const [name, command] of steps) {
  console.log(`\n▶ ${name}: ${command}`);
  const stepStarted = performance.now();
  const result = spawnSync(command, { shell: true, stdio: 'inherit' });
  done.push([name, performance.now() - stepStarted]);
  if (result.status !== 0) {
    failed = name;
    break;
  }
}
console.log('\nTest steps:');
for (const [name, ms] of done) console.log(`  ${name.padEnd(36)} ${seconds(ms).padStart(9)}`);
console.log(`  ${'total'.padEnd(36)} ${seconds(performance.now() - started).padStart(9)}`);
if (failed) console.log(`FAILED at: ${failed}`);
process.exit(failed ? 1 : 0);
