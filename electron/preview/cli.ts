/**
 * The browser preview: the kiosk UI in any browser, with core running as a
 * real child process and (unless --server-url is given) the embedded demo
 * facility server on 127.0.0.1, to which the device enrolls automatically.
 *
 *   tsx electron/preview/cli.ts [--port 5174] [--server-url URL [--enroll-code CODE]] [--data-dir DIR] [--fresh]
 *
 * Dev and test only; never packaged.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { supervisedBackend } from '../host/api/backend';
import { CoreConfig, mediaQuotaFromEnv } from '../../shared/core-host/config';
import { devPlaintextSealer, loadOrCreateDatabaseKey } from '../host/keys/sealed-key-file';
import { forkNodeCore } from '../host/core-process/fork-node';
import { CoreSupervisor } from '../host/core-process/supervisor';
import { startDemoFacility, type DemoFacility } from './demo-facility';
import { startPreviewHost } from './host';

const repoRoot = resolve(import.meta.dirname, '../..');
const { version } = z
  .object({ version: z.string() })
  .parse(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')));

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.KIOSK_PREVIEW_PORT ?? '5174' },
    'server-url': { type: 'string' },
    /** With --server-url: a one-time code from that server, to enroll with on first start. */
    'enroll-code': { type: 'string' },
    'server-port': { type: 'string', default: process.env.KIOSK_SERVER_PORT ?? '0' },
    'data-dir': { type: 'string', default: join(repoRoot, '.data', 'preview') },
    fresh: { type: 'boolean', default: false },
  },
});

const dataDir = resolve(args['data-dir']);
if (args.fresh) rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });

const rendererDir = join(repoRoot, 'out', 'renderer');
if (!existsSync(join(rendererDir, 'index.html'))) {
  process.stderr.write('The renderer is not built yet: run `npm run build` first (npm run preview does it for you).\n');
  process.exit(1);
}

let facility: DemoFacility | null = null;
let serverUrl = args['server-url'] ?? null;
let autoEnrollCode: string | undefined = args['enroll-code'];
if (!serverUrl) {
  facility = await startDemoFacility({ dataDir: join(dataDir, 'facility'), port: Number(args['server-port']) });
  serverUrl = facility.url;
  autoEnrollCode = facility.enrollmentCode;
}

const keyFile = join(dataDir, 'device', 'database.key.dev');
process.stderr.write(
  `Preview: the device database key is kept unsealed in ${keyFile} (dev only; the product seals it with safeStorage).\n`,
);
// Asked at every core start: after a technician's wipe the key file is gone and a new key is made.
const coreConfig = () =>
  CoreConfig.parse({
    dataDir: join(dataDir, 'device'),
    databaseKeyHex: loadOrCreateDatabaseKey(keyFile, devPlaintextSealer),
    keyFile,
    serverUrl,
    appVersion: version,
    ...(autoEnrollCode ? { autoEnrollCode } : {}),
    ...mediaQuotaFromEnv(process.env.KIOSK_MEDIA_QUOTA_MB),
  });

const supervisor = new CoreSupervisor(forkNodeCore(), coreConfig);
supervisor.on('crash', (code) => process.stderr.write(`core exited (${String(code)}); restarting\n`));
supervisor.start();
const host = await startPreviewHost({
  backend: supervisedBackend(supervisor),
  rendererDir,
  port: Number(args.port),
  uploadDir: join(dataDir, 'device', 'incoming'),
});

process.stdout.write(`Kiosk preview: ${host.url}\n`);
if (facility) process.stdout.write(`Demo facility server: ${facility.url} (demo sign-ins: server/demo/README.md)\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await host.close();
  supervisor.stop();
  await facility?.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
