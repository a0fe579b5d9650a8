import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createKioskClient, type KioskClient } from '../../shared/kiosk-api/client';
import { supervisedBackend } from '../../electron/host/api/backend';
import { CoreConfig } from '../../shared/core-host/config';
import { devPlaintextSealer, loadOrCreateDatabaseKey } from '../../electron/host/keys/sealed-key-file';
import { forkNodeCore } from '../../electron/host/core-process/fork-node';
import { CoreSupervisor, type CorePort } from '../../electron/host/core-process/supervisor';
import { startPreviewHost, type PreviewHost } from '../../electron/preview/host';
import type { RunningServer } from '../../server/app';
import { nodeHttpTransport } from './node-http-transport';
import { demoServer } from './server-harness';

export interface KioskStack {
  readonly server: RunningServer;
  readonly host: PreviewHost;
  readonly supervisor: CoreSupervisor;
  readonly deviceDir: string;
  /** A renderer connection of its own (its own session). */
  client(connectionId: string): Promise<KioskClient>;
  /** Waits until the device has enrolled and finished a sync. */
  synced(timeoutMs?: number): Promise<void>;
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
  const spawn = forkNodeCore();
  const supervisor = new CoreSupervisor(() => {
    const port = spawn();
    options.spawnHook?.(port);
    return port;
  }, config);
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
    client,
    async synced(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const status = await probe.call('sync.status', {}).catch(() => null);
        if (status && status.lastSyncAt !== null && status.state === 'idle' && status.pendingUploads === 0) return;
        if (Date.now() > deadline) throw new Error(`device did not sync in time: ${JSON.stringify(status)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
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
