import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { supportedLanguages } from '../../shared/domain/languages';
import { Id } from '../../shared/domain/ids';
import {
  AuditTrail,
  FamilyReleaseCards,
  InmateActivation,
  InmateEdit,
  NewInmate,
  ReleaseConfirm,
  ReleaseDone,
  ReleasePreview,
  RosterImportRequest,
  RosterImportResult,
  RosterOptions,
  RosterPage,
  RosterQuery,
} from '../../shared/portal-api/roster';
import { requireSession } from '../accounts/web-session';
import type { ServerContext } from '../domain/context';
import { familyReleaseCards, processRelease, releasePreview } from '../domain/ledger/release';
import { addInmate, editInmate, setInmateActive } from '../domain/people/inmate-admin';
import { importRoster } from '../domain/people/roster';
import { rosterPage } from '../domain/people/roster-list';
import { auditTrail } from '../domain/staff-audit';
import { parseInput } from '../http/http-error';
import { staffGuard } from './staff-guard';

const Params = z.object({ id: Id });

/**
 * The roster in the staff console (admins): list and search, add, edit, move, language, deactivate, release
 * with its confirmation, CSV import with a dry run; and the release cards a family can see.
 */
export function registerRosterRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const staff = staffGuard(ctx);
  const admin = ['admin'] as const;

  app.get('/api/staff/inmates', async (request) => {
    const user = await staff(request, admin);
    return RosterPage.parse(await rosterPage(ctx, user.facility_id, parseInput(RosterQuery, request.query, 'roster')));
  });
  app.get('/api/staff/roster/options', async (request) => {
    const user = await staff(request, admin);
    const units = await ctx.db
      .selectFrom('units')
      .select(['id', 'name'])
      .where('facility_id', '=', user.facility_id)
      .orderBy('name')
      .orderBy('id')
      .execute();
    return RosterOptions.parse({ units, languages: [...supportedLanguages] });
  });
  app.post('/api/staff/inmates', async (request) => {
    const user = await staff(request, admin);
    return addInmate(ctx, user, parseInput(NewInmate, request.body, 'person'));
  });
  app.post('/api/staff/inmates/:id', async (request) => {
    const user = await staff(request, admin);
    const { id } = parseInput(Params, request.params, 'person id');
    await editInmate(ctx, user, id, parseInput(InmateEdit, request.body, 'edit'));
    return { ok: true };
  });
  app.post('/api/staff/inmates/:id/status', async (request) => {
    const user = await staff(request, admin);
    const { id } = parseInput(Params, request.params, 'person id');
    const { active } = parseInput(InmateActivation, request.body, 'status');
    await setInmateActive(ctx, user, id, active);
    return { ok: true };
  });
  app.get('/api/staff/inmates/:id/release', async (request) => {
    const user = await staff(request, admin);
    const { id } = parseInput(Params, request.params, 'person id');
    return ReleasePreview.parse(await releasePreview(ctx, user.facility_id, id));
  });
  app.post('/api/staff/inmates/:id/release', async (request) => {
    const user = await staff(request, admin);
    const { id } = parseInput(Params, request.params, 'person id');
    const { confirmCents } = parseInput(ReleaseConfirm, request.body, 'release');
    return ReleaseDone.parse(await processRelease(ctx, user, id, confirmCents));
  });
  app.get('/api/staff/inmates/:id/audit', async (request) => {
    const user = await staff(request, admin);
    const { id } = parseInput(Params, request.params, 'person id');
    return AuditTrail.parse(await auditTrail(ctx, user.facility_id, id));
  });
  app.post('/api/staff/roster', { bodyLimit: 5 * 1024 * 1024 }, async (request) => {
    const user = await staff(request, admin);
    const { csv, commit } = parseInput(RosterImportRequest, request.body, 'roster');
    return RosterImportResult.parse(await importRoster(ctx, user, csv, commit));
  });
  app.get('/api/family/release-cards', async (request) => {
    const { accountId } = await requireSession(ctx, request, 'family');
    return FamilyReleaseCards.parse(await familyReleaseCards(ctx, accountId));
  });
}
