import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskStack, until, type KioskStack } from '../../support/kiosk-stack';
import { WebBrowser } from '../../support/web-browser';

/**
 * Device health in the staff console comes from the diagnostics report core
 * sends with its ordinary sync (right after enrollment's first sync, then at
 * most every 15 minutes), not only from a technician's action.
 */
let stack: KioskStack;

beforeAll(async () => {
  stack = await kioskStack();
  await stack.synced();
}, 60_000);
afterAll(() => stack.close());

const diagnosticsReports = () =>
  stack.server.db
    .selectFrom('device_reports')
    .select(['id', 'device_id', 'technician_id', 'detail'])
    .where('kind', '=', 'diagnostics')
    .execute();

interface DeviceListItem {
  id: string;
  health: { status: string; reportedAt: number | null; problems: string[] };
}

describe('periodic diagnostics', () => {
  it('after the first ordinary sync the staff device list shows health from the device report', async () => {
    const reports = await diagnosticsReports();
    expect(reports).toHaveLength(1);
    expect(reports[0]?.technician_id).toBeNull();
    const detail = JSON.parse(reports[0]?.detail ?? '{}') as Record<string, unknown>;
    expect(detail).toMatchObject({ appVersion: '0.0.0-test', mode: 'kiosk', databaseIntegrity: 'ok' });
    expect(detail.lastSyncAt).toEqual(expect.any(Number));
    expect(detail).not.toHaveProperty('lines'); // no logs in it

    const admin = new WebBrowser(stack.server.url);
    expect(
      (
        await admin.request('POST', '/api/staff/signin', {
          email: 'admin@riverside.example',
          password: 'riverside-admin-1',
        })
      ).status,
    ).toBe(200);
    const list = await admin.request('GET', '/api/staff/devices');
    expect(list.status).toBe(200);
    const devices = list.body as unknown as DeviceListItem[];
    const device = devices.find((d) => d.id === reports[0]?.device_id);
    expect(device?.health.status).not.toBe('unknown');
    expect(device?.health.reportedAt).toEqual(expect.any(Number));
    expect(device?.health.problems).not.toContain('sync_stale');
    expect(device?.health.problems).not.toContain('not_seen');
  });

  it('a second sync within the interval sends no other diagnostics report', async () => {
    const probe = await stack.client('health-probe');
    const before = (await probe.call('sync.status', {})).lastSyncAt ?? 0;
    const inmate = await stack.client('inmate-screen');
    const first = await inmate.call('auth.signIn', { docNumber: '100234', pin: '2468' });
    if (first.kind !== 'signed-in')
      await inmate.call('auth.answerSecurityQuestion', { challengeId: first.challengeId, answer: 'rex' });
    await inmate.call('support.open', { clientId: uuidv7(), subject: 'Screen', body: 'A bit dim.' });
    await until(
      () => probe.call('sync.status', {}),
      (status) => (status.lastSyncAt ?? 0) > before && status.state === 'idle' && status.pendingUploads === 0,
      20_000,
    );
    expect(await diagnosticsReports()).toHaveLength(1);
  });
});
