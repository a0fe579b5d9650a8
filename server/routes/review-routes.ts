import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Id } from '../../shared/domain/ids';
import type { ServerContext } from '../domain/context';
import { KeywordList, keywordList, saveKeywordList } from '../domain/messages/keyword-holds';
import { messageTrail } from '../domain/messages/message-events';
import { claimMessage, decideMessage, ReviewDecision, undoDecision } from '../domain/messages/review';
import { facilityMessage, QueueQuery, reviewQueuePage, reviewSummary } from '../domain/messages/review-queue';
import { ReviewReasonList, reviewReasons, saveReviewReasons } from '../domain/messages/review-reasons';
import { reviewThroughput } from '../domain/messages/review-stats';
import { HttpError, parseInput } from '../http/http-error';
import { staffMember } from './staff-auth';

const reviewers = ['reviewer', 'admin'] as const;

/**
 * The review queue and what goes with it: paging and filters, claims,
 * decisions with their undo window, preset reasons, the keyword list,
 * throughput figures and message trails.
 */
export function registerReviewRoutes(app: FastifyInstance, ctx: ServerContext, options: { undoMs: number }): void {
  const messageId = (params: unknown) => parseInput(z.object({ id: Id }), params, 'message id').id;
  const noBody = (body: unknown) => parseInput(z.object({}).strict(), body ?? {}, 'request');

  app.get('/api/staff/review', async (request) => {
    const user = await staffMember(ctx, request, reviewers);
    return reviewQueuePage(ctx, user.facility_id, user.id, parseInput(QueueQuery, request.query, 'queue query'));
  });
  app.get('/api/staff/review/summary', async (request) => {
    const user = await staffMember(ctx, request, reviewers);
    return reviewSummary(ctx, user.facility_id, user.id);
  });
  app.post('/api/staff/review/:id/claim', async (request) => {
    const user = await staffMember(ctx, request, reviewers);
    noBody(request.body);
    return claimMessage(ctx, user.facility_id, user.id, messageId(request.params));
  });
  app.post('/api/staff/review/:id', async (request) => {
    const user = await staffMember(ctx, request, reviewers);
    const decision = parseInput(ReviewDecision, request.body, 'decision');
    const result = await decideMessage(
      ctx,
      user.facility_id,
      user.id,
      messageId(request.params),
      decision,
      options.undoMs,
    );
    return { ok: true, ...result, serverTime: ctx.now() };
  });
  app.post('/api/staff/review/:id/undo', async (request) => {
    const user = await staffMember(ctx, request, reviewers);
    noBody(request.body);
    await undoDecision(ctx, user.facility_id, user.id, messageId(request.params));
    return { ok: true };
  });

  app.get('/api/staff/review/reasons', async (request) => {
    const user = await staffMember(ctx, request, ['reviewer', 'admin']);
    return reviewReasons(ctx, user.facility_id);
  });
  app.post('/api/staff/review/reasons', async (request) => {
    const user = await staffMember(ctx, request, ['admin']);
    const { reasons } = parseInput(z.object({ reasons: ReviewReasonList }).strict(), request.body, 'reasons');
    await saveReviewReasons(ctx, user.facility_id, reasons);
    return { ok: true };
  });
  app.get('/api/staff/keywords', async (request) => {
    const user = await staffMember(ctx, request, ['admin']);
    return keywordList(ctx.db, user.facility_id);
  });
  app.post('/api/staff/keywords', { bodyLimit: 1024 * 1024 }, async (request) => {
    const user = await staffMember(ctx, request, ['admin']);
    const { terms } = parseInput(z.object({ terms: KeywordList }).strict(), request.body, 'keyword list');
    await saveKeywordList(ctx.db, user.facility_id, terms, ctx.now());
    return keywordList(ctx.db, user.facility_id);
  });
  app.get('/api/staff/review/stats', async (request) => {
    const user = await staffMember(ctx, request, ['admin']);
    return reviewThroughput(ctx, user.facility_id);
  });
  // Any staff role: reviewers answer "where is it", technicians look a message up from a device's diagnostics.
  app.get('/api/staff/messages/:id/trail', async (request) => {
    const user = await staffMember(ctx, request, ['reviewer', 'admin', 'technician']);
    const id = messageId(request.params);
    await facilityMessage(ctx, user.facility_id, id);
    const trail = await messageTrail(ctx, id, 'staff');
    if (!trail) throw new HttpError(404, 'not_found', 'No such message.');
    return trail;
  });
}
