import type { Language } from '../../../shared/domain/languages';
import type { LedgerLabel } from '../../../shared/domain/ledger-label';
import type { TrailEvent } from '../../../shared/domain/message-trail';
/**
 * What the screens need from the kiosk, in the shapes the screens use.
 *
 * Screens never call the kiosk client directly: they call these ports, and
 * `kiosk-services.ts` maps each port onto the typed kiosk API. That keeps a
 * renamed field in the contract a one-file change here, and lets component
 * tests run every screen against an in-memory implementation.
 */

export interface Inmate {
  id: string;
  displayName: string;
  docNumber: string;
  /** The person's own language; the screen switches to it at sign-in. */
  language: Language;
}

export type SignInResult =
  | { kind: 'signed-in'; inmate: Inmate; idleTimeoutMs: number }
  | { kind: 'security-question'; question: string; challengeId: string };

interface AuthPort {
  signIn(docNumber: string, pin: string): Promise<SignInResult>;
  answerSecurityQuestion(challengeId: string, answer: string): Promise<SignInResult>;
  /** "Forgot PIN": a staff member gives a one-time reset code; the inmate sets a new PIN with it. */
  resetPin(docNumber: string, resetCode: string, newPin: string): Promise<void>;
  /** Signed in: a new PIN in place of the current one (checked by core; wrong tries count toward the lockout). */
  changePin(currentPin: string, newPin: string): Promise<void>;
  signOut(): Promise<void>;
  /** Tells core the inmate is still there (touch, key), so the session's idle clock restarts. */
  keepAlive(): Promise<void>;
  /** Session events from core: a warning before the idle timeout, and the end of the session. */
  onExpiring(listener: (secondsLeft: number) => void): () => void;
  /** The facility's maximum session length is near (activity does not extend it). */
  onEnding(listener: (secondsLeft: number) => void): () => void;
  onEnded(listener: (reason: string) => void): () => void;
}

export type InboxFilter = 'all' | 'unread' | 'photos' | 'videogram';
type MessageKind = 'text' | 'ecard' | 'videogram';

export interface InboxRow {
  id: string;
  from: string;
  preview: string;
  receivedAt: number;
  unread: boolean;
  hasPhotos: boolean;
  kind: MessageKind;
}

interface InboxPage {
  rows: InboxRow[];
  /** Rows matching the filter and search in total, so the list can size its scrollbar. */
  total: number;
}

export interface Photo {
  id: string;
  url: string;
  alt: string;
}

export interface ECard {
  template: string;
  greeting: string;
}

interface Videogram {
  url: string;
  captionsUrl: string | null;
  durationSeconds: number;
}

export interface Message {
  id: string;
  from: string;
  contactId: string;
  receivedAt: number;
  body: string;
  unread: boolean;
  kind: MessageKind;
  photos: Photo[];
  ecard: ECard | null;
  videogram: Videogram | null;
}

export interface InboxPort {
  /** One window of the inbox, newest first; `offset`/`limit` let a virtual list fetch what it shows. */
  list(query: { filter: InboxFilter; search: string; offset: number; limit: number }): Promise<InboxPage>;
  get(id: string): Promise<Message>;
  markRead(id: string): Promise<void>;
  /** For the home screen's tiles. */
  counts(): Promise<{ unread: number; unreadVideograms: number }>;
  onChanged(listener: () => void): () => void;
}

export type OutgoingStatus = 'queued' | 'sent' | 'in_review' | 'delivered' | 'rejected';

export interface OutgoingMessage {
  id: string;
  to: string;
  body: string;
  kind: 'text' | 'videogram';
  createdAt: number;
  status: OutgoingStatus;
  /** Staff's own words when a reviewer rejected it. */
  rejectionReason: string | null;
  /** The server's code when it refused the send itself; the screen words it. */
  refusal: string | null;
  /** A rejected message's stamp went back to the account. */
  stampRefunded: boolean;
}

export interface ComposeRules {
  maxChars: number;
  stampCostCents: number;
  /** A videogram reply costs its own stamp (the facility's videogram price). */
  videogramStampCostCents: number;
  balanceCents: number;
}

export interface Draft {
  id: string;
  /** A reply's draft names the message it answers; a new message's draft names the contact. */
  replyTo: string | null;
  contactId: string | null;
  to: string;
  body: string;
  updatedAt: number;
}

export interface Contact {
  id: string;
  displayName: string;
  relationship: string | null;
}

/** Who a message goes to: the sender of a message being answered, or one of the inmate's approved contacts. */
export type Recipient = { replyTo: string } | { contactId: string };

interface ComposePort {
  rules(): Promise<ComposeRules>;
  /** The inmate's approved contacts, for a new message. */
  contacts(): Promise<Contact[]>;
  /** `clientId` makes the send idempotent: a retried tap never sends twice. */
  send(input: { clientId: string; body: string } & Recipient): Promise<OutgoingMessage>;
  sendVideogram(input: {
    clientId: string;
    replyTo: string;
    video: Blob;
    durationMs: number;
  }): Promise<OutgoingMessage>;
  outgoing(): Promise<OutgoingMessage[]>;
  /** "Where is it?": the moments of one sent message (from the server when reachable). */
  trail(id: string): Promise<{ events: TrailEvent[]; fromServer: boolean }>;
  drafts(): Promise<Draft[]>;
  saveDraft(input: { id: string | null; body: string } & Recipient): Promise<Draft>;
  deleteDraft(id: string): Promise<void>;
  onStatus(listener: () => void): () => void;
}

interface Transaction {
  id: string;
  at: number;
  /** What the line is, as a code and parameters (shared/domain/ledger-label); the screen words it. */
  label: LedgerLabel;
  amountCents: number;
  kind: 'deposit' | 'purchase' | 'stamp' | 'fee' | 'other';
}

interface ScheduledDeposit {
  id: string;
  from: string;
  dueAt: number;
  amountCents: number;
}

export interface AccountSummary {
  balanceCents: number;
  asOf: number;
  transactions: Transaction[];
  scheduledDeposits: ScheduledDeposit[];
  releaseCard: { status: 'none' | 'requested' | 'issued' | 'active'; lastFour: string | null };
}

interface AccountPort {
  summary(): Promise<AccountSummary>;
}

export interface Announcement {
  id: string;
  title: string;
  body: string;
  postedAt: number;
}

interface AnnouncementsPort {
  list(): Promise<Announcement[]>;
}

interface TicketReply {
  from: 'me' | 'staff';
  body: string;
  at: number;
}

export interface Ticket {
  id: string;
  subject: string;
  status: 'open' | 'answered' | 'closed';
  createdAt: number;
  replies: TicketReply[];
}

interface SupportPort {
  tickets(): Promise<Ticket[]>;
  open(input: { clientId: string; subject: string; body: string }): Promise<Ticket>;
  reply(input: { clientId: string; ticketId: string; body: string }): Promise<Ticket>;
}

export type LibraryKind = 'book' | 'album' | 'course';

export interface LibraryItem {
  id: string;
  kind: LibraryKind;
  title: string;
  author: string;
  priceCents: number;
  owned: boolean;
}

export interface CatalogGame {
  id: string;
  title: string;
  /** Which built-in game it is ('sudoku', '2048', …); null if the catalog does not say. */
  gameId: string | null;
  owned: boolean;
}

export interface Track {
  id: string;
  title: string;
  url: string;
  durationSeconds: number;
}

interface QuizQuestion {
  id: string;
  prompt: string;
  options: string[];
}

export interface Lesson {
  id: string;
  title: string;
  body: string;
  quiz: QuizQuestion[];
}

export interface Course {
  id: string;
  title: string;
  lessons: Lesson[];
  completedLessonIds: string[];
  certificateIssuedAt: number | null;
}

export interface ReadingPosition {
  /** Spine index and fraction through that chapter. */
  chapter: number;
  fraction: number;
  /** The exact place as an EPUB CFI (absent in positions saved before the reader kept one). */
  cfi?: string;
  bookmarks: { chapter: number; fraction: number; cfi?: string; label: string }[];
}

interface LibraryPort {
  catalog(query: { kind: LibraryKind; search: string }): Promise<LibraryItem[]>;
  purchase(input: { clientId: string; itemId: string }): Promise<LibraryItem>;
  /** URL of the EPUB file (served locally from the verified media store). */
  bookUrl(itemId: string): Promise<string>;
  readingPosition(itemId: string): Promise<ReadingPosition | null>;
  saveReadingPosition(itemId: string, position: ReadingPosition): Promise<void>;
  /** Tells the device's diagnostics why a book could not be read. */
  reportBookProblem(
    itemId: string,
    problem: 'broken' | 'empty' | 'over_limits' | 'unavailable',
    detail: string,
  ): Promise<void>;
  tracks(albumId: string): Promise<Track[]>;
  /** The games the facility approved (catalog items of kind game), with the built-in game each one is. */
  games(): Promise<CatalogGame[]>;
  /** The facility's cap on music volume (share of full volume, hearing safety). */
  musicSettings(): Promise<{ volumeMax: number }>;
  course(courseId: string): Promise<Course>;
  submitQuiz(input: {
    clientId: string;
    courseId: string;
    lessonId: string;
    answers: Record<string, number>;
  }): Promise<{ correct: number; total: number; passed: boolean; wrongQuestionIds: string[]; course: Course }>;
}

interface SyncProgress {
  phase: 'push' | 'pull';
  pushed: number;
  pages: number;
  rowsApplied: number;
  /** Applied plus what the server says is left; null while unknown. */
  rowsTotal: number | null;
}

export interface SyncState {
  state: 'idle' | 'syncing' | 'offline' | 'error';
  /** UTC ms of the last finished sync; null if none ever finished. */
  lastSyncAt: number | null;
  pendingUploads: number;
  /** How far the running sync has got; null between syncs. */
  progress: SyncProgress | null;
}

export interface SyncPort {
  status(): Promise<SyncState>;
  onChange(listener: (state: SyncState) => void): () => void;
}

export interface KioskServices {
  auth: AuthPort;
  inbox: InboxPort;
  compose: ComposePort;
  account: AccountPort;
  announcements: AnnouncementsPort;
  support: SupportPort;
  library: LibraryPort;
  sync: SyncPort;
}
