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

  constructor(private readonly options: InmateAuthOptions) {
    this.now = options.now ?? Date.now;
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

  private state(inmateId: string) {
    const row = this.options.db
      .prepare('SELECT failures, locked_until, verified_here FROM signin_state WHERE inmate_id = ?')
      .get(inmateId) as { failures: number; locked_until: number; verified_here: number } | undefined;
    return row ?? { failures: 0, locked_until: 0, verified_here: 0 };
  }

  private saveState(inmateId: string, state: { failures: number; locked_until: number; verified_here: number }): void {
    this.options.db
      .prepare(
        'INSERT INTO signin_state (inmate_id, failures, locked_until, verified_here) VALUES (?, ?, ?, ?) ON CONFLICT (inmate_id) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until, verified_here = excluded.verified_here',
      )
      .run(inmateId, state.failures, state.locked_until, state.verified_here);
  }

  private lockedOut(inmateId: string): void {
    const state = this.state(inmateId);
    if (state.locked_until > this.now()) {
      throw new KioskError({
        code: 'locked_out',
        message: 'Too many wrong tries.',
        detail: { retryAfterMs: state.locked_until - this.now() },
      });
    }
  }

  private failed(inmateId: string, facility: FacilityRow): never {
    const state = this.state(inmateId);
    const failures = state.failures + 1;
    if (failures >= facility.failedSignInLimit) {
      // After a lockout the security question is asked again (verified_here reset).
      this.saveState(inmateId, { failures: 0, locked_until: this.now() + facility.lockoutMs, verified_here: 0 });
      throw new KioskError({
        code: 'locked_out',
        message: 'Too many wrong tries.',
        detail: { retryAfterMs: facility.lockoutMs },
      });
    }
    this.saveState(inmateId, { ...state, failures });
    throw new KioskError({
      code: 'unauthorized',
      message: 'DOC number and PIN do not match.',
      detail: { attemptsLeft: facility.failedSignInLimit - failures },
    });
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
    this.lockedOut(inmate.id);
    if (!(await verifySecret(pin, inmate.pinHash))) this.failed(inmate.id, facility);
    const state = this.state(inmate.id);
    this.saveState(inmate.id, { ...state, failures: 0 });
    if (!state.verified_here) {
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
    this.lockedOut(inmate.id);
    if (!(await verifySecret(normalizeAnswer(answer), inmate.securityAnswerHash))) {
      this.challenges.delete(challengeId);
      this.failed(inmate.id, facility);
    }
    this.challenges.delete(challengeId);
    this.saveState(inmate.id, { failures: 0, locked_until: 0, verified_here: 1 });
    return this.signedIn(inmate, connectionId, facility);
  }

  /** Changes the PIN on the device at once (offline sign-ins use it) and queues it for the server. */
  async changePin(inmateId: string, currentPin: string, newPin: string): Promise<void> {
    const inmate = this.options.cache.get('inmates', inmateId);
    if (!inmate) throw new KioskError({ code: 'unauthorized', message: 'Please sign in again.' });
    if (!PIN_PATTERN.test(newPin)) throw new KioskError({ code: 'validation', message: 'A PIN is 4 to 8 digits.' });
    // Guessing the current PIN here counts like guessing at sign-in, and stops at the same lockout.
    this.lockedOut(inmate.id);
    if (!(await verifySecret(currentPin, inmate.pinHash))) this.failed(inmate.id, this.facility());
    const state = this.state(inmate.id);
    this.saveState(inmate.id, { ...state, failures: 0 });
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
    this.lockedOut(inmate.id);
    const reset = inmate.pinReset;
    if (!reset || reset.expiresAt <= this.now() || !(await verifySecret(code, reset.codeHash)))
      this.failed(inmate.id, facility);
    const pinHash = await hashSecret(newPin, inmate.pinHash);
    this.options.db.transaction(() => {
      this.options.cache.putLocal('inmates', { ...inmate, pinHash, pinReset: null }, inmate.id);
      this.options.queuePinOp(inmate.id, { kind: 'pin.reset', resetCode: code, pinHash });
      this.saveState(inmate.id, { failures: 0, locked_until: 0, verified_here: 1 });
    })();
  }
}
