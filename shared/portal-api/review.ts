import { z } from 'zod';
import { MessageTrail } from '../domain/message-trail';
import { defineRoutes, EmptyBody, IdParams, Ok } from './define';
import { MessageKind } from './family-messages';
import { KeywordList, QueueQuery, ReviewDecision, ReviewReason, ReviewReasonList } from './review-schemas';

const Blob = z.object({ sha256: z.string(), mime: z.string(), bytes: z.number() });

/** A message waiting for a reviewer, with its photos, eCard, videogram and the keywords that held it. */
const QueueItem = z.object({
  id: z.string(),
  created_at: z.number(),
  direction: z.enum(['in', 'out']),
  kind: MessageKind,
  body: z.string(),
  hold_reason: z.enum(['policy', 'keyword']).nullable(),
  unit_name: z.string(),
  contact_name: z.string(),
  contact_id: z.string(),
  doc_number: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  photos: z.array(Blob.extend({ alt: z.string() })),
  ecard: z.object({ templateId: z.string(), greeting: z.string() }).nullable(),
  videogram: z.object({ video: Blob, durationMs: z.number() }).nullable(),
  keyword_hits: z.array(
    z.object({ term: z.string(), start: z.number(), end: z.number(), field: z.enum(['body', 'greeting']) }),
  ),
});

const Named = z.object({ id: z.string(), name: z.string() });
const KeywordListAnswer = z.object({ terms: z.array(z.string()), updatedAt: z.number() });

/**
 * The review queue and what goes with it: paging and filters, claims, decisions with their undo window,
 * preset reasons, the keyword list, throughput figures and message trails.
 */
export const reviewRoutes = defineRoutes({
  'staff.review.queue': {
    method: 'GET',
    path: '/api/staff/review',
    query: QueueQuery,
    output: z.object({ items: z.array(QueueItem), next: z.string().nullable() }),
  },
  'staff.review.summary': {
    method: 'GET',
    path: '/api/staff/review/summary',
    output: z.object({
      total: z.number(),
      byKind: z.object({ text: z.number(), photo: z.number(), ecard: z.number(), videogram: z.number() }),
      keywordHolds: z.number(),
      oldestAt: z.number().nullable(),
      serverTime: z.number(),
      units: z.array(Named),
      contacts: z.array(Named),
    }),
  },
  'staff.review.claim': {
    method: 'POST',
    path: '/api/staff/review/:id/claim',
    params: IdParams,
    body: EmptyBody,
    output: z.object({ claimedUntil: z.number() }),
  },
  'staff.review.decide': {
    method: 'POST',
    path: '/api/staff/review/:id',
    params: IdParams,
    body: ReviewDecision,
    output: z.object({ ok: z.literal(true), undoUntil: z.number().nullable(), serverTime: z.number() }),
  },
  'staff.review.undo': {
    method: 'POST',
    path: '/api/staff/review/:id/undo',
    params: IdParams,
    body: EmptyBody,
    output: Ok,
  },
  'staff.review.reasons': { method: 'GET', path: '/api/staff/review/reasons', output: z.array(ReviewReason) },
  'staff.review.reasons.save': {
    method: 'POST',
    path: '/api/staff/review/reasons',
    body: z.object({ reasons: ReviewReasonList }).strict(),
    output: Ok,
  },
  'staff.keywords': { method: 'GET', path: '/api/staff/keywords', output: KeywordListAnswer },
  'staff.keywords.save': {
    method: 'POST',
    path: '/api/staff/keywords',
    body: z.object({ terms: KeywordList }).strict(),
    output: KeywordListAnswer,
  },
  'staff.review.stats': {
    method: 'GET',
    path: '/api/staff/review/stats',
    output: z.object({
      days: z.array(
        z.object({ day: z.string(), reviewers: z.array(z.object({ name: z.string(), count: z.number() })) }),
      ),
      decidedCount: z.number(),
      medianWaitMs: z.number().nullable(),
      oldestWaitingAt: z.number().nullable(),
      waitingCount: z.number(),
      serverTime: z.number(),
    }),
  },
  // Any staff role: reviewers answer "where is it", technicians look a message up from a device's diagnostics.
  'staff.messages.trail': {
    method: 'GET',
    path: '/api/staff/messages/:id/trail',
    params: IdParams,
    output: MessageTrail,
  },
});
