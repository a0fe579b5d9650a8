import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskClient } from '../../../shared/kiosk-api/client';
import { kioskStack, until, type KioskStack } from '../../support/kiosk-stack';

/**
 * The technician's audit trail reaches the facility with the device's normal
 * sync, not only when someone presses "send logs", re-enrolls or wipes. And
 * re-enroll end to end: confirmed with the device id, reported, unprovisioned.
 */
let stack: KioskStack;
/** This file's patience for the device and server to catch up. */
const waitFor = <T>(what: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000) =>
  until(what, ok, timeoutMs);
let tech: KioskClient;

/** The technician's records (the periodic diagnostics report rides along too, see device-health.test.ts). */
const serverReports = () =>
  stack.server.db
    .selectFrom('device_reports')
    .select(['id', 'kind', 'action', 'technician_id', 'detail'])
    .where('kind', '!=', 'diagnostics')
    .orderBy('at')
    .execute();

async function technicianSignIn(): Promise<string> {
  const result = await tech.call('technician.signIn', { login: 'Sam Ortiz', secret: 'tech-2468' });
  if (!result.ok) throw new Error(`technician sign-in failed: ${result.problem}`);
  return result.technician.id;
}

beforeAll(async () => {
  stack = await kioskStack();
  await stack.synced();
  tech = await stack.client('tech-screen');
}, 60_000);
afterAll(() => stack.close());

describe('technician audit records', () => {
  it('reach the server with the next ordinary sync after the technician left', async () => {
    const technicianId = await technicianSignIn();
    expect(await tech.call('technician.action', { action: 'sync-now' })).toMatchObject({ ok: true });
    expect(await tech.call('technician.action', { action: 'clear-media-cache' })).toMatchObject({ ok: true });
    await tech.call('technician.signOut', {});

    // An inmate's ordinary action is what syncs next; nobody sends logs.
    const inmate = await stack.client('inmate-screen');
    const first = await inmate.call('auth.signIn', { docNumber: '100234', pin: '2468' });
    if (first.kind !== 'signed-in')
      await inmate.call('auth.answerSecurityQuestion', { challengeId: first.challengeId, answer: 'rex' });
    await inmate.call('support.open', { clientId: uuidv7(), subject: 'Headphones', body: 'The left side is quiet.' });

    const reports = await waitFor(serverReports, (rows) => rows.some((r) => r.action === 'sign-out'));
    expect(reports.map((r) => r.action)).toEqual(['sign-in', 'sync-now', 'clear-media-cache', 'sign-out']);
    expect(reports.every((r) => r.kind === 'audit' && r.technician_id === technicianId)).toBe(true);
    // Acknowledged records are not sent again with later syncs (the server would dedupe, but the device forgets them).
    await inmate.call('support.open', { clientId: uuidv7(), subject: 'Again', body: 'Another sync.' });
    await stack.synced();
    expect((await serverReports()).length).toBe(4);
  });

  it('belong to the connection that signed in: another screen cannot use the session or end it', async () => {
    await technicianSignIn();
    const other = await stack.client('other-screen');
    await expect(other.call('technician.diagnostics', {})).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(other.call('technician.action', { action: 'clear-media-cache' })).rejects.toMatchObject({
      code: 'unauthorized',
    });
    await other.call('technician.signOut', {});
    expect((await tech.call('technician.diagnostics', {})).deviceId).not.toBeNull();
    await tech.call('technician.signOut', {});
  });

  it('re-enroll: refused without the device id, then done with it, and the server keeps the record', async () => {
    const technicianId = await technicianSignIn();
    const { deviceId } = await tech.call('technician.diagnostics', {});
    if (!deviceId) throw new Error('device not enrolled');
    expect(await tech.call('technician.action', { action: 're-enroll', confirm: 'some other id' })).toMatchObject({
      ok: false,
      problem: 'failed',
    });
    expect((await tech.call('app.info', {})).deviceMode).toBe('kiosk');

    // The host hears which facility server updates come from: after the re-enroll, none.
    const announced: unknown[] = [];
    stack.supervisor.on('facility', (server) => announced.push(server));
    expect(await tech.call('technician.action', { action: 're-enroll', confirm: deviceId })).toEqual({
      ok: true,
      action: 're-enroll',
      detail: 'unprovisioned',
    });
    expect((await tech.call('app.info', {})).deviceMode).toBe('unprovisioned');
    expect(announced).toEqual([null]);
    // The technician was signed out, and nobody can sign in as one on an unprovisioned device.
    await expect(tech.call('technician.diagnostics', {})).rejects.toMatchObject({ code: 'unauthorized' });
    expect(await tech.call('technician.signIn', { login: 'Sam Ortiz', secret: 'tech-2468' })).toMatchObject({
      ok: false,
      problem: 'not_provisioned',
    });
    const reenrolls = (await serverReports()).filter((r) => r.action === 're-enroll');
    expect(reenrolls.map((r) => [r.technician_id, JSON.parse(r.detail) as unknown])).toEqual([
      [technicianId, { confirmed: false }],
      [technicianId, { confirmed: true }],
    ]);
  });
});
