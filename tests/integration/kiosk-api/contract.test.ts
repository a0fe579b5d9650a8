/**
 * One contract suite, run against both transports of the kiosk API:
 *  - Electron IPC: main's real wiring (registerKioskIpc) through an injected
 *    registrar, with core in-process;
 *  - the preview host: real HTTP + WebSocket on 127.0.0.1, with core in its own
 *    supervised Node process, exactly as the browser preview runs it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKioskClient, type KioskClient, type KioskTransport } from '../../../shared/kiosk-api/client';
import { AppInfo } from '../../../shared/kiosk-api/calls/app';
import { callNames } from '../../../shared/kiosk-api/contract';
import { KioskError } from '../../../shared/kiosk-api/errors';
import { supervisedBackend } from '../../../electron/host/api/backend';
import { inProcessBackend } from '../../support/in-process-backend';
import type { CoreConfig } from '../../../shared/core-host/config';
import { createCore } from '../../../electron/core/core';
import { createLogger } from '../../../electron/core/log';
import { forkNodeCore } from '../../../electron/host/core-process/fork-node';
import { CoreSupervisor } from '../../../electron/host/core-process/supervisor';
import { registerKioskIpc, type InvokeEventLike, type IpcRegistrar } from '../../../electron/main/ipc';
import { startPreviewHost } from '../../../electron/preview/host';
import { startFakeHealthServer } from '../../support/fake-health-server';
import { nodeHttpTransport } from '../../support/node-http-transport';

const SKEW_MS = 60_000;
const APP_ORIGIN = 'kiosk://app';

interface Harness {
  client: KioskClient;
  transport: KioskTransport;
  close(): Promise<void>;
}

type HarnessFactory = (config: CoreConfig) => Promise<Harness>;

/** Garbage that no call of the contract accepts. */
const garbageInputs: unknown[] = [
  null,
  0,
  -1,
  'app.info',
  true,
  [],
  [{}],
  { bogus: 1 },
  { language: 'fr' },
  { language: 42 },
  { language: ['es'] },
  { language: 'es', extra: 'field' },
  { ['__proto__']: { polluted: true } },
  { language: 'x'.repeat(100_000) },
];

function makeConfig(serverUrl: string): { config: CoreConfig; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'contract-'));
  return {
    dir,
    config: {
      dataDir: dir,
      databaseKeyHex: randomBytes(32).toString('hex'),
      serverUrl,
      appVersion: '9.8.7-test',
      healthIntervalMs: 200,
    },
  };
}

const ipcHarness: HarnessFactory = (config) => {
  const core = createCore(
    config,
    createLogger('test', () => undefined),
  );
  const backend = inProcessBackend(core);
  let handler: ((event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>) | undefined;
  const registrar: IpcRegistrar = { handle: (_channel, listener) => (handler = listener) };
  registerKioskIpc(registrar, backend, APP_ORIGIN);
  const event: InvokeEventLike = { senderFrame: { url: `${APP_ORIGIN}/index.html` }, sender: { id: 1 } };
  const transport: KioskTransport = {
    invoke: (name, input) => handler!(event, name, input),
    subscribe: (listener) => backend.onEvent(listener),
  };
  return Promise.resolve({
    client: createKioskClient(transport),
    transport,
    close: () => {
      core.close();
      return Promise.resolve();
    },
  });
};

const previewHarness: HarnessFactory = async (config) => {
  const supervisor = new CoreSupervisor(
    forkNodeCore(undefined, () => undefined),
    config,
  );
  supervisor.start();
  const host = await startPreviewHost({ backend: supervisedBackend(supervisor), rendererDir: config.dataDir });
  const transport = await nodeHttpTransport(host.url);
  return {
    client: createKioskClient(transport),
    transport,
    close: async () => {
      transport.close();
      await host.close();
      supervisor.stop();
    },
  };
};

function nextEvent(client: KioskClient, name: 'app.info', predicate: (payload: AppInfo) => boolean) {
  return new Promise<AppInfo>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${name} event`)), 5_000);
    const off = client.on(name, (payload) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}

async function expectKioskError(promise: Promise<unknown>, code: string): Promise<KioskError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KioskError);
  expect((error as KioskError).code).toBe(code);
  return error as KioskError;
}

const transports: [string, HarnessFactory][] = [
  ['Electron IPC (injected registrar)', ipcHarness],
  ['preview host (HTTP + WebSocket, core in a child process)', previewHarness],
];

describe.each(transports)('kiosk API contract over %s', (_name, factory) => {
  let harness: Harness;
  let health: Awaited<ReturnType<typeof startFakeHealthServer>>;
  let dir: string;

  beforeAll(async () => {
    health = await startFakeHealthServer(SKEW_MS);
    const made = makeConfig(health.url);
    dir = made.dir;
    harness = await factory(made.config);
  });

  afterAll(async () => {
    await harness.close();
    await health.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('app.info answers with a contract-valid AppInfo from core', async () => {
    const info = await harness.client.call('app.info', {});
    expect(AppInfo.parse(info)).toEqual(info);
    expect(info.version).toBe('9.8.7-test');
    expect(info.deviceMode).toBe('unprovisioned');
    expect(info.facilityName).toBeNull();
    expect(info.language).toBe('en');
  });

  it('app.info reports the server as reachable, with its clock offset', async () => {
    await expect.poll(async () => (await harness.client.call('app.info', {})).online, { timeout: 5_000 }).toBe(true);
    const info = await harness.client.call('app.info', {});
    expect(info.serverTimeOffsetMs).not.toBeNull();
    expect(Math.abs(info.serverTimeOffsetMs! - SKEW_MS)).toBeLessThan(2_000);
    expect(info.lastContactAt).toBeGreaterThan(Date.now() - 10_000);
  });

  it('app.setLanguage switches, persists and announces the language', async () => {
    const event = nextEvent(harness.client, 'app.info', (info) => info.language === 'es');
    const result = await harness.client.call('app.setLanguage', { language: 'es' });
    expect(result.language).toBe('es');
    expect((await event).language).toBe('es');
    expect((await harness.client.call('app.info', {})).language).toBe('es');
    await harness.client.call('app.setLanguage', { language: 'en' });
  });

  it('rejects garbage sent to every call with a typed validation error and changes nothing', async () => {
    const before = await harness.client.call('app.info', {});
    for (const name of callNames) {
      for (const input of garbageInputs) {
        const raw = (await harness.transport.invoke(name, input)) as { ok: boolean; error?: { code: string } };
        expect(raw.ok, `${name} accepted ${JSON.stringify(input)?.slice(0, 60)}`).toBe(false);
        expect(raw.error?.code).toBe('validation');
      }
    }
    const after = await harness.client.call('app.info', {});
    expect(after.language).toBe(before.language);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('names the offending field in the validation error', async () => {
    const error = await expectKioskError(
      harness.client.call('app.setLanguage', { language: 'fr' } as unknown as { language: 'en' }),
      'validation',
    );
    expect(error.issues?.[0]?.path).toEqual(['language']);
  });

  it.each(['app.nope', '', 'constructor', '__proto__', 'toString', 'x'.repeat(64)])(
    'rejects the unknown call %s',
    async (name) => {
      const raw = (await harness.transport.invoke(name, {})) as { ok: boolean; error?: { code: string } };
      expect(raw.ok).toBe(false);
      expect(['unknown_call', 'not_found']).toContain(raw.error?.code);
    },
  );
});

describe('Electron IPC bridge: sender checks', () => {
  it('refuses calls from frames that are not the app', async () => {
    const { config, dir } = makeConfig('http://127.0.0.1:9');
    const core = createCore(
      config,
      createLogger('test', () => undefined),
    );
    let handler: ((event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>) | undefined;
    registerKioskIpc({ handle: (_c, listener) => (handler = listener) }, inProcessBackend(core), APP_ORIGIN);
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', 'about:blank', 'kiosk://other/']) {
      const result = (await handler!({ senderFrame: { url }, sender: { id: 2 } }, 'app.setLanguage', {
        language: 'es',
      })) as { ok: boolean; error?: { code: string } };
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const noFrame = (await handler!({ senderFrame: null, sender: { id: 2 } }, 'app.info', {})) as { ok: boolean };
    expect(noFrame.ok).toBe(false);
    expect(core.appInfo.info().language).toBe('en');
    core.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
