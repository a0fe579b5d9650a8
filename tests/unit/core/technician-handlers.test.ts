import Database from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { confirmCodeFor } from '../../../shared/domain/confirm-code';
import type { TechnicianAction } from '../../../shared/kiosk-api/calls/technician';
import type { CallOutput } from '../../../shared/kiosk-api/contract';
import { KioskError } from '../../../shared/kiosk-api/errors';
import { hashSecret } from '../../../shared/node/scrypt';
import type { TechnicianRow } from '../../../shared/sync/rows';
import { createLogger } from '../../../electron/core/log';
import { Provisioner } from '../../../electron/core/provisioning/provisioner';
import { auditLog } from '../../../electron/core/db/migrations/0002_audit_log';
import { AuditLog } from '../../../electron/core/technician/audit-log';
import { TechnicianAuth } from '../../../electron/core/technician/technician-auth';
import { technicianHandlers, type TechnicianDeps } from '../../../electron/core/technician/technician-service';

/**
 * The rules of the technician area, with core's parts replaced by recorders:
 * one audit record per action (written before it runs), the device id typed
 * to confirm a wipe or re-enroll, and nothing at all without a technician
 * session.
 */
const DEVICE_ID = uuidv7();
/** The connection (screen) the technician signed in on. */
const SCREEN = { connectionId: 'webcontents-1' };

async function setup() {
  const db = new Database(':memory:');
  auditLog.up(db);
  const audit = new AuditLog(db, Date.now);
  const row: TechnicianRow = {
    id: uuidv7(),
    facilityId: uuidv7(),
    name: 'Sam Ortiz',
    secretHash: await hashSecret('tech-2468', { N: 1024, r: 8, p: 1 }),
    active: true,
  };
  const auth = new TechnicianAuth({ technicians: () => [row], now: Date.now });
  const calls: string[] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) => {
      // What the audit log held when the action ran: it must already be on record.
      calls.push(`${name}(${args.map(String).join(',')}) after ${audit.recent(1)[0]?.action ?? 'nothing'}`);
    };
  const deps: TechnicianDeps = {
    provisioner: new Provisioner(),
    auth,
    audit,
    appVersion: '0.0.0-test',
    log: createLogger('test', () => undefined),
    isProvisioned: () => true,
    deviceId: () => DEVICE_ID,
    completeEnrollment: record('completeEnrollment'),
    diagnostics: () => Promise.reject(new Error('not in this test')),
    syncNow: () => (record('syncNow')(), Promise.resolve({ ok: true, detail: 'synced' })),
    clearMediaCache: () => (record('clearMediaCache')(), { removedBytes: 42 }),
    sendReports: (includeLogs) => (record('sendReports')(includeLogs), Promise.resolve(true)),
    forgetEnrollment: record('forgetEnrollment'),
    wipe: record('wipe'),
    startMaintenance: record('startMaintenance'),
    fetchTrail: () => Promise.resolve('offline'),
    outboxWrittenAt: () => null,
  };
  const handlers = technicianHandlers(deps);
  const signIn = async () => {
    const result = await handlers['technician.signIn']({ login: 'Sam Ortiz', secret: 'tech-2468' }, SCREEN);
    if (!result.ok) throw new Error('technician sign-in failed');
    return row.id;
  };
  const action = (action: TechnicianAction, confirm?: string, connection = SCREEN) =>
    // A sync throw (no session) becomes a rejection, as the dispatcher sees it.
    Promise.resolve().then(() =>
      handlers['technician.action'](confirm === undefined ? { action } : { action, confirm }, connection),
    );
  return { audit, auth, calls, handlers, signIn, action };
}

afterEach(() => vi.useRealTimers());

describe('technician handlers', () => {
  it('writes one audit record per action, with the technician, before the action runs', async () => {
    const t = await setup();
    const technicianId = await t.signIn();
    const results: CallOutput<'technician.action'>[] = [];
    for (const action of ['sync-now', 'clear-media-cache', 'send-logs', 'exit-kiosk'] as const)
      results.push(await t.action(action));
    expect(results.every((r) => r.ok)).toBe(true);
    const records = t.audit.unreported();
    expect(records.map((r) => r.action)).toEqual([
      'sign-in',
      'sync-now',
      'clear-media-cache',
      'send-logs',
      'exit-kiosk',
    ]);
    expect(records.every((r) => r.technicianId === technicianId && r.kind === 'audit')).toBe(true);
    expect(t.calls).toEqual([
      'syncNow() after sync-now',
      'clearMediaCache() after clear-media-cache',
      'sendReports(true) after send-logs',
      'startMaintenance(30) after exit-kiosk',
    ]);
  });

  it('records a failed sign-in without a technician, and a sign-out', async () => {
    const t = await setup();
    expect(await t.handlers['technician.signIn']({ login: 'Sam Ortiz', secret: 'nope' }, SCREEN)).toMatchObject({
      ok: false,
    });
    const id = await t.signIn();
    await t.handlers['technician.signOut']({}, SCREEN);
    expect(t.audit.unreported().map((r) => [r.action, r.technicianId])).toEqual([
      ['sign-in-failed', null],
      ['sign-in', id],
      ['sign-out', id],
    ]);
  });

  it('refuses a wipe whose confirmation is not the device id: recorded as refused, nothing erased', async () => {
    vi.useFakeTimers();
    const t = await setup();
    await t.signIn();
    for (const confirm of [undefined, '', 'WIPE', 'not the id', DEVICE_ID.slice(0, -1)]) {
      expect(await t.action('wipe', confirm)).toMatchObject({ ok: false, problem: 'failed' });
    }
    vi.advanceTimersByTime(10_000);
    expect(t.calls).toEqual([]);
    const wipes = t.audit.unreported().filter((r) => r.action === 'wipe');
    expect(wipes).toHaveLength(5);
    expect(wipes.every((r) => r.detail.confirmed === false)).toBe(true);
  });

  it('wipes with the device id typed: reports first, answers, then erases', async () => {
    vi.useFakeTimers();
    const t = await setup();
    await t.signIn();
    expect(await t.action('wipe', `  ${DEVICE_ID} `)).toEqual({ ok: true, action: 'wipe', detail: 'wiping' });
    expect(t.calls).toEqual(['sendReports(false) after wipe']); // the answer goes out before the erase
    vi.advanceTimersByTime(300);
    expect(t.calls).toEqual(['sendReports(false) after wipe', 'wipe() after wipe']);
    expect(t.audit.unreported().find((r) => r.action === 'wipe')?.detail).toEqual({ confirmed: true });
  });

  it('wipes with the short code shown on screen, typed in lower case with a space', async () => {
    vi.useFakeTimers();
    const t = await setup();
    await t.signIn();
    const code = confirmCodeFor(DEVICE_ID);
    expect(code).toMatch(/^[0-9A-F]{6}$/);
    // A code one character off is refused; the right one, however it is typed, is accepted.
    const wrong = code.slice(0, -1) + (code.endsWith('0') ? '1' : '0');
    expect(await t.action('wipe', wrong)).toMatchObject({ ok: false, problem: 'failed' });
    expect(await t.action('wipe', ` ${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`)).toEqual({
      ok: true,
      action: 'wipe',
      detail: 'wiping',
    });
  });

  it('re-enrolls with the device id typed: reports, forgets the enrollment, signs the technician out', async () => {
    const t = await setup();
    await t.signIn();
    expect(await t.action('re-enroll', 'wrong')).toMatchObject({ ok: false, problem: 'failed' });
    expect(t.calls).toEqual([]);
    expect(await t.action('re-enroll', DEVICE_ID)).toEqual({ ok: true, action: 're-enroll', detail: 'unprovisioned' });
    expect(t.calls).toEqual(['sendReports(false) after re-enroll', 'forgetEnrollment() after re-enroll']);
    expect(t.auth.active(SCREEN.connectionId)).toBeNull();
    await expect(t.action('sync-now')).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('refuses every action, the diagnostics and the audit list without a technician session, recording nothing', async () => {
    const t = await setup();
    for (const action of ['sync-now', 'clear-media-cache', 'send-logs', 'exit-kiosk', 're-enroll', 'wipe'] as const) {
      const error = await t.action(action, DEVICE_ID).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, action).toBeInstanceOf(KioskError);
      expect((error as KioskError).code).toBe('unauthorized');
    }
    await expect(Promise.resolve().then(() => t.handlers['technician.diagnostics']({}, SCREEN))).rejects.toMatchObject({
      code: 'unauthorized',
    });
    expect(() => t.handlers['technician.audit']({}, SCREEN)).toThrow(KioskError);
    expect(t.calls).toEqual([]);
    expect(t.audit.unreported()).toEqual([]);
  });

  it('refuses another connection: the session belongs to the screen that signed in', async () => {
    const t = await setup();
    await t.signIn();
    const other = { connectionId: 'page-someone-else' };
    await expect(t.action('clear-media-cache', undefined, other)).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(Promise.resolve().then(() => t.handlers['technician.diagnostics']({}, other))).rejects.toMatchObject({
      code: 'unauthorized',
    });
    expect(() => t.handlers['technician.audit']({}, other)).toThrow(KioskError);
    expect(t.calls).toEqual([]);
    // Its sign-out is not the technician's: the session on the first screen still works.
    await t.handlers['technician.signOut']({}, other);
    expect(await t.action('clear-media-cache')).toMatchObject({ ok: true });
  });

  it('refuses once the technician session has ended', async () => {
    const t = await setup();
    await t.signIn();
    await t.handlers['technician.signOut']({}, SCREEN);
    await expect(t.action('clear-media-cache')).rejects.toMatchObject({ code: 'unauthorized' });
    expect(t.calls).toEqual([]);
  });
});
