import type { MessageTrail } from '../../../shared/domain/message-trail';
import type { CallOutput } from '../../../shared/kiosk-api/contract';
import type { CallHandler } from '../api/handlers';
import { KioskError } from '../../../shared/kiosk-api/errors';
import { confirmMatches } from '../../../shared/domain/confirm-code';
import type { TechnicianAction, technicianCalls } from '../../../shared/kiosk-api/calls/technician';
import type { Logger } from '../log';
import type { Enrollment, Provisioner } from '../provisioning/provisioner';
import type { AuditLog } from './audit-log';
import type { TechnicianAuth } from './technician-auth';

/** What the technician area needs from the rest of core; core.ts wires the real parts in. */
export interface TechnicianDeps {
  readonly provisioner: Provisioner;
  readonly auth: TechnicianAuth;
  readonly audit: AuditLog;
  readonly appVersion: string;
  readonly log: Logger;
  isProvisioned(): boolean;
  deviceId(): string | null;
  /** Stores the credential and identity in one transaction and starts the first sync. */
  completeEnrollment(enrollment: Enrollment): void;
  diagnostics(): Promise<CallOutput<'technician.diagnostics'>>;
  syncNow(): Promise<{ ok: boolean; detail: string }>;
  clearMediaCache(): { removedBytes: number };
  /** Sends the newest log lines and unreported audit records to the server; false when offline. */
  sendReports(includeLogs: boolean, technicianId: string | null): Promise<boolean>;
  /** Forgets the enrollment (credential, identity, cursor, cache) but keeps unsent outbox items. */
  forgetEnrollment(): void;
  /** Crypto-erase and restart as a brand-new device. Does not return normally. */
  wipe(): void;
  startMaintenance(minutes: number): void;
  /** The facility's trail of a message of this device's people, as a technician may see it. */
  fetchTrail(id: string, technicianId: string): Promise<MessageTrail | 'not_found' | 'offline'>;
  /** When the message was written here, if it is in this device's outbox (server or outbox id). */
  outboxWrittenAt(id: string): number | null;
}

type TechnicianCall = keyof typeof technicianCalls;

export type TechnicianHandlers = { [K in TechnicianCall]: CallHandler<K> };

const maintenanceMinutes = 30;

export function technicianHandlers(deps: TechnicianDeps): TechnicianHandlers {
  const requireTechnician = (connectionId: string) => {
    const technician = deps.auth.active(connectionId);
    if (!technician) throw new KioskError({ code: 'unauthorized', message: 'Technician sign-in needed.' });
    return technician;
  };
  const provisioningOnly = () => {
    if (deps.isProvisioned()) return { ok: false as const, problem: 'already_provisioned' as const };
    return null;
  };

  const act = async (
    action: TechnicianAction,
    confirm: string | undefined,
    { technicianId, connectionId }: { technicianId: string; connectionId: string },
  ) => {
    const needsConfirm = action === 'wipe' || action === 're-enroll';
    const deviceId = deps.deviceId();
    const confirmed =
      !needsConfirm || (deviceId === null ? confirm?.trim() === 'WIPE' : confirmMatches(confirm, deviceId));
    // Written before the action runs, so even an action that takes the device down is on record;
    // a refused wipe or re-enroll is on record too.
    deps.audit.record({ technicianId, action, detail: needsConfirm ? { confirmed } : {} });
    if (!confirmed) {
      return {
        ok: false as const,
        problem: 'failed' as const,
        detail: 'confirmation does not match the code on screen',
      };
    }
    switch (action) {
      case 'sync-now': {
        const result = await deps.syncNow();
        return result.ok
          ? { ok: true as const, action, detail: result.detail }
          : { ok: false as const, problem: 'offline' as const, detail: result.detail };
      }
      case 'clear-media-cache': {
        const { removedBytes } = deps.clearMediaCache();
        return { ok: true as const, action, detail: String(removedBytes) };
      }
      case 'send-logs':
        return (await deps.sendReports(true, technicianId))
          ? { ok: true as const, action, detail: 'sent' }
          : { ok: false as const, problem: 'offline' as const };
      case 'exit-kiosk':
        deps.startMaintenance(maintenanceMinutes);
        return { ok: true as const, action, detail: String(maintenanceMinutes) };
      case 're-enroll':
        await deps.sendReports(false, technicianId);
        deps.forgetEnrollment();
        deps.auth.signOut(connectionId);
        return { ok: true as const, action, detail: 'unprovisioned' };
      case 'wipe':
        await deps.sendReports(false, technicianId); // the server keeps the record of who wiped the device
        deps.log.warn('device wipe requested by technician', { technicianId });
        // Answer first, then erase, so the screen can say what happens next.
        setTimeout(() => deps.wipe(), 300);
        return { ok: true as const, action, detail: 'wiping' };
    }
  };

  return {
    'provisioning.check': async (input) => {
      const blocked = provisioningOnly();
      if (blocked) return blocked;
      const result = await deps.provisioner.check(input);
      return result.ok
        ? {
            ok: true,
            serverUrl: result.value.serverUrl,
            facilityName: result.value.facilityName,
            latencyMs: result.value.latencyMs,
          }
        : result;
    },
    'provisioning.options': async (input) => {
      const blocked = provisioningOnly();
      if (blocked) return blocked;
      const result = await deps.provisioner.options(input);
      return result.ok ? { ok: true, ...result.value } : result;
    },
    'provisioning.enroll': async (input) => {
      const blocked = provisioningOnly();
      if (blocked) return blocked;
      const result = await deps.provisioner.enroll({ ...input, appVersion: deps.appVersion });
      if (!result.ok) return result;
      deps.completeEnrollment(result.value);
      deps.audit.record({
        technicianId: null,
        action: 'enrolled',
        detail: { mode: result.value.mode, unitId: result.value.unitId, inmateId: result.value.inmateId },
      });
      return { ok: true, facilityName: result.value.facilityName, mode: result.value.mode };
    },
    'technician.signIn': async ({ login, secret }, ctx) => {
      if (!deps.isProvisioned()) return { ok: false, problem: 'not_provisioned', retryAt: null };
      const result = await deps.auth.signIn(login, secret, ctx.connectionId);
      deps.audit.record({
        technicianId: result.ok ? result.technician.id : null,
        action: result.ok ? 'sign-in' : 'sign-in-failed',
        detail: result.ok ? {} : { reason: result.reason, login: login.slice(0, 60) },
      });
      return result.ok ? result : { ok: false, problem: result.reason, retryAt: result.retryAt };
    },
    'technician.signOut': (_input, ctx) => {
      const technician = deps.auth.active(ctx.connectionId);
      if (technician) deps.audit.record({ technicianId: technician.id, action: 'sign-out' });
      deps.auth.signOut(ctx.connectionId);
      return { ok: true };
    },
    'technician.diagnostics': async (_input, ctx) => {
      requireTechnician(ctx.connectionId);
      return deps.diagnostics();
    },
    'technician.audit': (_input, ctx) => {
      requireTechnician(ctx.connectionId);
      return deps.audit.recent(50).map(({ id, at, action, technicianId }) => ({ id, at, action, technicianId }));
    },
    // "Why didn't it arrive", asked at the device: on record like every technician action.
    'technician.messageTrail': async ({ id }, ctx) => {
      const technicianId = requireTechnician(ctx.connectionId).id;
      deps.audit.record({ technicianId, action: 'message-trail', detail: { id } });
      const trail = await deps.fetchTrail(id, technicianId);
      if (typeof trail === 'object') return { ok: true, fromServer: true, ...trail };
      const writtenAt = deps.outboxWrittenAt(id);
      if (writtenAt === null) return { ok: false, problem: trail };
      const local = (kind: 'written' | 'queued') =>
        ({ at: writtenAt, kind, source: 'device', detail: {}, actor: null }) as const;
      return {
        ok: true,
        fromServer: false,
        direction: 'out',
        status: null,
        events: [local('written'), local('queued')],
      };
    },
    'technician.action': ({ action, confirm }, ctx) =>
      act(action, confirm, { technicianId: requireTechnician(ctx.connectionId).id, connectionId: ctx.connectionId }),
  };
}
