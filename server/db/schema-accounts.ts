import type { Generated } from 'kysely';

/**
 * The facility server's tables for web sign-in, sessions, lockout counters and
 * process leases (split from schema.ts, which lists every table in `Database`).
 */
export interface WebSessionsTable {
  id_hash: string;
  kind: 'family' | 'staff';
  account_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

/** A browser that answered the security prompt for an account ("remember this device"). */
export interface RememberedBrowsersTable {
  token_hash: string;
  account_id: string;
  created_at: number;
}

export interface PasswordResetsTable {
  token_hash: string;
  account_id: string;
  expires_at: number;
  used_at: number | null;
}

/** Failed sign-ins per account or per address, for lockout and rate limits. */
export interface SignInFailuresTable {
  key: string;
  failures: number;
  window_start: number;
  locked_until: number;
}

/** Facts about this database (`seeded_as`: 'demo' when the demo seed made it). */
export interface ServerMetaTable {
  key: string;
  value: string;
}

/** A password that was right on a browser the account has not seen: the security question is pending. */
export interface SignInChallengesTable {
  id_hash: string;
  account_id: string;
  expires_at: number;
}

export interface EmailConfirmationsTable {
  token_hash: string;
  account_id: string;
  expires_at: number;
  used_at: number | null;
}

/** A named lease on work exactly one server process may do at a time (migration 0006). */
export interface LeasesTable {
  name: string;
  /** The holding process's random id. */
  holder: string;
  expires_at: number;
}

/** A one-time link for staff (migration 0009), stored as the SHA-256 of its token. */
export interface StaffLinksTable {
  token_hash: string;
  /** 'setup': the first start's link; 'invite': a new staff member; 'reset': made by the CLI on the server host. */
  purpose: 'setup' | 'invite' | 'reset';
  staff_id: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** One administrative change: who, when, what, old → new (JSON, or null). */
export interface AuditLogTable {
  id: string;
  facility_id: string;
  /** The staff member; null for the server host's CLI. */
  actor_id: string | null;
  at: number;
  action: string;
  target: string | null;
  old_value: string | null;
  new_value: string | null;
}

/** Staff of a facility: sign in to the console with email + password. */
export interface StaffUsersTable {
  id: string;
  facility_id: string;
  email: string;
  display_name: string;
  role: 'reviewer' | 'admin' | 'technician' | 'finance';
  /** '' while an invitation is not yet accepted. */
  password_hash: string;
  created_at: number;
  /** 'invited' until the emailed link is followed; 'deactivated' cannot sign in again. */
  status: Generated<'invited' | 'active' | 'deactivated'>;
  security_question: string | null;
  security_answer_hash: string | null;
}
