import type { FastifyInstance, FastifyRequest } from 'fastify';
import { staffSignIn } from '../accounts/family-auth';
import { endSession, requireSession } from '../accounts/web-session';
import type { ServerContext } from '../domain/context';
import { createEnrollmentCode } from '../domain/devices/devices';
import { approveContact } from '../domain/people/contacts';
import { reviewableMedia } from '../domain/messages/review';
import { deviceList, revokeDevice } from '../domain/devices/device-health';
import { postAnnouncement } from '../domain/messages/announcements';
import { issuePinReset } from '../domain/people/inmates';
import { answerTicket, openTickets } from '../domain/messages/tickets';
import { HttpError } from '../http/http-error';
import { portalRoute } from '../http/portal-route';
import type { MediaStore } from '../media/media-store';
import { sendMedia } from '../media/serve-media';

type Role = 'reviewer' | 'admin' | 'technician' | 'finance';

/** The staff side: every route names the roles that may use it. */
export function registerStaffRoutes(app: FastifyInstance, ctx: ServerContext, media: MediaStore): void {
  const staff = async (request: FastifyRequest, roles: readonly Role[]) => {
    const session = await requireSession(ctx, request, 'staff');
    const user = await ctx.db
      .selectFrom('staff_users')
      .select(['id', 'role', 'facility_id', 'status'])
      .where('id', '=', session.accountId)
      .executeTakeFirstOrThrow();
    if (user.status !== 'active') throw new HttpError(401, 'unauthorized', 'Please sign in.');
    if (!roles.includes(user.role)) throw new HttpError(403, 'forbidden', 'Your role may not do this.');
    return { ...user, idHash: session.idHash };
  };

  portalRoute(app, 'staff.signin', ({ body }, request, reply) => staffSignIn(ctx, request, reply, body));
  // Who is signed in on this browser: the console asks on every load, so a reload keeps the session.
  portalRoute(app, 'staff.me', async (_input, request) => {
    const user = await staff(request, ['reviewer', 'admin', 'technician', 'finance']);
    return { role: user.role };
  });
  portalRoute(app, 'staff.signout', async (_input, request, reply) => {
    const user = await staff(request, ['reviewer', 'admin', 'technician', 'finance']);
    await endSession(ctx, reply, user.idHash);
    return { ok: true as const };
  });
  // Photos and videograms of messages in review, for reviewers of the same facility only (Range for video).
  portalRoute(app, 'staff.media', async ({ params }, request, reply) => {
    const user = await staff(request, ['reviewer', 'admin']);
    const blob = await reviewableMedia(ctx, user.facility_id, params.sha256);
    if (!blob || !(await media.has(params.sha256)))
      throw new HttpError(404, 'not_found', 'No such media in this facility.');
    return sendMedia(request, reply, media, blob, 'private, no-store');
  });
  // Support tickets from inmates: any staff role may answer (questions are about money, messages or devices).
  portalRoute(app, 'staff.tickets', async (_input, request) => {
    const user = await staff(request, ['reviewer', 'admin', 'technician']);
    return openTickets(ctx, user.facility_id);
  });
  portalRoute(app, 'staff.tickets.reply', async ({ params, body }, request) => {
    const user = await staff(request, ['reviewer', 'admin', 'technician']);
    return answerTicket(ctx, user.facility_id, params.id, body);
  });
  portalRoute(app, 'staff.tickets.close', async ({ params }, request) => {
    const user = await staff(request, ['reviewer', 'admin', 'technician']);
    return answerTicket(ctx, user.facility_id, params.id, { body: null, close: true });
  });
  portalRoute(app, 'staff.contacts.decide', async ({ params, body }, request) => {
    const user = await staff(request, ['reviewer', 'admin']);
    await approveContact(ctx, user.facility_id, params.id, body.approve);
    return { ok: true as const };
  });
  portalRoute(app, 'staff.contacts.pending', async (_input, request) => {
    const user = await staff(request, ['reviewer', 'admin']);
    return (
      ctx.db
        .selectFrom('contacts')
        .innerJoin('inmates', 'inmates.id', 'contacts.inmate_id')
        .select([
          'contacts.id',
          'contacts.display_name',
          'contacts.relationship',
          'inmates.doc_number',
          'inmates.first_name',
          'inmates.last_name',
        ])
        .where('inmates.facility_id', '=', user.facility_id)
        .where('contacts.status', '=', 'pending')
        // Oldest request first (ids are UUIDv7), on every database.
        .orderBy('contacts.id')
        .execute()
    );
  });
  portalRoute(app, 'staff.enrollment-codes', async (_input, request) => {
    const user = await staff(request, ['admin', 'technician']);
    return createEnrollmentCode(ctx, user.facility_id);
  });
  portalRoute(app, 'staff.devices', async (_input, request) => {
    const user = await staff(request, ['admin', 'technician']);
    return deviceList(ctx, user.facility_id);
  });
  portalRoute(app, 'staff.devices.revoke', async ({ params }, request) => {
    const user = await staff(request, ['admin', 'technician']);
    return revokeDevice(ctx, user.facility_id, params.id);
  });
  portalRoute(app, 'staff.pin-reset', async ({ body }, request) => {
    const user = await staff(request, ['admin']);
    return issuePinReset(ctx, user.facility_id, body.docNumber);
  });
  portalRoute(app, 'staff.announcements', async ({ body }, request) => {
    const user = await staff(request, ['admin']);
    return postAnnouncement(ctx, user.facility_id, body);
  });
}
