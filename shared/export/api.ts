import { z } from 'zod';

/**
 * The HTTP contract of exports (family portal and staff console), input and output. Server
 * routes parse with these; the portal's pages read these shapes.
 */
const Uuid = z.uuid({ version: 'v7' });

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
export type ExportJob = z.infer<typeof ExportJob>;

export const ExportJobList = z.object({ jobs: z.array(ExportJob) });
export const StartedExport = z.object({ id: Uuid });
export const ExportJobId = z.object({ id: Uuid }).strict();

/** POST /api/family/exports: the page's language for the export's index.html. */
export const FamilyExportRequest = z.object({ language: z.enum(['en', 'es']).optional() }).strict();
/** POST /api/staff/exports/inmate: whose, and optionally the contact (family account) to hand it to. */
export const InmateExportRequest = z
  .object({ docNumber: z.string().min(3).max(20), recipientContactId: Uuid.optional() })
  .strict();
/** POST /api/staff/exports/:id/link: a download link, its token shown once. */
export const DownloadLink = z.object({ url: z.string(), expiresAt: z.number().int() });
export const DownloadQuery = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{40,60}$/) }).strict();
