import type { FastifyInstance } from 'fastify';
import { supportedLanguages } from '../../shared/domain/languages';
import { requireSession } from '../accounts/web-session';
import type { ServerContext } from '../domain/context';
import { familyReleaseCards, processRelease, releasePreview } from '../domain/ledger/release';
import { addInmate, editInmate, setInmateActive } from '../domain/people/inmate-admin';
import { importRoster } from '../domain/people/roster';
import { rosterPage } from '../domain/people/roster-list';
import { auditTrail } from '../domain/staff-audit';
import { portalRoute } from '../http/portal-route';
import { staffGuard } from './staff-guard';

/**
 * The roster in the staff console (admins): list and search, add, edit, move, language, deactivate, release
 * with its confirmation, CSV import with a dry run; and the release cards a family can see.
 */
export function registerRosterRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const staff = staffGuard(ctx);
  const admin = ['admin'] as const;

  portalRoute(app, 'staff.inmates', async ({ query }, request) => {
    const user = await staff(request, admin);
    return rosterPage(ctx, user.facility_id, query);
  });
  portalRoute(app, 'staff.roster.options', async (_input, request) => {
    const user = await staff(request, admin);
    const units = await ctx.db
      .selectFrom('units')
      .select(['id', 'name'])
      .where('facility_id', '=', user.facility_id)
      .orderBy('name')
      .orderBy('id')
      .execute();
    return { units, languages: [...supportedLanguages] };
  });
  portalRoute(app, 'staff.inmates.add', async ({ body }, request) => {
    const user = await staff(request, admin);
    return addInmate(ctx, user, body);
  });
  portalRoute(app, 'staff.inmates.edit', async ({ params, body }, request) => {
    const user = await staff(request, admin);
    await editInmate(ctx, user, params.id, body);
    return { ok: true as const };
  });
  portalRoute(app, 'staff.inmates.status', async ({ params, body }, request) => {
    const user = await staff(request, admin);
    await setInmateActive(ctx, user, params.id, body.active);
    return { ok: true as const };
  });
  portalRoute(app, 'staff.inmates.release.preview', async ({ params }, request) => {
    const user = await staff(request, admin);
    return releasePreview(ctx, user.facility_id, params.id);
  });
  portalRoute(app, 'staff.inmates.release', async ({ params, body }, request) => {
    const user = await staff(request, admin);
    return processRelease(ctx, user, params.id, body.confirmCents);
  });
  portalRoute(app, 'staff.inmates.audit', async ({ params }, request) => {
    const user = await staff(request, admin);
    return auditTrail(ctx, user.facility_id, params.id);
  });
  portalRoute(
    app,
    'staff.roster.import',
    async ({ body }, request) => {
      const user = await staff(request, admin);
      return importRoster(ctx, user, body.csv, body.commit);
    },
    { bodyLimit: 5 * 1024 * 1024 },
  );
  portalRoute(app, 'family.release-cards', async (_input, request) => {
    const { accountId } = await requireSession(ctx, request, 'family');
    return familyReleaseCards(ctx, accountId);
  });
}
