import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { forkNodeCore } from '../../../electron/host/core-process/fork-node';
import { CoreSupervisor, type CorePort } from '../../../electron/host/core-process/supervisor';

const dir = mkdtempSync(join(tmpdir(), 'core-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('core supervisor', () => {
  it('restarts a core killed with SIGKILL; the UI sees reconnecting, then connected, and state survives', async () => {
    const spawn = forkNodeCore(undefined, () => undefined);
    const ports: CorePort[] = [];
    const supervisor = new CoreSupervisor(
      () => {
        const port = spawn();
        ports.push(port);
        return port;
      },
      { dataDir: dir, databaseKeyHex: randomBytes(32).toString('hex'), serverUrl: null, appVersion: '1' },
    );
    const states: string[] = [];
    supervisor.on('connection', (state) => states.push(state));
    supervisor.start();

    expect(await supervisor.invoke('app.setLanguage', { language: 'es' }, 'c')).toMatchObject({ ok: true });
    // SIGKILL: no chance for core to clean up, like a crash or an OOM kill.
    ports[0]!.kill('SIGKILL');
    await expect.poll(() => states.includes('reconnecting'), { timeout: 5_000 }).toBe(true);
    await expect.poll(() => supervisor.isReady, { timeout: 10_000 }).toBe(true);
    expect(ports.length).toBe(2);
    const after = await supervisor.invoke('app.info', {}, 'c');
    expect(after).toMatchObject({ ok: true, value: { language: 'es' } });
    expect(states.at(-1)).toBe('connected');
    supervisor.stop();
  });
});
