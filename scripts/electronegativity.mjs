#!/usr/bin/env node
// Scans the built Electron main and preload bundles with @doyensec/electronegativity
// and fails on any finding that tests/security/electronegativity-accepted.json does not justify.
// The bundles (not the TypeScript sources) are scanned because the scanner's parser predates
// current TypeScript syntax, and the bundle is what ships.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';

const root = resolve(import.meta.dirname, '..');
if (!existsSync(join(root, 'out/main/index.js'))) {
  console.error('electronegativity: build first (npm run build)');
  process.exit(1);
}
const work = mkdtempSync(join(tmpdir(), 'electronegativity-'));
cpSync(join(root, 'out/main'), join(work, 'app/main'), { recursive: true });
cpSync(join(root, 'out/preload'), join(work, 'app/preload'), { recursive: true });
cpSync(join(root, 'package.json'), join(work, 'app/package.json'));
const csv = join(work, 'findings.csv');
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
// The preload makes the scanner's two writes of its report (header, then rows) land in that order:
// unordered, they garbled the CSV or silently dropped every finding (see the preload's comment).
const run = spawnSync(
  process.execPath,
  [
    '--import',
    pathToFileURL(join(root, 'scripts/electronegativity-ordered-writes.mjs')).href,
    join(root, 'node_modules/@doyensec/electronegativity/dist/index.js'),
    '-i',
    join(work, 'app'),
    '-o',
    csv,
    '-r',
    '-v',
    'false',
    '-e',
    electronVersion,
  ],
  { encoding: 'utf8' },
);
if (!existsSync(csv)) {
  console.error(run.stdout, run.stderr);
  console.error('electronegativity: the scan produced no report');
  process.exit(1);
}
// RFC 4180 CSV (csv-parse): quoted fields may hold commas, doubled quotes and line breaks (the scanner's descriptions do).
const [header, ...rows] = parseCsv(readFileSync(csv, 'utf8'), {
  relax_column_count: true,
  skip_empty_lines: true,
}).filter((row) => row.some((cell) => cell !== ''));
// A report that does not start with the scanner's header, or a row without all its columns, is a torn
// write: refuse it rather than read fewer findings than the scanner found.
const columns = ['issue', 'severity', 'confidence', 'filename', 'location', 'sample', 'description', 'url'];
if (header?.map((cell) => cell.trim()).join() !== columns.join() || rows.some((row) => row.length !== columns.length)) {
  console.error(readFileSync(csv, 'utf8'));
  console.error('electronegativity: the scanner wrote a torn report');
  process.exit(1);
}
const findings = rows.map(([check, severity, confidence, file, location]) => ({
  check,
  severity,
  confidence,
  file,
  location,
}));
rmSync(work, { recursive: true, force: true });

const { accepted } = JSON.parse(readFileSync(join(root, 'tests/security/electronegativity-accepted.json'), 'utf8'));
const isAccepted = (f) => accepted.some((a) => a.check === f.check && a.file === f.file && a.why?.length > 20);
const open = findings.filter((f) => !isAccepted(f));
const stale = accepted.filter((a) => !findings.some((f) => f.check === a.check && f.file === a.file));

console.log(
  `electronegativity: ${findings.length} findings, ${findings.length - open.length} accepted with a reason, ${open.length} open`,
);
for (const f of findings)
  console.log(
    `  ${isAccepted(f) ? 'accepted' : 'OPEN    '} ${f.check} ${f.severity}/${f.confidence} ${f.file}:${f.location}`,
  );
for (const a of stale) console.log(`  note: accepted entry no longer found: ${a.check} in ${a.file} (remove it)`);
console.log(`${findings.length - open.length} passed, ${open.length} failed`);
process.exit(open.length === 0 ? 0 : 1);
