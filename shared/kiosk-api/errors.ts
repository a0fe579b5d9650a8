import { z } from 'zod';

/**
 * Every failure that crosses the kiosk API boundary is one of these codes.
 * The renderer switches on `code`, never on message text, so messages can be
 * improved without breaking the UI.
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

export const KioskErrorCode = z.enum(kioskErrorCodes);
export type KioskErrorCode = z.infer<typeof KioskErrorCode>;

export const KioskErrorIssue = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});

export const KioskErrorPayload = z.object({
  code: KioskErrorCode,
  message: z.string(),
  issues: z.array(KioskErrorIssue).optional(),
  /** Extra, code-specific detail (for example `retryAfterMs` on `locked_out`). */
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
export type KioskErrorPayload = z.infer<typeof KioskErrorPayload>;

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

  static from(error: unknown): KioskError {
    if (error instanceof KioskError) return error;
    const parsed = KioskErrorPayload.safeParse(error);
    if (parsed.success) return new KioskError(parsed.data);
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

/** The envelope every transport carries: a call either returns a value or a typed error. */
export const KioskResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: KioskErrorPayload }),
]);
export type KioskResult = z.infer<typeof KioskResult>;
