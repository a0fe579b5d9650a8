import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Id } from '../../shared/domain/ids';
import { requireSession } from '../accounts/web-session';
import type { ServerContext } from '../domain/context';
import { cancelSchedule, familySchedules } from '../domain/ledger/scheduled-deposits';
import { parseInput } from '../http/http-error';

/** A family's scheduled and recurring deposits: see them (with the last run's outcome) and cancel one. */
export function registerDepositRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/family/deposits/scheduled', async (request) => {
    const { accountId } = await requireSession(ctx, request, 'family');
    return familySchedules(ctx, accountId);
  });
  app.post('/api/family/deposits/:id/cancel', async (request) => {
    const { accountId } = await requireSession(ctx, request, 'family');
    const { id } = parseInput(z.object({ id: Id }), request.params, 'deposit id');
    parseInput(z.object({}).strict(), request.body ?? {}, 'cancellation');
    await cancelSchedule(ctx, accountId, id);
    return { ok: true };
  });
}
