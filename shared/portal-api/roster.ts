import { z } from 'zod';
import { EpochMs, Id } from '../domain/ids';
import { Language } from '../domain/language';
import { DOC_NUMBER_PATTERN, PIN_PATTERN } from '../domain/limits';
import { defineRoutes, IdParams, Ok } from './define';

/**
 * The staff console's roster routes (issue #14, item 3): input and output of each, checked by the server on the
 * way in and by the route tests on the way out.
 */

const InmateStatus = z.enum(['active', 'inactive', 'released']);

const Name = z.string().trim().min(1).max(100);

export const InmateSummary = z.object({
  id: Id,
  docNumber: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  unitId: Id,
  unitName: z.string(),
  language: Language,
  status: InmateStatus,
});
export type InmateSummary = z.infer<typeof InmateSummary>;

/** GET /api/staff/inmates: a page of the roster, by surname, searched by DOC number or surname prefix. */
const RosterQuery = z
  .object({
    q: z.string().trim().max(100).default(''),
    unitId: Id.optional(),
    status: InmateStatus.optional(),
    /** The `next` of the previous page (opaque). */
    after: z.string().max(400).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export const RosterPage = z.object({ items: z.array(InmateSummary), next: z.string().nullable() });
export type RosterPage = z.infer<typeof RosterPage>;

/** GET /api/staff/roster/options: what the roster's forms offer. */
export const RosterOptions = z.object({
  units: z.array(z.object({ id: Id, name: z.string() })),
  languages: z.array(Language),
});
export type RosterOptions = z.infer<typeof RosterOptions>;

/** POST /api/staff/inmates */
export const NewInmate = z
  .object({
    docNumber: z.string().trim().regex(DOC_NUMBER_PATTERN),
    firstName: Name,
    lastName: Name,
    unitId: Id,
    language: Language,
    pin: z.string().regex(PIN_PATTERN),
    securityQuestion: z.string().trim().min(1).max(200),
    securityAnswer: z.string().trim().min(1).max(200),
  })
  .strict();
export type NewInmate = z.infer<typeof NewInmate>;

/** POST /api/staff/inmates/:id: edit names, move to another unit, set the language (only what is sent changes). */
export const InmateEdit = z
  .object({
    firstName: Name.optional(),
    lastName: Name.optional(),
    unitId: Id.optional(),
    language: Language.optional(),
  })
  .strict();
export type InmateEdit = z.infer<typeof InmateEdit>;

/** POST /api/staff/inmates/:id/status: deactivate (no sign-in anywhere) or activate again. */
const InmateActivation = z.object({ active: z.boolean() }).strict();

/** GET /api/staff/inmates/:id/release: what a release would do, for the confirmation step. */
export const ReleasePreview = z.object({
  id: Id,
  docNumber: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  balanceCents: z.number().int(),
});
export type ReleasePreview = z.infer<typeof ReleasePreview>;

/** POST /api/staff/inmates/:id/release: the amount the confirmation showed; a different balance is refused. */
const ReleaseConfirm = z.object({ confirmCents: z.number().int() }).strict();
const ReleaseDone = z.object({ releasedCents: z.number().int(), cardLastFour: z.string().regex(/^\d{4}$/) });

/** GET /api/staff/inmates/:id/audit */
const AuditTrail = z.array(
  z.object({
    id: Id,
    at: EpochMs,
    action: z.string(),
    staffName: z.string(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
  }),
);

/** A problem with one roster row: a code the console translates, and its parameters. */
export const RowProblem = z.object({
  code: z.enum([
    'doc_invalid',
    'doc_on_roster',
    'doc_repeated',
    'name_required',
    'unit_unknown',
    'language_invalid',
    'pin_invalid',
    'security_required',
  ]),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type RowProblem = z.infer<typeof RowProblem>;

/** POST /api/staff/roster: `commit: false` is the dry run; a commit writes every row or, if any fails, none. */
const RosterImportRequest = z.object({ csv: z.string().max(5_000_000), commit: z.boolean().default(false) }).strict();
export const RosterImportResult = z.object({
  committed: z.boolean(),
  imported: z.number().int().nonnegative(),
  /** The whole file's problem (missing columns, too many rows), or null. */
  fileProblem: z
    .object({ code: z.enum(['columns_missing', 'too_many_rows', 'empty']), params: RowProblem.shape.params })
    .nullable(),
  rows: z.array(
    z.object({
      row: z.number().int().positive(),
      docNumber: z.string(),
      name: z.string(),
      unit: z.string(),
      outcome: z.enum(['add', 'error']),
      problems: z.array(RowProblem),
    }),
  ),
});
export type RosterImportResult = z.infer<typeof RosterImportResult>;

/** The family's view of a release card (GET /api/family/release-cards). */
const FamilyReleaseCards = z.array(
  z.object({
    inmateName: z.string(),
    amountCents: z.number().int(),
    cardLastFour: z.string(),
    issuedAt: EpochMs,
  }),
);

/**
 * The roster in the staff console (admins) and the release cards a family sees. The release's export
 * (server/routes/export-routes.ts) hooks on `staff.inmates.release`'s path.
 */
export const rosterRoutes = defineRoutes({
  'staff.inmates': { method: 'GET', path: '/api/staff/inmates', query: RosterQuery, output: RosterPage },
  'staff.roster.options': { method: 'GET', path: '/api/staff/roster/options', output: RosterOptions },
  'staff.inmates.add': {
    method: 'POST',
    path: '/api/staff/inmates',
    body: NewInmate,
    output: z.object({ id: Id }),
  },
  'staff.inmates.edit': {
    method: 'POST',
    path: '/api/staff/inmates/:id',
    params: IdParams,
    body: InmateEdit,
    output: Ok,
  },
  'staff.inmates.status': {
    method: 'POST',
    path: '/api/staff/inmates/:id/status',
    params: IdParams,
    body: InmateActivation,
    output: Ok,
  },
  'staff.inmates.release.preview': {
    method: 'GET',
    path: '/api/staff/inmates/:id/release',
    params: IdParams,
    output: ReleasePreview,
  },
  'staff.inmates.release': {
    method: 'POST',
    path: '/api/staff/inmates/:id/release',
    params: IdParams,
    body: ReleaseConfirm,
    output: ReleaseDone,
  },
  'staff.inmates.audit': { method: 'GET', path: '/api/staff/inmates/:id/audit', params: IdParams, output: AuditTrail },
  'staff.roster.import': {
    method: 'POST',
    path: '/api/staff/roster',
    body: RosterImportRequest,
    output: RosterImportResult,
  },
  'family.release-cards': { method: 'GET', path: '/api/family/release-cards', output: FamilyReleaseCards },
});
