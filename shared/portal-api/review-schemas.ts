import { z } from 'zod';
import { Id } from '../domain/ids';

/**
 * A facility's preset rejection reasons. A message stores only the code;
 * the sender reads the label in their own language (English or Spanish),
 * so a reason never reaches a family as the reviewer's sentence.
 */
export const ReviewReason = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[a-z0-9_]{1,64}$/),
    labelEn: z.string().trim().min(1).max(200),
    labelEs: z.string().trim().min(1).max(200),
    active: z.boolean(),
  })
  .strict();
export type ReviewReason = z.infer<typeof ReviewReason>;
export const ReviewReasonList = z
  .array(ReviewReason)
  .min(1)
  .max(50)
  .refine((list) => new Set(list.map((r) => r.code)).size === list.length, 'Each code once.');

/** A facility's list as admins edit it: one entry per word or phrase, inflections named with `|`. */
export const KeywordList = z.array(z.string().trim().min(1).max(200)).max(5_000);
export type KeywordList = z.infer<typeof KeywordList>;

/** What a reviewer can narrow the queue to; `after` is the keyset cursor of the last item seen. */
export const QueueQuery = z
  .object({
    after: z
      .string()
      .regex(/^\d{1,16}_[0-9a-f-]{36}$/)
      .optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    kind: z.enum(['text', 'photo', 'ecard', 'videogram']).optional(),
    direction: z.enum(['in', 'out']).optional(),
    unitId: Id.optional(),
    contactId: Id.optional(),
    flag: z.enum(['keyword', 'policy']).optional(),
  })
  .strict();
export type QueueQuery = z.infer<typeof QueueQuery>;

/** A reviewer's decision: a rejection names a preset reason by its code, with the reviewer's own words optional. */
export const ReviewDecision = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve') }).strict(),
  z
    .object({
      decision: z.literal('reject'),
      reasonCode: z.string().min(1).max(64),
      note: z.string().trim().max(500).optional(),
    })
    .strict(),
]);
export type ReviewDecision = z.infer<typeof ReviewDecision>;
