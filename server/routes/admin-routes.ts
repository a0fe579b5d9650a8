import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Id } from '../../shared/domain/ids';
import type { ServerContext } from '../domain/context';
import { adminSettings, SettingsPatch, updateSettings } from '../domain/facility/admin-settings';
import { auditTrail } from '../domain/facility/audit';
import { deactivateStaff, inviteStaff, listStaff, setStaffRole, StaffRole } from '../domain/facility/staff-accounts';
import { createUnit, listUnits, renameUnit } from '../domain/facility/units';
import { parseInput } from '../http/http-error';
import type { Mailer } from '../mail/mailer';
import { staffMember, type StaffRole as Role } from './staff-auth';

const UnitName = z.object({ name: z.string().trim().min(1).max(100) }).strict();

/** Facility administration (the console's units, staff and settings pages): admins change, every change audited. */
export function registerAdminRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  mail: { mailer: Mailer; baseUrl: () => string },
): void {
  const actor = async (request: FastifyRequest, roles: readonly Role[] = ['admin']) => {
    const user = await staffMember(ctx, request, roles);
    return { id: user.id, facilityId: user.facility_id };
  };

  app.get('/api/staff/admin/units', async (request) => listUnits(ctx, (await actor(request)).facilityId));
  app.post('/api/staff/admin/units', async (request) => {
    const who = await actor(request);
    return createUnit(ctx, who, parseInput(UnitName, request.body, 'unit').name);
  });
  app.post('/api/staff/admin/units/:id', async (request) => {
    const who = await actor(request);
    const { id } = parseInput(z.object({ id: Id }), request.params, 'unit id');
    return renameUnit(ctx, who, id, parseInput(UnitName, request.body, 'unit').name);
  });

  app.get('/api/staff/admin/staff', async (request) => listStaff(ctx, (await actor(request)).facilityId));
  app.post('/api/staff/admin/staff', async (request) => {
    const who = await actor(request);
    const input = parseInput(
      z.object({ email: z.email().max(200), displayName: z.string().trim().min(1).max(100), role: StaffRole }).strict(),
      request.body,
      'invitation',
    );
    return inviteStaff(ctx, who, input, { mailer: mail.mailer, baseUrl: mail.baseUrl() });
  });
  app.post('/api/staff/admin/staff/:id/role', async (request) => {
    const who = await actor(request);
    const { id } = parseInput(z.object({ id: Id }), request.params, 'staff id');
    const { role } = parseInput(z.object({ role: StaffRole }).strict(), request.body, 'role');
    await setStaffRole(ctx, who, id, role);
    return { ok: true };
  });
  app.post('/api/staff/admin/staff/:id/deactivate', async (request) => {
    const who = await actor(request);
    const { id } = parseInput(z.object({ id: Id }), request.params, 'staff id');
    parseInput(z.object({}).strict(), request.body ?? {}, 'deactivation');
    await deactivateStaff(ctx, who, id);
    return { ok: true };
  });

  // Finance reads the prices and fees; only admins change anything.
  app.get('/api/staff/admin/settings', async (request) =>
    adminSettings(ctx, (await actor(request, ['admin', 'finance'])).facilityId),
  );
  app.post('/api/staff/admin/settings', async (request) => {
    const who = await actor(request);
    return updateSettings(ctx, who, parseInput(SettingsPatch, request.body, 'settings'));
  });
  app.get('/api/staff/admin/audit', async (request) => {
    const who = await actor(request);
    const { before } = parseInput(
      z.object({ before: z.coerce.number().int().positive().optional() }).strict(),
      request.query,
      'audit page',
    );
    return auditTrail(ctx.db, who.facilityId, before === undefined ? {} : { before });
  });
}
