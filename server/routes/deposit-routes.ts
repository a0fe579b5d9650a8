import type { FastifyInstance } from 'fastify';
import { requireSession } from '../accounts/web-session';
import type { ServerContext } from '../domain/context';
import { cancelSchedule, familySchedules } from '../domain/ledger/scheduled-deposits';
import { portalRoute } from '../http/portal-route';

/** A family's scheduled and recurring deposits: see them (with the last run's outcome) and cancel one. */
export function registerDepositRoutes(app: FastifyInstance, ctx: ServerContext): void {
  portalRoute(app, 'family.deposits.scheduled', async (_input, request) => {
    const { accountId } = await requireSession(ctx, request, 'family');
    return familySchedules(ctx, accountId);
  });
  portalRoute(app, 'family.deposits.cancel', async ({ params }, request) => {
    const { accountId } = await requireSession(ctx, request, 'family');
    await cancelSchedule(ctx, accountId, params.id);
    return { ok: true as const };
  });
}
