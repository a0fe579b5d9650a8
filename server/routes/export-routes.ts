import { createReadStream, statSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { portalRoutes } from '../../shared/portal-api/contract';
import { ExportJob } from '../../shared/portal-api/exports';
import { contentRange, parseRange } from '../../shared/http/range';
import { requireSession } from '../accounts/web-session';
import type { ServerContext } from '../domain/context';
import { exportFile, type ExportJobs } from '../domain/export/export-jobs';
import { inmateAt } from '../domain/people/inmates';
import { HttpError } from '../http/http-error';
import { portalRoute } from '../http/portal-route';
import { staffMember } from './staff-auth';
import type { Row } from '../db/schema';

/** A finished export file, with single-range support so an interrupted download resumes where it stopped. */
function sendExport(request: FastifyRequest, reply: FastifyReply, ctx: ServerContext, job: Row<'export_jobs'>) {
  if (job.status !== 'ready') throw new HttpError(409, 'export_not_ready', 'This export is not ready.');
  const path = exportFile(ctx, job.id);
  const size = statSync(path).size;
  const range = parseRange(request.headers.range, size);
  void reply
    .header('accept-ranges', 'bytes')
    .header('etag', `"${job.sha256 ?? job.id}"`)
    .header('cache-control', 'private, no-store')
    .header('content-disposition', `attachment; filename="open-kiosk-${job.kind}-${job.id}.zip"`)
    .header('x-content-type-options', 'nosniff')
    .type('application/zip');
  if (range.kind === 'unsatisfiable') return reply.status(416).header('content-range', `bytes */${size}`).send();
  if (range.kind === 'partial')
    return reply
      .status(206)
      .header('content-range', contentRange(range, size))
      .header('content-length', range.end - range.start + 1)
      .send(createReadStream(path, { start: range.start, end: range.end }));
  return reply.header('content-length', size).send(createReadStream(path));
}

async function jobView(ctx: ServerContext, job: Row<'export_jobs'>): Promise<z.infer<typeof ExportJob>> {
  const subjectName =
    job.kind === 'facility'
      ? (await ctx.db.selectFrom('facilities').select('name').where('id', '=', job.subject_id).executeTakeFirst())?.name
      : job.kind === 'inmate'
        ? await ctx.db
            .selectFrom('inmates')
            .select(['first_name', 'last_name'])
            .where('id', '=', job.subject_id)
            .executeTakeFirst()
            .then((i) => i && `${i.first_name} ${i.last_name}`)
        : (
            await ctx.db
              .selectFrom('family_accounts')
              .select('display_name')
              .where('id', '=', job.subject_id)
              .executeTakeFirst()
          )?.display_name;
  return ExportJob.parse({
    id: job.id,
    kind: job.kind,
    subjectId: job.subject_id,
    subjectName: subjectName ?? '',
    requestedByKind: job.requested_by_kind,
    status: job.status,
    progressDone: job.progress_done,
    progressTotal: job.progress_total,
    bytes: job.bytes,
    sha256: job.sha256,
    recipientFamilyId: job.recipient_family_id,
    createdAt: job.created_at,
    finishedAt: job.finished_at,
  });
}

/**
 * Exports (issue #18). Admins: the whole facility, or a person's (a released inmate's, handed to
 * a contact they name or by a download link); every export is a row of `export_jobs`, listed
 * to admins as the audit of who took what. Families: their own data, and what was handed to them.
 */
export function registerExportRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  jobs: ExportJobs,
  baseUrl: () => string,
): void {
  const jobOf = async (facilityId: string, id: string) => {
    const job = await ctx.db
      .selectFrom('export_jobs')
      .selectAll()
      .where('id', '=', id)
      .where('facility_id', '=', facilityId)
      .executeTakeFirst();
    if (!job) throw new HttpError(404, 'not_found', 'No such export.');
    return job;
  };

  portalRoute(app, 'staff.exports.facility', async (_input, request) => {
    const user = await staffMember(ctx, request, ['admin']);
    const id = await jobs.start({ kind: 'facility', facilityId: user.facility_id }, { kind: 'staff', id: user.id });
    return { id };
  });
  portalRoute(app, 'staff.exports.inmate', async ({ body }, request) => {
    const user = await staffMember(ctx, request, ['admin']);
    const inmate = await inmateAt(ctx, user.facility_id, body.docNumber);
    let recipientFamilyId: string | undefined;
    if (body.recipientContactId) {
      const contact = await ctx.db
        .selectFrom('contacts')
        .select('family_id')
        .where('id', '=', body.recipientContactId)
        .where('inmate_id', '=', inmate.id)
        .where('status', '=', 'approved')
        .executeTakeFirst();
      if (!contact) throw new HttpError(400, 'not_a_contact', 'That person is not an approved contact of this inmate.');
      recipientFamilyId = contact.family_id;
    }
    const id = await jobs.start(
      { kind: 'inmate', inmateId: inmate.id, facilityId: user.facility_id },
      { kind: 'staff', id: user.id },
      recipientFamilyId ? { recipientFamilyId } : {},
    );
    return { id };
  });
  portalRoute(app, 'staff.exports', async (_input, request) => {
    const user = await staffMember(ctx, request, ['admin']);
    const rows = await ctx.db
      .selectFrom('export_jobs')
      .selectAll()
      .where('facility_id', '=', user.facility_id)
      .orderBy('id', 'desc')
      .limit(200)
      .execute();
    return { jobs: await Promise.all(rows.map((row) => jobView(ctx, row))) };
  });
  portalRoute(app, 'staff.exports.link', async ({ params }, request) => {
    const user = await staffMember(ctx, request, ['admin']);
    const job = await jobOf(user.facility_id, params.id);
    if (job.kind === 'facility') throw new HttpError(400, 'facility_export', 'A facility export has no public link.');
    if (job.status !== 'ready') throw new HttpError(409, 'export_not_ready', 'This export is not ready.');
    const link = await jobs.downloadLink(job.id);
    return {
      url: `${baseUrl()}${portalRoutes['exports.download'].path}?token=${link.token}`,
      expiresAt: link.expiresAt,
    };
  });
  portalRoute(app, 'staff.exports.file', async ({ params }, request, reply) => {
    const user = await staffMember(ctx, request, ['admin']);
    return sendExport(request, reply, ctx, await jobOf(user.facility_id, params.id));
  });

  portalRoute(app, 'family.exports.start', async ({ body }, request) => {
    const { accountId } = await requireSession(ctx, request, 'family');
    const contact = await ctx.db
      .selectFrom('contacts')
      .innerJoin('inmates', 'inmates.id', 'contacts.inmate_id')
      .select('inmates.facility_id')
      .where('contacts.family_id', '=', accountId)
      .orderBy('contacts.id')
      .executeTakeFirst();
    const id = await jobs.start(
      { kind: 'family', familyId: accountId, facilityId: contact?.facility_id ?? '' },
      { kind: 'family', id: accountId },
      body.language ? { language: body.language } : {},
    );
    return { id };
  });
  const familyJobs = (accountId: string) =>
    ctx.db
      .selectFrom('export_jobs')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb.and([eb('kind', '=', 'family'), eb('subject_id', '=', accountId)]),
          eb.and([eb('recipient_family_id', '=', accountId), eb('kind', '=', 'inmate')]),
        ]),
      );
  portalRoute(app, 'family.exports', async (_input, request) => {
    const { accountId } = await requireSession(ctx, request, 'family');
    const rows = await familyJobs(accountId).orderBy('id', 'desc').limit(50).execute();
    return { jobs: await Promise.all(rows.map((row) => jobView(ctx, row))) };
  });
  portalRoute(app, 'family.exports.file', async ({ params }, request, reply) => {
    const { accountId } = await requireSession(ctx, request, 'family');
    const job = await familyJobs(accountId).where('id', '=', params.id).executeTakeFirst();
    if (!job) throw new HttpError(404, 'not_found', 'No such export.');
    return sendExport(request, reply, ctx, job);
  });

  // Automatically at release: the released person's export is built, kept for staff to hand over (a link, or to a
  // contact they name) and never left on a kiosk. A hook on the release route's success, so release stays one job.
  // onSend: the job is recorded before the release's answer leaves, so the console lists it at once.
  app.addHook('onSend', async (request, reply, payload) => {
    // The roster's release (issue #14, `staff.inmates.release`) names the person by id in its path.
    const { method, path } = portalRoutes['staff.inmates.release'];
    if (request.routeOptions.url !== path || request.method !== method || reply.statusCode !== 200) return payload;
    const user = await staffMember(ctx, request, ['admin']).catch(() => null);
    if (!user) return payload;
    const inmateId = (request.params as { id?: unknown } | null)?.id;
    if (typeof inmateId !== 'string') return payload;
    await jobs.start({ kind: 'inmate', inmateId, facilityId: user.facility_id }, { kind: 'release', id: user.id });
  });

  portalRoute(app, 'exports.download', async ({ query }, request, reply) => {
    const job = await jobs.byToken(query.token);
    if (!job) throw new HttpError(404, 'link_expired', 'This link is not valid any more.');
    return sendExport(request, reply, ctx, job);
  });
}
