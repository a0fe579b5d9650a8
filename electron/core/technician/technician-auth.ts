import type { TechnicianRow } from '../../../shared/sync/rows';
import { verifySecret } from '../../../shared/node/scrypt';

/**
 * Technician sign-in on a provisioned device, verified offline against the
 * technician credentials the server synced (scrypt hashes). A guessed
 * credential costs a lockout: after `maxFailures` wrong tries the gate stays
 * shut for `lockoutMs`, whatever is typed.
 */
export interface TechnicianAuthOptions {
  readonly technicians: () => readonly TechnicianRow[];
  readonly now: () => number;
  readonly maxFailures?: number;
  readonly lockoutMs?: number;
  /** A technician session ends after this much inactivity. */
  readonly sessionIdleMs?: number;
}

export type TechnicianSignIn =
  | { ok: true; technician: { id: string; name: string } }
  | { ok: false; reason: 'wrong_credential' | 'locked_out'; retryAt: number | null };

export class TechnicianAuth {
  private failures: number[] = [];
  private lockedUntil = 0;
  /**
   * Signed-in technicians by the renderer connection (screen) that signed in, like inmate sessions: a
   * session opened on one screen is nothing to another screen or connection.
   */
  private readonly sessions = new Map<string, { id: string; name: string; lastActivity: number }>();
  private readonly maxFailures: number;
  private readonly lockoutMs: number;
  private readonly sessionIdleMs: number;

  constructor(private readonly options: TechnicianAuthOptions) {
    this.maxFailures = options.maxFailures ?? 3;
    this.lockoutMs = options.lockoutMs ?? 5 * 60_000;
    this.sessionIdleMs = options.sessionIdleMs ?? 10 * 60_000;
  }

  /** `login` is the technician's name or id as issued by the staff console; `secret` their credential. */
  async signIn(login: string, secret: string, connectionId: string): Promise<TechnicianSignIn> {
    const now = this.options.now();
    if (now < this.lockedUntil) return { ok: false, reason: 'locked_out', retryAt: this.lockedUntil };
    const wanted = login.trim().toLowerCase();
    const candidate = this.options
      .technicians()
      .find((t) => t.active && (t.id === wanted || t.name.trim().toLowerCase() === wanted));
    // Verify even when nobody matches, so timing does not tell which names exist.
    const ok = candidate
      ? await verifySecret(secret, candidate.secretHash)
      : (await verifySecret(secret, decoyHash), false);
    if (ok && candidate) {
      this.failures = [];
      this.sessions.set(connectionId, { id: candidate.id, name: candidate.name, lastActivity: now });
      return { ok: true, technician: { id: candidate.id, name: candidate.name } };
    }
    this.failures = [...this.failures.filter((t) => now - t < this.lockoutMs), now];
    if (this.failures.length >= this.maxFailures) {
      this.lockedUntil = now + this.lockoutMs;
      this.failures = [];
      return { ok: false, reason: 'locked_out', retryAt: this.lockedUntil };
    }
    return { ok: false, reason: 'wrong_credential', retryAt: null };
  }

  /** The technician signed in on this connection, if the session is still fresh; touching it keeps it alive. */
  active(connectionId: string): { id: string; name: string } | null {
    const now = this.options.now();
    const session = this.sessions.get(connectionId);
    if (!session) return null;
    if (now - session.lastActivity > this.sessionIdleMs) {
      this.sessions.delete(connectionId);
      return null;
    }
    session.lastActivity = now;
    return { id: session.id, name: session.name };
  }

  /** Ends this connection's technician session (sign-out, or the host says the connection is gone). */
  signOut(connectionId: string): void {
    this.sessions.delete(connectionId);
  }
}

/** A fixed hash of nothing anyone types, used to spend the same time on unknown names. */
const decoyHash = {
  algo: 'scrypt',
  N: 16_384,
  r: 8,
  p: 1,
  saltHex: '00000000000000000000000000000000',
  hashHex: '0000000000000000000000000000000000000000000000000000000000000000',
} as const;
