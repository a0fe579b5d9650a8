import type { z } from 'zod';

/**
 * Every failure that crosses the kiosk API boundary is one of these codes.
 * The renderer switches on `code`, never on message text, so messages can be
 * improved without breaking the UI. (zod is imported for types only: this file
 * is in the renderer's first bundle.)
 */
export const kioskErrorCodes = [
  'validation', // the input did not match the call's schema; nothing was changed
  'unknown_call', // no such call in the contract
  'unauthorized', // no signed-in inmate, or the session ended
  'forbidden', // signed in, but this is not theirs or not allowed
  'not_found',
  'conflict',
  'locked_out',
  'offline', // needs the facility server, which is not reachable now
  'limit', // a domain limit (length, funds, duration) was exceeded
  'unavailable', // the core process is restarting
  'internal',
] as const;

export type KioskErrorCode = (typeof kioskErrorCodes)[number];

interface KioskErrorIssue {
  path: (string | number)[];
  message: string;
}

export interface KioskErrorPayload {
  code: KioskErrorCode;
  message: string;
  issues?: KioskErrorIssue[] | undefined;
  /** Extra, code-specific detail (for example `retryAfterMs` on `locked_out`). */
  detail?: Record<string, string | number | boolean> | undefined;
}

/** The envelope every transport carries: a call either returns a value or a typed error. */
export type KioskResult = { ok: true; value: unknown } | { ok: false; error: KioskErrorPayload };

function isKioskErrorCode(value: unknown): value is KioskErrorCode {
  return typeof value === 'string' && (kioskErrorCodes as readonly string[]).includes(value);
}

export class KioskError extends Error {
  readonly code: KioskErrorCode;
  readonly issues: KioskErrorPayload['issues'];
  readonly detail: KioskErrorPayload['detail'];

  constructor(payload: KioskErrorPayload) {
    super(payload.message);
    this.name = 'KioskError';
    this.code = payload.code;
    this.issues = payload.issues;
    this.detail = payload.detail;
  }

  toPayload(): KioskErrorPayload {
    const payload: KioskErrorPayload = { code: this.code, message: this.message };
    if (this.issues) payload.issues = this.issues;
    if (this.detail) payload.detail = this.detail;
    return payload;
  }

  /** Any thrown value or received payload → a KioskError; unknown shapes become `internal`. */
  static from(error: unknown): KioskError {
    if (error instanceof KioskError) return error;
    if (typeof error === 'object' && error !== null) {
      const { code, message, issues, detail } = error as Record<string, unknown>;
      if (isKioskErrorCode(code) && typeof message === 'string') {
        return new KioskError({
          code,
          message,
          ...(Array.isArray(issues) ? { issues: issues as KioskErrorIssue[] } : {}),
          ...(typeof detail === 'object' && detail !== null
            ? { detail: detail as Record<string, string | number | boolean> }
            : {}),
        });
      }
    }
    return new KioskError({ code: 'internal', message: 'Something went wrong on this device.' });
  }
}

export function validationError(error: z.ZodError, what: string): KioskError {
  return new KioskError({
    code: 'validation',
    message: `Invalid ${what}`,
    issues: error.issues.map((issue) => ({
      path: issue.path.filter((p): p is string | number => typeof p !== 'symbol'),
      message: issue.message,
    })),
  });
}
