/**
 * The harness's technician calls: one technician ("tech", secret "open sesame") and a device's
 * diagnostics, so the technician sign-in and screen can be driven by touch like every other screen.
 */
const fakeTechnician = { login: 'tech', secret: 'open sesame' };

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
        deviceId: '0190a3c4-1111-7000-8000-00000000abcd',
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
    case 'technician.action':
      return { ok: true, action: (input as { action: string }).action, detail: '' };
    default:
      return null;
  }
}
