import { z } from 'zod';
import { kioskErrorCodes, type KioskErrorPayload, type KioskResult } from './errors';

/** zod forms of the result envelope, for the process boundary between core and its host. */
const KioskErrorPayloadSchema = z.object({
  code: z.enum(kioskErrorCodes),
  message: z.string(),
  issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).optional(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
}) satisfies z.ZodType<KioskErrorPayload>;

export const KioskResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: KioskErrorPayloadSchema }),
]) satisfies z.ZodType<KioskResult>;
