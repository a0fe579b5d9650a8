import { z } from 'zod';
import { ECARD_TEMPLATE_IDS } from '../domain/ecards';
import { Id } from '../domain/ids';
import { MESSAGE_HARD_MAX_CHARS } from '../domain/limits';
import { MessageTrail } from '../domain/message-trail';
import { defineRoutes, IdParams, mediaStream, rawBody } from './define';

const MessageStatus = z.enum(['pending_review', 'approved', 'rejected', 'delivered']);
export const MessageKind = z.enum(['text', 'ecard', 'videogram']);

/** One message between a family and their contacts, either way; a rejection carries its reason in both languages. */
const FamilyMessage = z.object({
  id: z.string(),
  direction: z.enum(['in', 'out']),
  kind: MessageKind,
  body: z.string(),
  status: MessageStatus,
  rejection_reason: z.string().nullable(),
  reason_note: z.string().nullable(),
  created_at: z.number(),
  first_name: z.string(),
  last_name: z.string(),
  reason_labels: z.object({ en: z.string(), es: z.string() }).nullable(),
});

const Sent = z.object({ id: z.string(), status: z.enum(['approved', 'pending_review']) });

/** Messages and videograms a family sends, their list, and the trail of one. */
export const familyMessageRoutes = defineRoutes({
  'family.messages.send': {
    method: 'POST',
    path: '/api/family/messages',
    body: z
      .object({
        contactId: Id,
        body: z.string().max(MESSAGE_HARD_MAX_CHARS),
        photos: z.array(z.object({ base64: z.string().max(8 * 1024 * 1024), alt: z.string().max(300) })).max(20),
        ecard: z.object({ templateId: z.enum(ECARD_TEMPLATE_IDS), greeting: z.string().max(200) }).nullable(),
      })
      .strict(),
    output: Sent,
  },
  'family.messages.list': { method: 'GET', path: '/api/family/messages', output: z.array(FamilyMessage) },
  // "Why didn't my message arrive": the trail of one of this family's messages, without who reviewed it.
  'family.messages.trail': {
    method: 'GET',
    path: '/api/family/messages/:id/trail',
    params: IdParams,
    output: MessageTrail,
  },
  // A videogram of this family's (an inmate's reply once approved, or their own), with Range: a <video> src.
  'family.messages.video': {
    method: 'GET',
    path: '/api/family/messages/:id/video',
    params: IdParams,
    output: mediaStream,
  },
  // The video is the raw request body (video/webm or video/mp4), streamed to disk, never buffered whole.
  'family.videograms.send': {
    method: 'POST',
    path: '/api/family/videograms',
    query: z.object({ contactId: Id, deliverAt: z.coerce.number().int().optional() }),
    body: rawBody,
    output: Sent.extend({ durationMs: z.number(), deliverAt: z.number() }),
  },
});
