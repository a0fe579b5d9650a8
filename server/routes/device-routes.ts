import type { FastifyInstance } from 'fastify';
import { uuidv7 } from 'uuidv7';
import {
  DeviceReport,
  EnrollOptionsRequest,
  EnrollRequest,
  syncPaths,
  type HealthResponse,
} from '../../shared/sync/protocol';
import type { ServerContext } from '../domain/context';
import { authenticateDevice, enrollDevice, enrollOptions } from '../domain/devices/devices';
import { parseInput } from '../http/http-error';

/** Health, enrollment and device reports: what a device needs before and besides sync. */
export function registerDeviceRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  facilityName: () => Promise<string | null>,
): void {
  app.get(syncPaths.health, async (): Promise<HealthResponse> => ({
    serverTime: ctx.now(),
    facilityName: await facilityName(),
  }));

  app.post(syncPaths.enrollOptions, async (request) => {
    const { code } = parseInput(EnrollOptionsRequest, request.body, 'enrollment options request');
    return enrollOptions(ctx, code);
  });

  app.post(syncPaths.enroll, async (request) => {
    const body = parseInput(EnrollRequest, request.body, 'enrollment request');
    const result = await enrollDevice(ctx, body);
    request.log.info({ deviceId: result.deviceId, mode: result.mode }, 'device enrolled');
    return result;
  });

  app.post(syncPaths.report, async (request) => {
    const device = await authenticateDevice(ctx, request.headers.authorization);
    const { items } = parseInput(DeviceReport, request.body, 'device report');
    const now = ctx.now();
    await ctx.db.transaction().execute(async (trx) => {
      for (const item of items) {
        await trx
          .insertInto('device_reports')
          .values({
            id: item.id ?? uuidv7(),
            device_id: device.id,
            at: item.at,
            kind: item.kind,
            technician_id: item.technicianId,
            action: item.action,
            detail: JSON.stringify(item.detail),
            received_at: now,
          })
          // A report resent after a lost answer is stored once.
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
      }
    });
    return { received: items.length };
  });
}
