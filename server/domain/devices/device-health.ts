import { z } from 'zod';
import { HttpError } from '../../http/http-error';
import type { ServerContext } from '../context';

/** The fields of a device's diagnostics report the device list uses; anything else in it is ignored. */
const DiagnosticsDetail = z.object({
  lastSyncAt: z.number().nullable().optional(),
  outboxDepth: z.number().optional(),
  freeDiskBytes: z.number().nullable().optional(),
  databaseIntegrity: z.string().optional(),
  recentErrors: z.array(z.unknown()).optional(),
});

export type HealthProblem = 'not_seen' | 'sync_stale' | 'outbox_backlog' | 'disk_low' | 'integrity' | 'errors';

const NOT_SEEN_MS = 15 * 60_000;
const SYNC_STALE_MS = 60 * 60_000;
const OUTBOX_BACKLOG = 50;
const DISK_LOW_BYTES = 1024 ** 3;

/**
 * A device's health from its newest diagnostics report and when the server
 * last heard from it: 'ok', 'attention' with the problems found, or
 * 'unknown' when it never sent diagnostics.
 */
function deviceHealth(
  now: number,
  lastSeenAt: number | null,
  report: { at: number; detail: string } | undefined,
): { status: 'ok' | 'attention' | 'unknown'; reportedAt: number | null; problems: HealthProblem[] } {
  const problems: HealthProblem[] = [];
  if (lastSeenAt === null || now - lastSeenAt > NOT_SEEN_MS) problems.push('not_seen');
  const parsed = report ? DiagnosticsDetail.safeParse(JSON.parse(report.detail)) : null;
  const d = parsed?.success ? parsed.data : null;
  if (d && report) {
    if (d.lastSyncAt === null || (d.lastSyncAt !== undefined && report.at - d.lastSyncAt > SYNC_STALE_MS))
      problems.push('sync_stale');
    if ((d.outboxDepth ?? 0) > OUTBOX_BACKLOG) problems.push('outbox_backlog');
    if (d.freeDiskBytes != null && d.freeDiskBytes < DISK_LOW_BYTES) problems.push('disk_low');
    if (d.databaseIntegrity !== undefined && d.databaseIntegrity !== 'ok') problems.push('integrity');
    if ((d.recentErrors?.length ?? 0) > 0) problems.push('errors');
  }
  return {
    status: problems.length > 0 ? 'attention' : d ? 'ok' : 'unknown',
    reportedAt: report?.at ?? null,
    problems,
  };
}

/**
 * Revokes a device of this facility: its credential stops working at once
 * (every request 401) and its open change-signal connection is closed. The
 * device must be enrolled again with a new code.
 */
export async function revokeDevice(ctx: ServerContext, facilityId: string, deviceId: string) {
  const now = ctx.now();
  const device = await ctx.db
    .selectFrom('devices')
    .select(['id', 'revoked_at'])
    .where('id', '=', deviceId)
    .where('facility_id', '=', facilityId)
    .executeTakeFirst();
  if (!device) throw new HttpError(404, 'not_found', 'No such device here.');
  if (device.revoked_at === null)
    await ctx.db
      .updateTable('devices')
      .set({ revoked_at: now })
      .where('id', '=', deviceId)
      .where('revoked_at', 'is', null)
      .execute();
  ctx.bus.revoked(deviceId);
  return { revokedAt: device.revoked_at ?? now };
}

export async function deviceList(ctx: ServerContext, facilityId: string) {
  const devices = await ctx.db
    .selectFrom('devices')
    .select(['id', 'label', 'mode', 'unit_id', 'app_version', 'enrolled_at', 'last_seen_at', 'revoked_at'])
    .where('facility_id', '=', facilityId)
    .orderBy('enrolled_at')
    .execute();
  const reports = await ctx.db
    .selectFrom('device_reports')
    .select(['device_id', 'action', 'at'])
    .where('kind', '=', 'audit')
    .orderBy('at', 'desc')
    .limit(500)
    .execute();
  const diagnostics =
    devices.length === 0
      ? []
      : await ctx.db
          .selectFrom('device_reports')
          .select(['device_id', 'at', 'detail'])
          .where('kind', '=', 'diagnostics')
          .where(
            'device_id',
            'in',
            devices.map((d) => d.id),
          )
          .orderBy('at', 'desc')
          .limit(devices.length * 5)
          .execute();
  const now = ctx.now();
  return devices.map((d) => ({
    ...d,
    recentActions: reports.filter((r) => r.device_id === d.id).slice(0, 5),
    health: deviceHealth(
      now,
      d.last_seen_at,
      diagnostics.find((r) => r.device_id === d.id),
    ),
  }));
}
