import { z } from 'zod';
import { Id, Sha256 } from '../domain/ids';
import { defineRoutes, EmptyBody, IdParams, mediaStream, Ok } from './define';
import { StaffRole } from './facility-admin';

const DocNumberBody = z.object({ docNumber: z.string().min(3).max(20) }).strict();
const OneTimeCode = z.object({ code: z.string(), expiresAt: z.number() });

const SupportTicket = z.object({
  id: z.string(),
  subject: z.string(),
  status: z.enum(['open', 'answered', 'closed']),
  created_at: z.number(),
  updated_at: z.number(),
  doc_number: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  replies: z.array(z.object({ from: z.enum(['inmate', 'staff']), body: z.string(), at: z.number() })),
});

const DeviceProblem = z.enum(['not_seen', 'sync_stale', 'outbox_backlog', 'disk_low', 'integrity', 'errors']);
const DeviceSummary = z.object({
  id: z.string(),
  unit_id: z.string().nullable(),
  mode: z.enum(['kiosk', 'tablet']),
  label: z.string(),
  app_version: z.string(),
  enrolled_at: z.number(),
  last_seen_at: z.number().nullable(),
  revoked_at: z.number().nullable(),
  health: z.object({
    status: z.enum(['unknown', 'ok', 'attention']),
    reportedAt: z.number().nullable(),
    problems: z.array(DeviceProblem),
  }),
  recentActions: z.array(z.object({ at: z.number(), device_id: z.string(), action: z.string() })),
});

/** The staff console: sign-in, support tickets, contact requests, devices and the facility tools. */
export const staffRoutes = defineRoutes({
  'staff.signin': {
    method: 'POST',
    path: '/api/staff/signin',
    body: z.object({ email: z.email().max(200), password: z.string().max(200) }).strict(),
    output: z.object({ status: z.literal('signed-in'), csrf: z.string(), role: StaffRole }),
  },
  // Who is signed in on this browser: the console asks on every load, so a reload keeps the session.
  'staff.me': { method: 'GET', path: '/api/staff/me', output: z.object({ role: StaffRole }) },
  'staff.signout': { method: 'POST', path: '/api/staff/signout', output: Ok },
  // Photos and videograms of messages in review, for reviewers of the same facility only (Range for video).
  'staff.media': {
    method: 'GET',
    path: '/api/staff/media/:sha256',
    params: z.object({ sha256: Sha256 }),
    output: mediaStream,
  },
  'staff.tickets': { method: 'GET', path: '/api/staff/tickets', output: z.array(SupportTicket) },
  'staff.tickets.reply': {
    method: 'POST',
    path: '/api/staff/tickets/:id/reply',
    params: IdParams,
    body: z.object({ body: z.string().trim().min(1).max(5000), close: z.boolean().default(false) }).strict(),
    output: z.object({ status: z.enum(['answered', 'closed']) }),
  },
  'staff.tickets.close': {
    method: 'POST',
    path: '/api/staff/tickets/:id/close',
    params: IdParams,
    body: EmptyBody,
    output: z.object({ status: z.enum(['answered', 'closed']) }),
  },
  'staff.contacts.decide': {
    method: 'POST',
    path: '/api/staff/contacts/:id',
    params: IdParams,
    body: z.object({ approve: z.boolean() }).strict(),
    output: Ok,
  },
  'staff.contacts.pending': {
    method: 'GET',
    path: '/api/staff/contacts/pending',
    output: z.array(
      z.object({
        id: z.string(),
        display_name: z.string(),
        relationship: z.string().nullable(),
        doc_number: z.string(),
        first_name: z.string(),
        last_name: z.string(),
      }),
    ),
  },
  'staff.enrollment-codes': { method: 'POST', path: '/api/staff/enrollment-codes', output: OneTimeCode },
  'staff.devices': { method: 'GET', path: '/api/staff/devices', output: z.array(DeviceSummary) },
  'staff.devices.revoke': {
    method: 'POST',
    path: '/api/staff/devices/:id/revoke',
    params: IdParams,
    body: EmptyBody,
    output: z.object({ revokedAt: z.number() }),
  },
  'staff.pin-reset': { method: 'POST', path: '/api/staff/pin-reset', body: DocNumberBody, output: OneTimeCode },
  'staff.announcements': {
    method: 'POST',
    path: '/api/staff/announcements',
    body: z
      .object({
        title: z.string().trim().min(1).max(200),
        body: z.string().max(5000),
        unitId: Id.nullable(),
        language: z.enum(['en', 'es']).nullable(),
      })
      .strict(),
    output: z.object({ id: z.string() }),
  },
});
