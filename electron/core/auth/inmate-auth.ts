import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { KioskError } from '../../../shared/kiosk-api/errors';
import type { SignInResult } from '../../../shared/kiosk-api/calls/inmate';
import { DOC_NUMBER_PATTERN, PIN_PATTERN } from '../../../shared/domain/limits';
import type { FacilityRow, InmateRow } from '../../../shared/sync/rows';
import { normalizeAnswer, type SecretHash } from '../../../shared/sync/secret-hash';
import { hashSecret, verifySecret } from '../../../shared/node/scrypt';
import type { CacheStore } from '../cache/cache-store';
import type { Sessions } from './sessions';
import { sqliteLockoutStore } from './lockout-store';
import { guardedAttempt, type LockoutCounter, type LockoutStore } from '../../../shared/domain/lockout';

const PIN_MISMATCH = 'DOC number and PIN do not match.';
/** Failures older than this no longer count towards a lockout. */
const FAILURE_MEMORY_MS = 24 * 60 * 60_000;

/** Spent on unknown DOC numbers so a wrong number takes as long as a wrong PIN. */
const decoy: SecretHash = { algo: 'scrypt', N: 16_384, r: 8, p: 1, saltHex: '00'.repeat(16), hashHex: '00'.repeat(32) };

interface Challenge {
  inmateId: string;
  connectionId: string;
  expiresAt: number;
}

export interface InmateAuthOptions {
  readonly db: Database;
  readonly cache: CacheStore;
  readonly sessions: Sessions;
  readonly mode: () => 'kiosk' | 'tablet' | 'unprovisioned';
  /** Queues a PIN change or reset for the server (in the caller's transaction). */
  readonly queuePinOp: (
    inmateId: string,
    op:
      | { kind: 'pin.change'; pinHash: SecretHash; pinVersion: number }
      | { kind: 'pin.reset'; resetCode: string; pinHash: SecretHash },
  ) => void;
  readonly now?: () => number;
  /** Where the PIN and answer counters live (default: the device cache's `lockouts` table). */
  readonly lockouts?: LockoutStore;
}

/**
 * Inmate sign-in on the device, offline: DOC number + PIN against the slow
 * salted hash synced from the server, a lockout after the facility's number
 * of failures, and the security question on a first sign-in on this device
 * or after a lockout.
 */
export class InmateAuth {
  private readonly challenges = new Map<string, Challenge>();
  private readonly now: () => number;
  private readonly lockouts: LockoutStore;

  constructor(private readonly options: InmateAuthOptions) {
    this.now = options.now ?? Date.now;
    this.lockouts = options.lockouts ?? sqliteLockoutStore(options.db);
  }

  private facility(): FacilityRow {
    const facility = this.options.cache.all('facilities')[0];
    if (!facility) throw new KioskError({ code: 'offline', message: 'This device has not received its facility yet.' });
    return facility;
  }

  private findInmate(docNumber: string): InmateRow | null {
    const wanted = docNumber.trim().toUpperCase();
    return this.options.cache.all('inmates').find((inmate) => inmate.docNumber.toUpperCase() === wanted) ?? null;
  }

  private verifiedHere(inmateId: string): boolean {
    const row = this.options.db.prepare('SELECT verified_here FROM signin_state WHERE inmate_id = ?').get(inmateId) as
      { verified_here: number } | undefined;
    return row?.verified_here === 1;
  }

  private setVerifiedHere(inmateId: string, verified: boolean): void {
    this.options.db
      .prepare(
        'INSERT INTO signin_state (inmate_id, failures, locked_until, verified_here) VALUES (?, 0, 0, ?) ON CONFLICT (inmate_id) DO UPDATE SET verified_here = excluded.verified_here',
      )
      .run(inmateId, verified ? 1 : 0);
  }

  /** The PIN (sign-in, PIN change, reset code) and the security answer each have a counter of their own. */
  private counter(kind: 'pin' | 'answer', inmateId: string, facility: FacilityRow): LockoutCounter {
    return {
      key: `${kind}:${inmateId}`,
      policy: { limit: facility.failedSignInLimit, windowMs: FAILURE_MEMORY_MS, lockMs: facility.lockoutMs },
      onSuccess: 'reset',
    };
  }

  /**
   * Runs one guess under the counter (shared/domain/lockout.ts): reserved
   * before the hash, so a burst of guesses evaluates at most the limit.
   */
  private async guarded(
    kind: 'pin' | 'answer',
    inmateId: string,
    facility: FacilityRow,
    verify: () => Promise<boolean>,
    message: string,
  ): Promise<void> {
    const outcome = await guardedAttempt(
      this.lockouts,
      [this.counter(kind, inmateId, facility)],
      this.now(),
      async () => ((await verify()) ? true : null),
    );
    if (outcome.kind === 'ok') return;
    if (outcome.kind === 'locked' || outcome.lockedNow) {
      // After a PIN lockout the security question is asked again.
      if (kind === 'pin' && outcome.kind === 'failed') this.setVerifiedHere(inmateId, false);
      throw new KioskError({
        code: 'locked_out',
        message: 'Too many wrong tries.',
        // attemptsLeft 0: this guess was evaluated (and used the last attempt); without it, refused unevaluated.
        detail:
          outcome.kind === 'failed'
            ? { retryAfterMs: outcome.retryAfterMs, attemptsLeft: 0 }
            : { retryAfterMs: outcome.retryAfterMs },
      });
    }
    throw new KioskError({ code: 'unauthorized', message, detail: { attemptsLeft: outcome.attemptsLeft } });
  }

  private signedIn(inmate: InmateRow, connectionId: string, facility: FacilityRow): SignInResult {
    const shared = this.options.mode() !== 'tablet';
    this.options.sessions.begin(connectionId, inmate.id, {
      idleTimeoutMs: facility.idleTimeoutMs,
      maxSessionMs: shared ? facility.maxSessionMs : null,
    });
    return {
      kind: 'signed-in',
      inmate: {
        id: inmate.id,
        displayName: `${inmate.firstName} ${inmate.lastName}`,
        docNumber: inmate.docNumber,
        language: inmate.language,
      },
      idleTimeoutMs: facility.idleTimeoutMs,
    };
  }

  async signIn(docNumber: string, pin: string, connectionId: string): Promise<SignInResult> {
    if (!DOC_NUMBER_PATTERN.test(docNumber.trim()) || !PIN_PATTERN.test(pin)) {
      throw new KioskError({ code: 'validation', message: 'DOC number or PIN has the wrong form.' });
    }
    const facility = this.facility();
    const inmate = this.findInmate(docNumber);
    if (!inmate || inmate.status !== 'active') {
      await verifySecret(pin, decoy);
      throw new KioskError({ code: 'unauthorized', message: 'DOC number and PIN do not match.' });
    }
    await this.guarded('pin', inmate.id, facility, () => verifySecret(pin, inmate.pinHash), PIN_MISMATCH);
    if (!this.verifiedHere(inmate.id)) {
      const challengeId = randomUUID();
      this.challenges.set(challengeId, { inmateId: inmate.id, connectionId, expiresAt: this.now() + 5 * 60_000 });
      return { kind: 'security-question', question: inmate.securityQuestion, challengeId };
    }
    return this.signedIn(inmate, connectionId, facility);
  }

  async answerSecurityQuestion(challengeId: string, answer: string, connectionId: string): Promise<SignInResult> {
    const challenge = this.challenges.get(challengeId);
    if (!challenge || challenge.connectionId !== connectionId || challenge.expiresAt < this.now()) {
      this.challenges.delete(challengeId);
      throw new KioskError({ code: 'unauthorized', message: 'Please sign in again.' });
    }
    const facility = this.facility();
    const inmate = this.options.cache.get('inmates', challenge.inmateId);
    if (!inmate) throw new KioskError({ code: 'unauthorized', message: 'Please sign in again.' });
    // A challenge answers once, right or wrong.
    this.challenges.delete(challengeId);
    await this.guarded(
      'answer',
      inmate.id,
      facility,
      () => verifySecret(normalizeAnswer(answer), inmate.securityAnswerHash),
      'That answer is not right.',
    );
    this.setVerifiedHere(inmate.id, true);
    return this.signedIn(inmate, connectionId, facility);
  }

  /** Changes the PIN on the device at once (offline sign-ins use it) and queues it for the server. */
  async changePin(inmateId: string, currentPin: string, newPin: string): Promise<void> {
    const inmate = this.options.cache.get('inmates', inmateId);
    if (!inmate) throw new KioskError({ code: 'unauthorized', message: 'Please sign in again.' });
    if (!PIN_PATTERN.test(newPin)) throw new KioskError({ code: 'validation', message: 'A PIN is 4 to 8 digits.' });
    // Guessing the current PIN here counts like guessing at sign-in, and stops at the same lockout.
    await this.guarded('pin', inmate.id, this.facility(), () => verifySecret(currentPin, inmate.pinHash), PIN_MISMATCH);
    const pinHash = await hashSecret(newPin, inmate.pinHash);
    this.options.db.transaction(() => {
      this.options.cache.putLocal('inmates', { ...inmate, pinHash }, inmate.id);
      this.options.queuePinOp(inmate.id, { kind: 'pin.change', pinHash, pinVersion: inmate.pinVersion });
    })();
  }

  /** "Forgot PIN": the staff code is checked here (offline) and again by the server. */
  async resetPin(docNumber: string, resetCode: string, newPin: string): Promise<void> {
    if (!PIN_PATTERN.test(newPin)) throw new KioskError({ code: 'validation', message: 'A PIN is 4 to 8 digits.' });
    const facility = this.facility();
    const inmate = this.findInmate(docNumber);
    const code = resetCode.replace(/[\s-]/g, '').toUpperCase();
    if (!inmate) {
      await verifySecret(code, decoy);
      throw new KioskError({ code: 'unauthorized', message: 'The reset code is not right.' });
    }
    const reset = inmate.pinReset;
    await this.guarded(
      'pin',
      inmate.id,
      facility,
      async () => reset !== null && reset.expiresAt > this.now() && (await verifySecret(code, reset.codeHash)),
      PIN_MISMATCH,
    );
    const pinHash = await hashSecret(newPin, inmate.pinHash);
    this.options.db.transaction(() => {
      this.options.cache.putLocal('inmates', { ...inmate, pinHash, pinReset: null }, inmate.id);
      this.options.queuePinOp(inmate.id, { kind: 'pin.reset', resetCode: code, pinHash });
      this.setVerifiedHere(inmate.id, true);
    })();
  }
}
