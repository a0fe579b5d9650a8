#!/usr/bin/env node
// `npm start`: build, start the embedded demo facility on 127.0.0.1, and launch the
// Electron kiosk enrolled to it. Where the Electron binary is missing and cannot be
// fetched (offline machines, CI), say so in one line and serve the browser preview.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const root = resolve(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const require = createRequire(import.meta.url);

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function electronBinary() {
  let path = null;
  try {
    path = require('electron'); // the electron package exports the binary's path
  } catch {
    // Its index throws while the binary is missing (installed with ELECTRON_SKIP_BINARY_DOWNLOAD).
  }
  if (typeof path === 'string' && existsSync(path)) return path;
  // Installed with ELECTRON_SKIP_BINARY_DOWNLOAD (see README): try to fetch it once now.
  const installer = join(root, 'node_modules', 'electron', 'install.js');
  if (existsSync(installer) && process.env.KIOSK_NO_ELECTRON_DOWNLOAD !== '1') {
    console.log(
      'Electron binary not installed yet: fetching it once (at most 3 minutes; KIOSK_NO_ELECTRON_DOWNLOAD=1 skips this).',
    );
    const fetched = spawnSync(process.execPath, [installer], {
      cwd: join(root, 'node_modules', 'electron'),
      stdio: 'ignore',
      timeout: 180_000,
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
    });
    const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
    if (fetched.status === 0 && existsSync(pathFile)) {
      const again = join(root, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
      if (existsSync(again)) return again;
    }
  }
  return null;
}

run(bin('electron-vite'), ['build']);

const electron = process.env.KIOSK_FORCE_PREVIEW === '1' ? null : electronBinary();
if (!electron) {
  console.log(
    'Electron is not available on this machine (no binary, and it could not be downloaded): serving the browser preview instead.',
  );
  const preview = spawn(bin('tsx'), ['electron/preview/cli.ts', ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
  });
  preview.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => preview.kill(signal));
} else {
  // better-sqlite3 is a native module: core runs inside Electron's Node (another ABI), so
  // rebuild it for Electron now and back for Node when the kiosk exits (tests use Node's).
  run(bin('electron-builder'), ['install-app-deps']);
  process.on('exit', () => spawnSync('npm', ['rebuild', 'better-sqlite3'], { cwd: root, stdio: 'inherit' }));
  // The demo facility runs in its own process and prints one JSON line: { url, enrollmentCode }.
  const facility = spawn(bin('tsx'), ['electron/preview/demo-facility-cli.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise((resolveLine, reject) => {
    createInterface({ input: facility.stdout }).once('line', resolveLine);
    facility.once('exit', (code) => reject(new Error(`demo facility exited (${code})`)));
  });
  const { url, enrollmentCode } = JSON.parse(line);
  console.log(`Demo facility server: ${url}`);
  const kiosk = spawn(electron, [root], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, KIOSK_SERVER_URL: url, KIOSK_ENROLL_CODE: enrollmentCode ?? '' },
  });
  kiosk.on('exit', (code) => {
    facility.kill('SIGTERM');
    process.exit(code ?? 0);
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => kiosk.kill(signal));
}
