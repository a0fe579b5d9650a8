import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Id, Sha256 } from '../../shared/domain/ids';
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
import { HttpError, parseInput } from '../http/http-error';
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

  app.post('/api/staff/signin', async (request, reply) =>
    staffSignIn(
      ctx,
      request,
      reply,
      parseInput(
        z.object({ email: z.email().max(200), password: z.string().max(200) }).strict(),
        request.body,
        'sign-in',
      ),
    ),
  );
  // Who is signed in on this browser: the console asks on every load, so a reload keeps the session.
  app.get('/api/staff/me', async (request) => {
    const user = await staff(request, ['reviewer', 'admin', 'technician', 'finance']);
    return { role: user.role };
  });
  app.post('/api/staff/signout', async (request, reply) => {
    const user = await staff(request, ['reviewer', 'admin', 'technician', 'finance']);
    await endSession(ctx, reply, user.idHash);
    return { ok: true };
  });
  // Photos and videograms of messages in review, for reviewers of the same facility only (Range for video).
  app.get('/api/staff/media/:sha256', async (request, reply) => {
    const user = await staff(request, ['reviewer', 'admin']);
    const { sha256 } = parseInput(z.object({ sha256: Sha256 }), request.params, 'media address');
    const blob = await reviewableMedia(ctx, user.facility_id, sha256);
    if (!blob || !(await media.has(sha256))) throw new HttpError(404, 'not_found', 'No such media in this facility.');
    return sendMedia(request, reply, media, blob, 'private, no-store');
  });
  // Support tickets from inmates: any staff role may answer (questions are about money, messages or devices).
  app.get('/api/staff/tickets', async (request) => {
    const user = await staff(request, ['reviewer', 'admin', 'technician']);
    return openTickets(ctx, user.facility_id);
  });
  app.post('/api/staff/tickets/:id/reply', async (request) => {
    const user = await staff(request, ['reviewer', 'admin', 'technician']);
    const { id } = parseInput(z.object({ id: Id }), request.params, 'ticket id');
    const input = parseInput(
      z.object({ body: z.string().trim().min(1).max(5000), close: z.boolean().default(false) }).strict(),
      request.body,
      'reply',
    );
    return answerTicket(ctx, user.facility_id, id, input);
  });
  app.post('/api/staff/tickets/:id/close', async (request) => {
    const user = await staff(request, ['reviewer', 'admin', 'technician']);
    const { id } = parseInput(z.object({ id: Id }), request.params, 'ticket id');
    parseInput(z.object({}).strict(), request.body ?? {}, 'close');
    return answerTicket(ctx, user.facility_id, id, { body: null, close: true });
  });
  app.post('/api/staff/contacts/:id', async (request) => {
    const user = await staff(request, ['reviewer', 'admin']);
    const { id } = parseInput(z.object({ id: Id }), request.params, 'contact id');
    const { approve } = parseInput(z.object({ approve: z.boolean() }).strict(), request.body, 'decision');
    await approveContact(ctx, user.facility_id, id, approve);
    return { ok: true };
  });
  app.get('/api/staff/contacts/pending', async (request) => {
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
  app.post('/api/staff/enrollment-codes', async (request) => {
    const user = await staff(request, ['admin', 'technician']);
    return createEnrollmentCode(ctx, user.facility_id);
  });
  app.get('/api/staff/devices', async (request) => {
    const user = await staff(request, ['admin', 'technician']);
    return deviceList(ctx, user.facility_id);
  });
  app.post('/api/staff/devices/:id/revoke', async (request) => {
    const user = await staff(request, ['admin', 'technician']);
    const { id } = parseInput(z.object({ id: Id }), request.params, 'device id');
    parseInput(z.object({}).strict(), request.body ?? {}, 'revocation');
    return revokeDevice(ctx, user.facility_id, id);
  });
  app.post('/api/staff/pin-reset', async (request) => {
    const user = await staff(request, ['admin']);
    const { docNumber } = parseInput(
      z.object({ docNumber: z.string().min(3).max(20) }).strict(),
      request.body,
      'DOC number',
    );
    return issuePinReset(ctx, user.facility_id, docNumber);
  });
  app.post('/api/staff/announcements', async (request) => {
    const user = await staff(request, ['admin']);
    const input = parseInput(
      z
        .object({
          title: z.string().trim().min(1).max(200),
          body: z.string().max(5000),
          unitId: Id.nullable(),
          language: z.enum(['en', 'es']).nullable(),
        })
        .strict(),
      request.body,
      'announcement',
    );
    return postAnnouncement(ctx, user.facility_id, input);
  });
}
