import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../domain/context';
import { keywordList, saveKeywordList } from '../domain/messages/keyword-holds';
import { messageTrail } from '../domain/messages/message-events';
import { claimMessage, decideMessage, undoDecision } from '../domain/messages/review';
import { facilityMessage, reviewQueuePage, reviewSummary } from '../domain/messages/review-queue';
import { reviewReasons, saveReviewReasons } from '../domain/messages/review-reasons';
import { reviewThroughput } from '../domain/messages/review-stats';
import { HttpError } from '../http/http-error';
import { portalRoute } from '../http/portal-route';
import { staffMember } from './staff-auth';

const reviewers = ['reviewer', 'admin'] as const;

/**
 * The review queue and what goes with it: paging and filters, claims,
 * decisions with their undo window, preset reasons, the keyword list,
 * throughput figures and message trails.
 */
export function registerReviewRoutes(app: FastifyInstance, ctx: ServerContext, options: { undoMs: number }): void {
  portalRoute(app, 'staff.review.queue', async ({ query }, request) => {
    const user = await staffMember(ctx, request, reviewers);
    return reviewQueuePage(ctx, user.facility_id, user.id, query);
  });
  portalRoute(app, 'staff.review.summary', async (_input, request) => {
    const user = await staffMember(ctx, request, reviewers);
    return reviewSummary(ctx, user.facility_id, user.id);
  });
  portalRoute(app, 'staff.review.claim', async ({ params }, request) => {
    const user = await staffMember(ctx, request, reviewers);
    return claimMessage(ctx, user.facility_id, user.id, params.id);
  });
  portalRoute(app, 'staff.review.decide', async ({ params, body }, request) => {
    const user = await staffMember(ctx, request, reviewers);
    const result = await decideMessage(ctx, user.facility_id, user.id, params.id, body, options.undoMs);
    return { ok: true as const, ...result, serverTime: ctx.now() };
  });
  portalRoute(app, 'staff.review.undo', async ({ params }, request) => {
    const user = await staffMember(ctx, request, reviewers);
    await undoDecision(ctx, user.facility_id, user.id, params.id);
    return { ok: true as const };
  });

  portalRoute(app, 'staff.review.reasons', async (_input, request) => {
    const user = await staffMember(ctx, request, ['reviewer', 'admin']);
    return reviewReasons(ctx, user.facility_id);
  });
  portalRoute(app, 'staff.review.reasons.save', async ({ body }, request) => {
    const user = await staffMember(ctx, request, ['admin']);
    await saveReviewReasons(ctx, user.facility_id, body.reasons);
    return { ok: true as const };
  });
  portalRoute(app, 'staff.keywords', async (_input, request) => {
    const user = await staffMember(ctx, request, ['admin']);
    return keywordList(ctx.db, user.facility_id);
  });
  portalRoute(
    app,
    'staff.keywords.save',
    async ({ body }, request) => {
      const user = await staffMember(ctx, request, ['admin']);
      await saveKeywordList(ctx.db, user.facility_id, body.terms, ctx.now());
      return keywordList(ctx.db, user.facility_id);
    },
    { bodyLimit: 1024 * 1024 },
  );
  portalRoute(app, 'staff.review.stats', async (_input, request) => {
    const user = await staffMember(ctx, request, ['admin']);
    return reviewThroughput(ctx, user.facility_id);
  });
  // Any staff role: reviewers answer "where is it", technicians look a message up from a device's diagnostics.
  portalRoute(app, 'staff.messages.trail', async ({ params }, request) => {
    const user = await staffMember(ctx, request, ['reviewer', 'admin', 'technician']);
    await facilityMessage(ctx, user.facility_id, params.id);
    const trail = await messageTrail(ctx, params.id, 'staff');
    if (!trail) throw new HttpError(404, 'not_found', 'No such message.');
    return trail;
  });
}
