import { confirmMatches } from '../../shared/domain/confirm-code';

/**
 * The harness's technician calls: one technician ("tech", secret "open sesame") and a device's
 * diagnostics, so the technician sign-in and screen can be driven by touch like every other screen.
 */
const fakeTechnician = { login: 'tech', secret: 'open sesame' };
const deviceId = '0190a3c4-1111-7000-8000-00000000abcd';

export function technicianCall(name: string, input: unknown): unknown {
  switch (name) {
    case 'technician.signIn': {
      const { login, secret } = input as { login: string; secret: string };
      return login === fakeTechnician.login && secret === fakeTechnician.secret
        ? { ok: true, technician: { id: '0190a3c4-0000-7000-8000-000000000001', name: 'Tech One' } }
        : { ok: false, problem: 'wrong_credential', retryAt: null };
    }
    case 'technician.diagnostics':
      return {
        appVersion: '0.0.0-harness',
        deviceId,
        facilityName: 'Riverside Correctional Facility',
        unitName: 'Unit B',
        mode: 'kiosk',
        lastSyncAt: Date.UTC(2026, 10, 20, 14, 55),
        lastSyncDurationMs: 420,
        outboxDepth: 0,
        mediaCacheBytes: 12_345_678,
        freeDiskBytes: 9_876_543_210,
        databaseIntegrity: 'ok',
        serverLatencyMs: 35,
        recentErrors: [],
      };
    case 'technician.audit':
      return [];
    case 'technician.signOut':
      return { ok: true };
    case 'technician.action': {
      // As core: wipe and re-enroll only with the code on screen (shared/domain/confirm-code).
      const { action, confirm } = input as { action: string; confirm?: string };
      const needsConfirm = action === 'wipe' || action === 're-enroll';
      if (needsConfirm && !confirmMatches(confirm, deviceId)) return { ok: false, problem: 'failed', detail: '' };
      return { ok: true, action, detail: '' };
    }
    default:
      return null;
  }
}
