import { z } from 'zod';
import { Id } from '../../domain/ids';
import { MessageTrail, TrailEvent } from '../../domain/message-trail';
import { defineCall } from '../define';

/**
 * Technician calls: first-boot provisioning (only while the device is
 * unprovisioned) and, on a provisioned device, the maintenance area behind
 * the technician gate and a server-issued credential.
 */

const Problem = <T extends readonly [string, ...string[]]>(codes: T) =>
  z.object({ ok: z.literal(false), problem: z.enum(codes), detail: z.string().max(500).optional() });

const provisioningProblems = [
  'invalid_url',
  'https_required',
  'credentials_in_url',
  'fingerprint_required',
  'fingerprint_invalid',
  'fingerprint_mismatch',
  'unreachable',
  'not_a_facility_server',
  'unit_required',
  'inmate_required',
  'code_unknown',
  'code_used',
  'code_expired',
  'unit_unknown',
  'inmate_unknown',
  'already_provisioned',
] as const;
export type ProvisioningProblem = (typeof provisioningProblems)[number];

const ServerTarget = z.object({
  serverAddress: z.string().max(300),
  fingerprint: z.string().max(200),
});

const ConnectionCheckResult = z.union([
  z.object({
    ok: z.literal(true),
    serverUrl: z.string(),
    facilityName: z.string().nullable(),
    latencyMs: z.number().int().nonnegative(),
  }),
  Problem(provisioningProblems),
]);
type ConnectionCheckResult = z.infer<typeof ConnectionCheckResult>;

export const EnrollOptionsResult = z.union([
  z.object({
    ok: z.literal(true),
    facilityName: z.string(),
    units: z.array(z.object({ id: Id, name: z.string() })),
    inmates: z.array(z.object({ id: Id, name: z.string(), docNumber: z.string(), unitId: Id })),
  }),
  Problem(provisioningProblems),
]);
export type EnrollOptionsResult = z.infer<typeof EnrollOptionsResult>;

const EnrollResult = z.union([
  z.object({ ok: z.literal(true), facilityName: z.string(), mode: z.enum(['kiosk', 'tablet']) }),
  Problem(provisioningProblems),
]);
type EnrollResult = z.infer<typeof EnrollResult>;

const technicianProblems = ['wrong_credential', 'locked_out', 'not_provisioned'] as const;

const TechnicianSignInResult = z.union([
  z.object({ ok: z.literal(true), technician: z.object({ id: Id, name: z.string() }) }),
  Problem(technicianProblems).extend({ retryAt: z.number().int().nullable() }),
]);
type TechnicianSignInResult = z.infer<typeof TechnicianSignInResult>;

export const Diagnostics = z.object({
  appVersion: z.string(),
  deviceId: z.string().nullable(),
  facilityName: z.string().nullable(),
  unitName: z.string().nullable(),
  mode: z.enum(['kiosk', 'tablet', 'unprovisioned']),
  lastSyncAt: z.number().int().nullable(),
  lastSyncDurationMs: z.number().int().nullable(),
  outboxDepth: z.number().int().nonnegative(),
  /** Pulled changes this device could not read and skipped (see electron/core/sync/change-quarantine.ts). */
  quarantinedChanges: z.number().int().nonnegative(),
  mediaCacheBytes: z.number().int().nonnegative(),
  freeDiskBytes: z.number().int().nullable(),
  databaseIntegrity: z.string(),
  serverLatencyMs: z.number().int().nullable(),
  recentErrors: z.array(z.object({ at: z.number().int(), message: z.string() })),
});
export type Diagnostics = z.infer<typeof Diagnostics>;

export const TechnicianAction = z.enum([
  'sync-now',
  'clear-media-cache',
  'send-logs',
  'exit-kiosk',
  're-enroll',
  'wipe',
]);
export type TechnicianAction = z.infer<typeof TechnicianAction>;

const TechnicianActionResult = z.union([
  z.object({ ok: z.literal(true), action: TechnicianAction, detail: z.string().max(500) }),
  Problem(['offline', 'not_available', 'failed'] as const),
]);
type TechnicianActionResult = z.infer<typeof TechnicianActionResult>;

const NoInput = z.object({}).strict();

/**
 * A message looked up by its id at the device: the facility's trail (as a technician may see it) or, when
 * the facility cannot answer, what this device's outbox knows. `not_found`: neither knows it.
 */
const TechnicianTrailResult = z.union([
  z.object({
    ok: z.literal(true),
    fromServer: z.boolean(),
    direction: MessageTrail.shape.direction.nullable(),
    status: MessageTrail.shape.status.nullable(),
    events: z.array(TrailEvent).max(200),
  }),
  Problem(['offline', 'not_found'] as const),
]);

export const technicianCalls = {
  'provisioning.check': defineCall({ input: ServerTarget.strict(), output: ConnectionCheckResult, access: 'public' }),
  'provisioning.options': defineCall({
    input: ServerTarget.extend({ code: z.string().max(64) }).strict(),
    output: EnrollOptionsResult,
    access: 'public',
  }),
  'provisioning.enroll': defineCall({
    input: ServerTarget.extend({
      code: z.string().max(64),
      mode: z.enum(['kiosk', 'tablet']),
      unitId: Id.nullable(),
      inmateId: Id.nullable(),
      label: z.string().max(100),
    }).strict(),
    output: EnrollResult,
    access: 'public',
  }),
  'technician.signIn': defineCall({
    input: z.object({ login: z.string().max(200), secret: z.string().max(200) }).strict(),
    output: TechnicianSignInResult,
    access: 'public',
  }),
  'technician.signOut': defineCall({ input: NoInput, output: z.object({ ok: z.literal(true) }), access: 'technician' }),
  'technician.diagnostics': defineCall({ input: NoInput, output: Diagnostics, access: 'technician' }),
  'technician.audit': defineCall({
    input: NoInput,
    output: z.array(
      z.object({ id: z.string(), at: z.number().int(), action: z.string(), technicianId: z.string().nullable() }),
    ),
    access: 'technician',
  }),
  'technician.messageTrail': defineCall({
    input: z.object({ id: Id }).strict(),
    output: TechnicianTrailResult,
    access: 'technician',
  }),
  'technician.action': defineCall({
    input: z
      .object({
        action: TechnicianAction,
        /** Wipe and re-enroll destroy data: the technician types the short code shown on screen (shared/domain/confirm-code). */
        confirm: z.string().max(100).optional(),
      })
      .strict(),
    output: TechnicianActionResult,
    access: 'technician',
  }),
};

export const technicianEvents = {
  /** Main leaves kiosk mode for maintenance while this is in the future, and returns to it after. */
  'technician.maintenance': z.object({ until: z.number().int().nullable() }),
};
