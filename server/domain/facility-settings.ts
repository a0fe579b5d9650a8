import { z } from 'zod';
import { MUSIC_VOLUME_MAX_DEFAULT, MUSIC_VOLUME_MAX_RANGE } from '../../shared/domain/limits';
import type { Row } from '../db/schema';

/** A facility's rules, stored as JSON on its row and sent to devices in FacilityRow. */
export const FacilitySettings = z.object({
  messageMaxChars: z.number().int().min(1).max(10_000),
  stampPriceCents: z.number().int().nonnegative(),
  videogramStampPriceCents: z.number().int().nonnegative(),
  maxPhotosPerMessage: z.number().int().min(0).max(20),
  failedSignInLimit: z.number().int().min(1).max(20),
  lockoutMs: z.number().int().positive(),
  idleTimeoutMs: z.number().int().positive(),
  maxSessionMs: z.number().int().positive(),
  /** Share of full volume the kiosk music player may reach (hearing safety); older rows get the default. */
  musicVolumeMax: z
    .number()
    .min(MUSIC_VOLUME_MAX_RANGE.min)
    .max(MUSIC_VOLUME_MAX_RANGE.max)
    .default(MUSIC_VOLUME_MAX_DEFAULT),
});
export type FacilitySettings = z.infer<typeof FacilitySettings>;

/** Deposit fees: the first tier whose `upToCents` covers the amount applies. */
export const FeeSchedule = z
  .array(z.object({ upToCents: z.number().int().positive(), feeCents: z.number().int().nonnegative() }))
  .min(1);
export type FeeSchedule = z.infer<typeof FeeSchedule>;

/** Which messages staff must review before they are delivered. */
export const ReviewPolicy = z.object({
  incomingText: z.boolean(),
  incomingPhotos: z.boolean(),
  incomingVideograms: z.boolean(),
  outgoingText: z.boolean(),
  outgoingVideograms: z.boolean(),
});
export type ReviewPolicy = z.infer<typeof ReviewPolicy>;

export function facilitySettings(row: Pick<Row<'facilities'>, 'settings'>): FacilitySettings {
  return FacilitySettings.parse(JSON.parse(row.settings));
}

export function reviewPolicy(row: Pick<Row<'facilities'>, 'review_policy'>): ReviewPolicy {
  return ReviewPolicy.parse(JSON.parse(row.review_policy));
}

export function depositFee(schedule: FeeSchedule, amountCents: number): number {
  const tier = schedule.find((t) => amountCents <= t.upToCents) ?? schedule[schedule.length - 1];
  return tier?.feeCents ?? 0;
}
