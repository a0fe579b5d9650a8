import { z } from 'zod';
import { EpochMs, Id } from './ids';

/**
 * "Why didn't my message arrive": the timestamped moments of one message,
 * as the server, the portal and the kiosk all show them. Codes only; each
 * screen words them in its reader's language.
 */
export const TrailEventKind = z.enum([
  /** On the device: written (the inmate pressed send), queued in the outbox, pushed to the server. */
  'written',
  'queued',
  'pushed',
  /** The server has it. */
  'received',
  /** Waiting for staff: detail.by is 'policy' or 'keyword' (staff also see detail.terms). */
  'held',
  /** Nothing to review: on its way at once. */
  'passed',
  /** A reviewer's decision took effect: detail.decision, detail.reasonCode (staff also see who). */
  'decided',
  /** A reviewer took a decision back inside its undo window (staff only). */
  'undone',
  /** On the recipient's side: a device confirmed it has it (to the inmate) or it is in the family's portal. */
  'delivered',
  'read',
]);
export type TrailEventKind = z.infer<typeof TrailEventKind>;

export const TrailEvent = z.object({
  at: EpochMs,
  kind: TrailEventKind,
  source: z.enum(['device', 'server']),
  detail: z
    .object({
      by: z.enum(['policy', 'keyword', 'review']).optional(),
      terms: z.array(z.string().max(200)).max(100).optional(),
      decision: z.enum(['approve', 'reject']).optional(),
      reasonCode: z.string().max(64).optional(),
      to: z.enum(['device', 'family']).optional(),
    })
    .strict(),
  /** The staff member who acted: in staff views only. */
  actor: z.string().max(200).nullable(),
});
export type TrailEvent = z.infer<typeof TrailEvent>;

export const MessageTrail = z.object({
  messageId: Id,
  direction: z.enum(['in', 'out']),
  status: z.enum(['pending_review', 'approved', 'rejected', 'delivered']),
  events: z.array(TrailEvent).max(200),
});
export type MessageTrail = z.infer<typeof MessageTrail>;

/**
 * Who is looking: staff see everything; the people on either end never see who reviewed or which words;
 * a technician at a device sees every moment (held by policy or by the list, undone) but, like the people
 * on either end, not who reviewed nor which words (the screen is in a housing unit, and reviews are not theirs).
 */
export type TrailViewer = 'staff' | 'technician' | 'family' | 'inmate';
