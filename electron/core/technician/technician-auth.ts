import type { TechnicianRow } from '../../../shared/sync/rows';
import { verifySecret } from '../../../shared/node/scrypt';
import { guardedAttempt, memoryLockoutStore, type LockoutStore } from '../../../shared/domain/lockout';

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
  /** Where the gate's counter lives (core: the cache's `lockouts` table, so a restart does not reopen it). */
  readonly lockouts?: LockoutStore;
}

export type TechnicianSignIn =
  | { ok: true; technician: { id: string; name: string } }
  | { ok: false; reason: 'wrong_credential' | 'locked_out'; retryAt: number | null };

export class TechnicianAuth {
  private readonly lockouts: LockoutStore;
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
    this.lockouts = options.lockouts ?? memoryLockoutStore();
  }

  /** `login` is the technician's name or id as issued by the staff console; `secret` their credential. */
  async signIn(login: string, secret: string, connectionId: string): Promise<TechnicianSignIn> {
    const now = this.options.now();
    const wanted = login.trim().toLowerCase();
    // One counter for the whole gate (shared/domain/lockout.ts): reserved before the hash, so a burst of
    // guesses evaluates at most `maxFailures` of them.
    const outcome = await guardedAttempt(
      this.lockouts,
      [
        {
          key: 'technician-gate',
          policy: { limit: this.maxFailures, windowMs: this.lockoutMs, lockMs: this.lockoutMs },
          onSuccess: 'reset',
        },
      ],
      now,
      async () => {
        const candidate = this.options
          .technicians()
          .find((t) => t.active && (t.id === wanted || t.name.trim().toLowerCase() === wanted));
        // Verify even when nobody matches, so timing does not tell which names exist.
        if (!candidate) return (await verifySecret(secret, decoyHash), null);
        return (await verifySecret(secret, candidate.secretHash)) ? candidate : null;
      },
    );
    if (outcome.kind === 'ok') {
      const { id, name } = outcome.value;
      this.sessions.set(connectionId, { id, name, lastActivity: now });
      return { ok: true, technician: { id, name } };
    }
    if (outcome.kind === 'locked' || outcome.lockedNow)
      return { ok: false, reason: 'locked_out', retryAt: now + outcome.retryAfterMs };
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
