import { z } from 'zod';
import { defineRoutes, IdParams, mediaStream } from './define';

const Uuid = z.uuid({ version: 'v7' });

/** One export as the console and the portal list it: whose, who asked, and how far its building got. */
export const ExportJob = z.object({
  id: Uuid,
  kind: z.enum(['facility', 'inmate', 'family']),
  subjectId: z.string(),
  subjectName: z.string(),
  requestedByKind: z.enum(['staff', 'family', 'inmate', 'release', 'cli']),
  status: z.enum(['requested', 'building', 'ready', 'failed']),
  progressDone: z.number().int().nonnegative(),
  progressTotal: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative().nullable(),
  sha256: z.string().nullable(),
  /** Handed to this family account (a released person's export). */
  recipientFamilyId: z.string().nullable(),
  createdAt: z.number().int(),
  finishedAt: z.number().int().nullable(),
});

const ExportJobList = z.object({ jobs: z.array(ExportJob) });
const StartedExport = z.object({ id: Uuid });
/** The page's language for the export's index.html. */
const FamilyExportRequest = z.object({ language: z.enum(['en', 'es']).optional() }).strict();
/** Whose, and optionally the contact (family account) to hand it to. */
const InmateExportRequest = z
  .object({ docNumber: z.string().min(3).max(20), recipientContactId: Uuid.optional() })
  .strict();
/** A download link for someone without an account (a released person): its token is shown once. */
const DownloadLink = z.object({ url: z.string(), expiresAt: z.number().int() });
const DownloadQuery = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{40,60}$/) }).strict();

/**
 * Exports (issue #18): admins export the facility or a person and see every export asked for (the
 * audit); families export their own data and download what was handed to them. A finished export is a
 * ZIP streamed with Range (`mediaStream`), so an interrupted download resumes where it stopped.
 */
export const exportRoutes = defineRoutes({
  'staff.exports': { method: 'GET', path: '/api/staff/exports', output: ExportJobList },
  'staff.exports.facility': { method: 'POST', path: '/api/staff/exports/facility', output: StartedExport },
  'staff.exports.inmate': {
    method: 'POST',
    path: '/api/staff/exports/inmate',
    body: InmateExportRequest,
    output: StartedExport,
  },
  'staff.exports.link': {
    method: 'POST',
    path: '/api/staff/exports/:id/link',
    params: IdParams,
    output: DownloadLink,
  },
  'staff.exports.file': { method: 'GET', path: '/api/staff/exports/:id/file', params: IdParams, output: mediaStream },
  'family.exports': { method: 'GET', path: '/api/family/exports', output: ExportJobList },
  'family.exports.start': {
    method: 'POST',
    path: '/api/family/exports',
    body: FamilyExportRequest,
    output: StartedExport,
  },
  'family.exports.file': { method: 'GET', path: '/api/family/exports/:id/file', params: IdParams, output: mediaStream },
  // The link an admin made: opened by someone with no account, so the token is the only credential.
  'exports.download': { method: 'GET', path: '/api/exports/download', query: DownloadQuery, output: mediaStream },
});
