import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createKioskClient, type KioskClient } from '../../shared/kiosk-api/client';
import type { SyncState } from '../../shared/kiosk-api/calls/inmate';
import { supervisedBackend } from '../../electron/host/api/backend';
import { CoreConfig } from '../../shared/core-host/config';
import { devPlaintextSealer, loadOrCreateDatabaseKey } from '../../electron/host/keys/sealed-key-file';
import { forkNodeCore } from '../../electron/host/core-process/fork-node';
import { CoreSupervisor, type CorePort } from '../../electron/host/core-process/supervisor';
import { startPreviewHost, type PreviewHost } from '../../electron/preview/host';
import type { RunningServer } from '../../server/app';
import { coreEntry } from './core-entry';
import { CoreLog } from './core-log';
import { nodeHttpTransport } from './node-http-transport';
import { demoServer } from './server-harness';

export interface KioskStack {
  readonly server: RunningServer;
  readonly host: PreviewHost;
  readonly supervisor: CoreSupervisor;
  readonly deviceDir: string;
  /** What core logged (its stderr, one JSON object a line), across restarts; still printed to this stderr. */
  readonly coreLog: CoreLog;
  /** A renderer connection of its own (its own session). */
  client(connectionId: string): Promise<KioskClient>;
  /** Waits until the device has enrolled and finished a sync with nothing left to upload (on its status events). */
  synced(timeoutMs?: number): Promise<void>;
  /** Resolves when the supervisor has a core that said it is ready (at once if it has one now). */
  coreReady(timeoutMs?: number): Promise<void>;
  /** Stops the supervisor and resolves once its core process has exited. */
  stopCore(): Promise<void>;
  close(): Promise<void>;
}

/** The whole device side for integration tests: demo server, forked core (auto-enrolled), preview host. */
export async function kioskStack(
  options: { server?: RunningServer; spawnHook?: (port: CorePort) => void; mediaQuotaBytes?: number } = {},
): Promise<KioskStack> {
  const server = options.server ?? (await demoServer());
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-device-'));
  const deviceDir = join(dir, 'device');
  const keyFile = join(dir, 'database.key.dev');
  const code = await server.createEnrollmentCode();
  const config = () =>
    CoreConfig.parse({
      dataDir: deviceDir,
      databaseKeyHex: loadOrCreateDatabaseKey(keyFile, devPlaintextSealer),
      keyFile,
      serverUrl: server.url,
      appVersion: '0.0.0-test',
      autoEnrollCode: code,
      healthIntervalMs: 1_000,
      ...(options.mediaQuotaBytes ? { mediaQuotaBytes: options.mediaQuotaBytes } : {}),
    });
  const coreLog = new CoreLog();
  let coreExited: Promise<void> = Promise.resolve();
  const supervisor = new CoreSupervisor(() => {
    // One line splitter per process: a core killed mid-line must not tear the next core's first line.
    const port = forkNodeCore(coreEntry(), coreLog.splitter())();
    coreExited = new Promise((resolve) => port.onExit(() => resolve()));
    options.spawnHook?.(port);
    return port;
  }, config);
  const coreReady = async (timeoutMs = 30_000) => {
    const signal = AbortSignal.timeout(timeoutMs);
    while (!supervisor.isReady) await once(supervisor, 'connection', { signal });
  };
  supervisor.start();
  const host = await startPreviewHost({
    backend: supervisedBackend(supervisor),
    rendererDir: resolve(import.meta.dirname, '../../out/renderer'),
    uploadDir: join(deviceDir, 'incoming'),
  });
  const transports: { close(): void }[] = [];
  const client = async (connectionId: string) => {
    const transport = await nodeHttpTransport(host.url, connectionId);
    transports.push(transport);
    return createKioskClient(transport);
  };
  const probe = await client('stack-probe');
  return {
    server,
    host,
    supervisor,
    deviceDir,
    coreLog,
    client,
    synced(timeoutMs = 30_000) {
      return new Promise<void>((resolve, reject) => {
        let last: SyncState | null = null;
        const check = (status: SyncState | null) => {
          if (!status) return;
          last = status;
          if (status.lastSyncAt === null || status.state !== 'idle' || status.pendingUploads > 0) return;
          stop();
          resolve();
        };
        // Its status now, every status event after, and the status of each core that (re)starts meanwhile.
        const ask = () => void probe.call('sync.status', {}).then(check, () => undefined);
        const onConnection = (state: string) => state === 'connected' && ask();
        const off = probe.on('sync.status', check);
        supervisor.on('connection', onConnection);
        const timer = setTimeout(() => {
          stop();
          reject(new Error(`device did not sync in time: ${JSON.stringify(last)}`));
        }, timeoutMs);
        const stop = () => {
          off();
          supervisor.off('connection', onConnection);
          clearTimeout(timer);
        };
        ask();
      });
    },
    coreReady,
    async stopCore() {
      supervisor.stop();
      await coreExited;
    },
    async close() {
      transports.forEach((t) => t.close());
      await host.close();
      supervisor.stop();
      if (!options.server) await server.close();
    },
  };
}

/** Signs an inmate in over the kiosk API, answering the security question when this device asks it. */
export async function signIn(client: KioskClient, doc: string, pin: string, answer: string) {
  const first = await client.call('auth.signIn', { docNumber: doc, pin });
  if (first.kind === 'signed-in') return first;
  return client.call('auth.answerSecurityQuestion', { challengeId: first.challengeId, answer });
}

/** Polls `what` every 150 ms until `ok` holds; fails with the last value after `timeoutMs`. */
export async function until<T>(what: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await what();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** A synced kiosk stack with Daniel's screen connected (nobody signed in on it yet). */
export async function stackWithDaniel(): Promise<{ stack: KioskStack; daniel: KioskClient }> {
  const stack = await kioskStack();
  await stack.synced();
  return { stack, daniel: await stack.client('daniel-screen') };
}
