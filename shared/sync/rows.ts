import { z } from 'zod';
import { BoundedJsonRecord } from '../domain/bounded-json';
import { Cents, EpochMs, Id, NonNegativeCents, Sha256 } from '../domain/ids';
import { Language } from '../domain/language';
import { FacilitySettings } from '../domain/facility-settings';
import { LedgerLabel } from '../domain/ledger-label';
import { MESSAGE_HARD_MAX_CHARS } from '../domain/limits';
import { SecretHash } from './secret-hash';

/**
 * The rows the facility server sends a device in a pull, one schema per
 * table. The device stores exactly these (encrypted) and nothing else; the
 * server scopes them to the device's facility and, for inmate data, to the
 * inmates allowed on the device (everyone in its unit on a kiosk, the
 * assigned inmate on a tablet).
 */

export const MediaRef = z.object({
  sha256: Sha256,
  mime: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/),
  bytes: z.number().int().positive(),
});
export type MediaRef = z.infer<typeof MediaRef>;

export const FacilityRow = z.object({
  id: Id,
  name: z.string().min(1).max(200),
  /** IANA zone, for showing local time on screen only. */
  timeZone: z.string().min(1),
  ...FacilitySettings.shape,
  updatedAt: EpochMs,
});
export type FacilityRow = z.infer<typeof FacilityRow>;

const UnitRow = z.object({ id: Id, facilityId: Id, name: z.string().min(1).max(100) });
type UnitRow = z.infer<typeof UnitRow>;

export const InmateRow = z.object({
  id: Id,
  facilityId: Id,
  unitId: Id,
  docNumber: z.string().min(1).max(20),
  firstName: z.string().min(1).max(100),
  lastName: z.string().min(1).max(100),
  language: Language,
  status: z.enum(['active', 'released']),
  pinHash: SecretHash,
  /** Bumped by the server on every PIN change, so the newest PIN wins over a stale offline one. */
  pinVersion: z.number().int().nonnegative(),
  securityQuestion: z.string().min(1).max(200),
  securityAnswerHash: SecretHash,
  /** A staff-issued one-time PIN reset code (hashed) and its expiry; null when none is open. */
  pinReset: z.object({ codeHash: SecretHash, expiresAt: EpochMs }).nullable(),
  updatedAt: EpochMs,
});
export type InmateRow = z.infer<typeof InmateRow>;

/** An approved family contact of an inmate: who messages can come from and go to. */
export const ContactRow = z.object({
  id: Id,
  inmateId: Id,
  displayName: z.string().min(1).max(200),
  relationship: z.string().max(100).nullable(),
  status: z.enum(['approved', 'blocked']),
  updatedAt: EpochMs,
});
export type ContactRow = z.infer<typeof ContactRow>;

const MessageStatus = z.enum(['pending_review', 'approved', 'rejected', 'delivered']);
type MessageStatus = z.infer<typeof MessageStatus>;

const PhotoRef = MediaRef.extend({ alt: z.string().max(300) });

export const MessageRow = z.object({
  id: Id,
  inmateId: Id,
  contactId: Id,
  /** in: family → inmate; out: inmate → family. */
  direction: z.enum(['in', 'out']),
  kind: z.enum(['text', 'ecard', 'videogram']),
  body: z.string().max(MESSAGE_HARD_MAX_CHARS),
  photos: z.array(PhotoRef).max(20),
  ecard: z.object({ templateId: z.string().min(1).max(64), greeting: z.string().max(200) }).nullable(),
  videogram: z
    .object({ video: MediaRef, durationMs: z.number().int().positive().max(180_000), captions: MediaRef.nullable() })
    .nullable(),
  status: MessageStatus,
  rejectionReason: z.string().max(500).nullable(),
  /** For outgoing messages made on a device: the outbox id it was pushed with. */
  clientOpId: Id.nullable(),
  stampCents: NonNegativeCents,
  createdAt: EpochMs,
  /** When an incoming message becomes visible to the inmate (scheduled videograms). */
  deliverAt: EpochMs,
  readAt: EpochMs.nullable(),
  updatedAt: EpochMs,
});
export type MessageRow = z.infer<typeof MessageRow>;

const LedgerKind = z.enum(['deposit', 'fee', 'purchase', 'stamp', 'refund', 'release', 'adjustment']);
type LedgerKind = z.infer<typeof LedgerKind>;

/** One entry of an inmate's trust account; the balance is the sum of amounts. */
const LedgerRow = z.object({
  id: Id,
  inmateId: Id,
  kind: LedgerKind,
  /** Signed: deposits positive, fees and purchases negative. */
  amountCents: Cents,
  /** What the line is, as a code and parameters; absent on lines written before labels (the kind says it then). */
  label: LedgerLabel.optional(),
  at: EpochMs,
});
type LedgerRow = z.infer<typeof LedgerRow>;

const AccountRow = z.object({
  /** Same as the inmate id: one account per inmate. */
  id: Id,
  balanceCents: Cents,
  asOf: EpochMs,
  releaseCard: z.object({
    status: z.enum(['none', 'requested', 'issued', 'active']),
    lastFour: z
      .string()
      .regex(/^[0-9]{4}$/)
      .nullable(),
  }),
});
type AccountRow = z.infer<typeof AccountRow>;

const ScheduledDepositRow = z.object({
  id: Id,
  inmateId: Id,
  fromName: z.string().max(200),
  amountCents: NonNegativeCents,
  nextAt: EpochMs,
  recurrence: z.enum(['once', 'weekly', 'monthly']),
});
type ScheduledDepositRow = z.infer<typeof ScheduledDepositRow>;

const QuizQuestion = z.object({
  id: z.string().min(1).max(64),
  prompt: z.string().max(1000),
  options: z.array(z.string().max(300)).min(2).max(8),
  answerIndex: z.number().int().nonnegative(),
});

export const CourseContent = z.object({
  passFraction: z.number().min(0).max(1),
  lessons: z
    .array(
      z.object({
        id: z.string().min(1).max(64),
        title: z.string().max(200),
        body: z.string().max(50_000),
        quiz: z.array(QuizQuestion).max(50),
      }),
    )
    .min(1),
});
export type CourseContent = z.infer<typeof CourseContent>;

/** A facility-approved catalog item, or a withdrawn one its owners keep; other unapproved items are never sent to devices. */
export const CatalogItemRow = z.object({
  id: Id,
  kind: z.enum(['book', 'album', 'course', 'game']),
  title: z.string().min(1).max(300),
  author: z.string().max(200),
  language: Language,
  description: z.string().max(2000),
  priceCents: NonNegativeCents,
  /** book: the EPUB; album: tracks in order; course/game: none. */
  files: z.array(MediaRef.extend({ title: z.string().max(300), durationMs: z.number().int().nonnegative() })),
  course: CourseContent.nullable(),
  /** game: which built-in game it is (e.g. 'sudoku', '2048'). */
  gameId: z.string().max(64).nullable(),
  /**
   * false: the facility withdrew it. It is still sent to devices of inmates
   * who bought it (what was bought stays theirs), but nobody can buy it now
   * and it is listed only for its owners. Missing (older servers): true.
   */
  available: z.boolean().default(true),
  updatedAt: EpochMs,
});
export type CatalogItemRow = z.infer<typeof CatalogItemRow>;

/** Something an inmate owns; kept by the server, so it survives device swaps. */
const EntitlementRow = z.object({
  id: Id,
  inmateId: Id,
  itemId: Id,
  /** The outbox id of the purchase that created it, if made on a device. */
  clientOpId: Id.nullable(),
  pricePaidCents: NonNegativeCents,
  acquiredAt: EpochMs,
});
type EntitlementRow = z.infer<typeof EntitlementRow>;

/** Reading position, listening position or course progress, last writer (by updatedAt) wins. */
const ProgressRow = z.object({
  /** `${inmateId}:${itemId}` so there is one row per inmate and item. */
  id: z.string().min(1).max(100),
  inmateId: Id,
  itemId: Id,
  data: BoundedJsonRecord,
  updatedAt: EpochMs,
});
type ProgressRow = z.infer<typeof ProgressRow>;

export const TicketRow = z.object({
  id: Id,
  inmateId: Id,
  clientOpId: Id.nullable(),
  subject: z.string().min(1).max(200),
  status: z.enum(['open', 'answered', 'closed']),
  createdAt: EpochMs,
  replies: z.array(z.object({ from: z.enum(['inmate', 'staff']), body: z.string().max(5000), at: EpochMs })),
  updatedAt: EpochMs,
});
export type TicketRow = z.infer<typeof TicketRow>;

const AnnouncementRow = z.object({
  id: Id,
  facilityId: Id,
  /** null: the whole facility. */
  unitId: Id.nullable(),
  title: z.string().min(1).max(200),
  body: z.string().max(5000),
  language: Language.nullable(),
  postedAt: EpochMs,
  expiresAt: EpochMs.nullable(),
});
type AnnouncementRow = z.infer<typeof AnnouncementRow>;

/** A technician who may open the maintenance screen on devices of this facility. */
export const TechnicianRow = z.object({
  id: Id,
  facilityId: Id,
  name: z.string().min(1).max(200),
  secretHash: SecretHash,
  active: z.boolean(),
});
export type TechnicianRow = z.infer<typeof TechnicianRow>;

export const syncTables = {
  facilities: FacilityRow,
  units: UnitRow,
  inmates: InmateRow,
  contacts: ContactRow,
  messages: MessageRow,
  ledger: LedgerRow,
  accounts: AccountRow,
  scheduled_deposits: ScheduledDepositRow,
  catalog: CatalogItemRow,
  entitlements: EntitlementRow,
  progress: ProgressRow,
  tickets: TicketRow,
  announcements: AnnouncementRow,
  technicians: TechnicianRow,
} as const;
export type SyncTable = keyof typeof syncTables;
export const syncTableNames = Object.keys(syncTables) as SyncTable[];
export type SyncRow<T extends SyncTable> = z.infer<(typeof syncTables)[T]>;
