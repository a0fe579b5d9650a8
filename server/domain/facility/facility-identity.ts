import { z } from 'zod';

const timeZones = new Set(Intl.supportedValuesOf('timeZone'));
const currencies = new Set(Intl.supportedValuesOf('currency'));

/** A facility's name, time zone (IANA), language and currency (ISO 4217), as setup and settings take them. */
export const FacilityIdentity = z
  .object({
    name: z.string().trim().min(2).max(120),
    timeZone: z
      .string()
      .max(64)
      .refine((zone) => zone === 'UTC' || timeZones.has(zone), 'an IANA time zone such as America/Chicago'),
    locale: z.enum(['en', 'es']),
    currency: z
      .string()
      .length(3)
      .refine((code) => currencies.has(code), 'an ISO 4217 currency code such as USD'),
  })
  .strict();
export type FacilityIdentity = z.infer<typeof FacilityIdentity>;
