import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServerContext } from '../domain/context';
import { adminSettings, updateSettings } from '../domain/facility/admin-settings';
import { auditTrail } from '../domain/facility/audit';
import { deactivateStaff, inviteStaff, listStaff, setStaffRole } from '../domain/facility/staff-accounts';
import { createUnit, listUnits, renameUnit } from '../domain/facility/units';
import { portalRoute } from '../http/portal-route';
import type { Mailer } from '../mail/mailer';
import { staffMember, type StaffRole as Role } from './staff-auth';

/**
 * Facility administration (the console's units, staff and settings pages): admins change, every change
 * audited. Requests are parsed by their contract entries (shared/portal-api/facility-admin.ts); settings
 * values are checked against their bounds in the domain, so a refusal names the field.
 */
export function registerAdminRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  mail: { mailer: Mailer; baseUrl: () => string },
): void {
  const actor = async (request: FastifyRequest, roles: readonly Role[] = ['admin']) => {
    const user = await staffMember(ctx, request, roles);
    return { id: user.id, facilityId: user.facility_id };
  };
  const ok = { ok: true as const };

  portalRoute(app, 'admin.units', async (_input, request) => listUnits(ctx, (await actor(request)).facilityId));
  portalRoute(app, 'admin.units.create', async ({ body }, request) => createUnit(ctx, await actor(request), body.name));
  portalRoute(app, 'admin.units.rename', async ({ params, body }, request) =>
    renameUnit(ctx, await actor(request), params.id, body.name),
  );

  portalRoute(app, 'admin.staff', async (_input, request) => listStaff(ctx, (await actor(request)).facilityId));
  portalRoute(app, 'admin.staff.invite', async ({ body }, request) =>
    inviteStaff(ctx, await actor(request), body, { mailer: mail.mailer, baseUrl: mail.baseUrl() }),
  );
  portalRoute(app, 'admin.staff.role', async ({ params, body }, request) => {
    await setStaffRole(ctx, await actor(request), params.id, body.role);
    return ok;
  });
  portalRoute(app, 'admin.staff.deactivate', async ({ params }, request) => {
    await deactivateStaff(ctx, await actor(request), params.id);
    return ok;
  });

  // Finance reads the prices and fees; only admins change anything.
  portalRoute(app, 'admin.settings', async (_input, request) =>
    adminSettings(ctx, (await actor(request, ['admin', 'finance'])).facilityId),
  );
  portalRoute(app, 'admin.settings.update', async ({ body }, request) =>
    updateSettings(ctx, await actor(request), body),
  );
  portalRoute(app, 'admin.audit', async ({ query }, request) => {
    const who = await actor(request);
    return auditTrail(ctx.db, who.facilityId, query.before === undefined ? {} : { before: query.before });
  });
}
