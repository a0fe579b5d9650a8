import type { Generated, Selectable } from 'kysely';
import type {
  WebSessionsTable,
  RememberedBrowsersTable,
  PasswordResetsTable,
  SignInFailuresTable,
  ServerMetaTable,
  SignInChallengesTable,
  EmailConfirmationsTable,
  LeasesTable,
  StaffLinksTable,
  StaffUsersTable,
  AuditLogTable,
} from './schema-accounts';
import type { IntakeTables } from './schema-intake';
import type { ExportJobsTable } from './schema-export';

/**
 * The facility server's tables, as Kysely sees them. Ids are UUIDv7 text,
 * money integer cents, times integer UTC epoch ms, nested data JSON text:
 * types both SQLite and PostgreSQL store the same way, so moving a state's
 * deployment to PostgreSQL is a dialect change, not a rewrite.
 */
interface FacilitiesTable {
  id: string;
  name: string;
  time_zone: string;
  /** JSON: message limits, stamp prices, sign-in and session rules (FacilitySettings). */
  settings: string;
  /** JSON: deposit fee tiers [{ upToCents, feeCents }]. */
  fee_schedule: string;
  /** JSON: which directions and kinds need staff review (ReviewPolicy). */
  review_policy: string;
  updated_at: number;
  /** The console's and devices' default language ('en' | 'es'), chosen at setup. */
  locale: Generated<string>;
  /** ISO 4217 code money is shown in (amounts stay integer cents). */
  currency: Generated<string>;
}

interface UnitsTable {
  id: string;
  facility_id: string;
  name: string;
}

interface InmatesTable {
  id: string;
  facility_id: string;
  unit_id: string;
  doc_number: string;
  first_name: string;
  last_name: string;
  language: string;
  status: 'active' | 'released' | 'inactive';
  pin_hash: string;
  pin_version: number;
  security_question: string;
  security_answer_hash: string;
  /** JSON { codeHash, expiresAt } or null. */
  pin_reset: string | null;
  updated_at: number;
}

interface FamilyAccountsTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  security_question: string;
  security_answer_hash: string;
  created_at: number;
  /** Null until the emailed link is followed; an unconfirmed account cannot sign in. */
  email_confirmed_at: number | null;
}

interface ContactsTable {
  id: string;
  inmate_id: string;
  family_id: string;
  display_name: string;
  relationship: string | null;
  status: 'pending' | 'approved' | 'blocked';
  updated_at: number;
}

interface MessagesTable {
  id: string;
  inmate_id: string;
  contact_id: string;
  direction: 'in' | 'out';
  kind: 'text' | 'ecard' | 'videogram';
  body: string;
  photos: string;
  ecard: string | null;
  videogram: string | null;
  status: 'pending_review' | 'approved' | 'rejected' | 'delivered';
  rejection_reason: string | null;
  client_op_id: string | null;
  stamp_cents: number;
  created_at: number;
  deliver_at: number;
  /** Set once the change log announced a scheduled message at its delivery time. */
  delivery_announced: number;
  read_at: number | null;
  updated_at: number;
  /** Why it waits for review: 'policy' (the facility reviews this kind) or 'keyword' (a listed word). */
  hold_reason: 'policy' | 'keyword' | null;
  /** JSON KeywordHit[]: the listed words found, with where they are in the text. */
  keyword_hits: string | null;
  /** With a rejection: `rejection_reason` holds the reason's code, this the reviewer's own words. */
  reason_note: string | null;
  decided_by: string | null;
  decided_at: number | null;
  /** JSON PendingDecision: a decision still inside its undo window (the message is not yet delivered). */
  pending_decision: string | null;
  decision_due_at: number | null;
  /** The reviewer who has this message on screen, until `claim_expires_at`. */
  claimed_by: string | null;
  claim_expires_at: number | null;
  /** When a device of the inmate first confirmed (by its pull cursor) it had the message. */
  delivered_at: number | null;
}

/** A preset rejection reason of a facility: the code is stored on the message, the labels shown. */
interface ReviewReasonsTable {
  id: string;
  facility_id: string;
  code: string;
  label_en: string;
  label_es: string;
  active: number;
  position: number;
}

/** A facility's keyword list: a JSON array of entries ("droga|drogas": inflections named with |). */
interface KeywordListsTable {
  facility_id: string;
  terms: string;
  updated_at: number;
}

/** One moment in a message's life (see server/domain/message-events.ts). */
interface MessageEventsTable {
  id: string;
  message_id: string;
  at: number;
  kind: string;
  source: 'server' | 'device';
  /** The staff member who acted (decisions): shown to staff only. */
  actor_id: string | null;
  /** JSON with the event's parameters (codes, never sentences). */
  detail: string | null;
}

interface LedgerTable {
  id: string;
  inmate_id: string;
  kind: 'deposit' | 'fee' | 'purchase' | 'stamp' | 'refund' | 'release' | 'adjustment';
  amount_cents: number;
  /** The staff-side record; devices get `label`. */
  description: string;
  /** JSON of shared/domain/ledger-label (null on lines written before labels). */
  label: string | null;
  at: number;
  /** What caused it (a message, a purchase, a deposit), for receipts and refunds. */
  ref_id: string | null;
}

interface AccountsTable {
  inmate_id: string;
  release_card_status: 'none' | 'requested' | 'issued' | 'active';
  release_card_last_four: string | null;
  updated_at: number;
}

interface ScheduledDepositsTable {
  id: string;
  inmate_id: string;
  family_id: string;
  from_name: string;
  amount_cents: number;
  next_at: number;
  recurrence: 'once' | 'weekly' | 'monthly';
  active: number;
  /** The payment processor's token for the family's payment method, charged on every run (null: made before runs were charged). */
  payment_token: string | null;
}

/** One run of a scheduled deposit: claimed ('charging') before the charge, then settled. */
interface DepositRunsTable {
  id: string;
  schedule_id: string;
  due_at: number;
  status: 'charging' | 'charged' | 'declined' | 'skipped';
  payment_reference: string | null;
  /** Why a run did not credit the account ('payment_declined', 'no_payment_method', 'released'). */
  problem: string | null;
  created_at: number;
  settled_at: number | null;
}

/** A deposit that ran, as the family sees it (see migration 0003). */
interface DepositReceiptsTable {
  id: string;
  family_id: string;
  inmate_id: string;
  /** The schedule it ran from, or null for a deposit made now. */
  schedule_id: string | null;
  amount_cents: number;
  fee_cents: number;
  /** 'completed', or 'not_delivered' when the person had left the facility by the run. */
  status: 'completed' | 'not_delivered';
  at: number;
}

interface CatalogTable {
  id: string;
  kind: 'book' | 'album' | 'course' | 'game';
  title: string;
  author: string;
  language: string;
  description: string;
  files: string;
  course: string | null;
  game_id: string | null;
  cover_sha256: string | null;
  added_by_facility: string | null;
  updated_at: number;
}

/** A catalog item a facility approved, at the facility's price. */
interface CatalogApprovalsTable {
  facility_id: string;
  item_id: string;
  price_cents: number;
  approved_at: number;
}

interface EntitlementsTable {
  id: string;
  inmate_id: string;
  item_id: string;
  client_op_id: string | null;
  price_paid_cents: number;
  acquired_at: number;
}

interface ProgressTable {
  id: string;
  inmate_id: string;
  item_id: string;
  data: string;
  updated_at: number;
}

interface TicketsTable {
  id: string;
  inmate_id: string;
  client_op_id: string | null;
  subject: string;
  status: 'open' | 'answered' | 'closed';
  replies: string;
  created_at: number;
  updated_at: number;
}

interface AnnouncementsTable {
  id: string;
  facility_id: string;
  unit_id: string | null;
  title: string;
  body: string;
  language: string | null;
  posted_at: number;
  expires_at: number | null;
}

interface TechniciansTable {
  id: string;
  facility_id: string;
  name: string;
  secret_hash: string;
  active: number;
}

interface DevicesTable {
  id: string;
  facility_id: string;
  unit_id: string | null;
  inmate_id: string | null;
  mode: 'kiosk' | 'tablet';
  label: string;
  secret_hash: string;
  app_version: string;
  enrolled_at: number;
  last_seen_at: number | null;
  revoked_at: number | null;
  /** The change-feed cursor the device last pulled from: everything up to it is on the device. */
  acked_cursor: Generated<number>;
}

interface EnrollmentCodesTable {
  id: string;
  facility_id: string;
  code_hash: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  device_id: string | null;
}

/** The change log devices pull from; seq is the cursor. */
interface ChangesTable {
  seq: Generated<number>;
  table_name: string;
  row_id: string;
  facility_id: string;
  unit_id: string | null;
  inmate_id: string | null;
  at: number;
}

/** The result of every pushed outbox item, by its client id: replays get the same answer. */
interface OutboxReceiptsTable {
  id: string;
  device_id: string;
  result: string;
  at: number;
}

interface MediaTable {
  sha256: string;
  mime: string;
  bytes: number;
  created_at: number;
}

/** Who may fetch a blob: a facility's catalog (inmate null) or one inmate's messages. */
interface MediaRefsTable {
  sha256: string;
  facility_id: string;
  inmate_id: string | null;
}

interface DeviceReportsTable {
  id: string;
  device_id: string;
  at: number;
  kind: string;
  technician_id: string | null;
  action: string;
  detail: string;
  received_at: number;
}

export interface Database extends IntakeTables {
  server_meta: ServerMetaTable;
  sign_in_challenges: SignInChallengesTable;
  email_confirmations: EmailConfirmationsTable;
  leases: LeasesTable;
  staff_links: StaffLinksTable;
  audit_log: AuditLogTable;
  web_sessions: WebSessionsTable;
  remembered_browsers: RememberedBrowsersTable;
  password_resets: PasswordResetsTable;
  sign_in_failures: SignInFailuresTable;
  facilities: FacilitiesTable;
  units: UnitsTable;
  inmates: InmatesTable;
  family_accounts: FamilyAccountsTable;
  contacts: ContactsTable;
  staff_users: StaffUsersTable;
  messages: MessagesTable;
  ledger: LedgerTable;
  accounts: AccountsTable;
  scheduled_deposits: ScheduledDepositsTable;
  deposit_receipts: DepositReceiptsTable;
  deposit_runs: DepositRunsTable;
  catalog: CatalogTable;
  catalog_approvals: CatalogApprovalsTable;
  entitlements: EntitlementsTable;
  progress: ProgressTable;
  tickets: TicketsTable;
  announcements: AnnouncementsTable;
  technicians: TechniciansTable;
  devices: DevicesTable;
  enrollment_codes: EnrollmentCodesTable;
  changes: ChangesTable;
  outbox_receipts: OutboxReceiptsTable;
  media: MediaTable;
  media_refs: MediaRefsTable;
  device_reports: DeviceReportsTable;
  review_reasons: ReviewReasonsTable;
  keyword_lists: KeywordListsTable;
  message_events: MessageEventsTable;
  export_jobs: ExportJobsTable;
}

export type Row<T extends keyof Database> = Selectable<Database[T]>;
