import { z } from 'zod';
import { Id, Sha256 } from '../domain/ids';
import { Language } from '../domain/language';
import { defineRoutes, IdParams, mediaStream, Ok, rawBody } from './define';

/**
 * Content intake in the staff console (issue #14, item 4): uploads of books, music and courses, and each
 * catalog item's approval, price and withdrawal. Raw-body uploads name their input in the route's comment.
 */

/** A catalog item as the console lists it (GET /api/staff/catalog). */
export const StaffCatalogItem = z.object({
  id: Id,
  kind: z.enum(['book', 'album', 'course', 'game']),
  title: z.string(),
  author: z.string(),
  language: z.string(),
  approved: z.boolean(),
  priceCents: z.number().int().nullable(),
  /** How many people of this facility bought it: they keep it after a withdrawal. */
  owners: z.number().int().nonnegative(),
  hasCover: z.boolean(),
});
export type StaffCatalogItem = z.infer<typeof StaffCatalogItem>;
const StaffCatalog = z.array(StaffCatalogItem);

/** POST /api/staff/catalog/:id: approve at a price (whole cents, $0–$1,000) or withdraw. */
const CatalogApproval = z.object({ approved: z.boolean(), priceCents: z.number().int() }).strict();

/** POST /api/staff/intake/book (raw body: the EPUB, application/epub+zip) → the new item, not yet approved. */
export const IntakeResult = z.object({ item: StaffCatalogItem });

/** POST /api/staff/intake/track?name=<file name> (raw body: audio/mpeg or audio/ogg) → what the file says. */
const TrackQuery = z.object({ name: z.string().max(300).default('') }).strict();
export const TrackUpload = z.object({
  sha256: Sha256,
  title: z.string(),
  artist: z.string(),
  album: z.string(),
  track: z.number().int().nullable(),
  durationMs: z.number().int().positive(),
});
export type TrackUpload = z.infer<typeof TrackUpload>;

/** POST /api/staff/intake/album: uploaded tracks, in order, become one album (durations are the server's). */
export const NewAlbum = z
  .object({
    title: z.string().trim().min(1).max(300),
    artist: z.string().trim().max(200),
    language: Language,
    description: z.string().max(2000).default(''),
    tracks: z
      .array(z.object({ sha256: Sha256, title: z.string().trim().min(1).max(300) }).strict())
      .min(1)
      .max(100),
  })
  .strict();
export type NewAlbum = z.infer<typeof NewAlbum>;

/** POST /api/staff/intake/course: `{ course }`, the course file's JSON text (docs/COURSE-FORMAT.md). */
const CourseUpload = z.object({ course: z.string().max(1_000_000) }).strict();

/**
 * Content intake (admins). The book and the track are the raw request body (`rawBody`), streamed to a temp
 * file in the media store and checked there, never buffered whole; their limits are the server's.
 */
export const intakeRoutes = defineRoutes({
  'staff.catalog': { method: 'GET', path: '/api/staff/catalog', output: StaffCatalog },
  'staff.catalog.approve': {
    method: 'POST',
    path: '/api/staff/catalog/:id',
    params: IdParams,
    body: CatalogApproval,
    output: Ok,
  },
  'staff.catalog.cover': { method: 'GET', path: '/api/staff/catalog/:id/cover', params: IdParams, output: mediaStream },
  'staff.intake.album': { method: 'POST', path: '/api/staff/intake/album', body: NewAlbum, output: IntakeResult },
  'staff.intake.course': { method: 'POST', path: '/api/staff/intake/course', body: CourseUpload, output: IntakeResult },
  // The EPUB (application/epub+zip).
  'staff.intake.book': { method: 'POST', path: '/api/staff/intake/book', body: rawBody, output: IntakeResult },
  // An MP3 (audio/mpeg) or Ogg (audio/ogg) track; `name` is its file name, for a title when its tags have none.
  'staff.intake.track': {
    method: 'POST',
    path: '/api/staff/intake/track',
    query: TrackQuery,
    body: rawBody,
    output: TrackUpload,
  },
});
