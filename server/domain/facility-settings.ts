import { z } from 'zod';
import { FacilitySettings, ReviewMode } from '../../shared/domain/facility-settings';
import type { Row } from '../db/schema';

/** Deposit fees: the first tier whose `upToCents` covers the amount applies. */
export const FeeSchedule = z
  .array(z.object({ upToCents: z.number().int().positive(), feeCents: z.number().int().nonnegative() }))
  .min(1);
export type FeeSchedule = z.infer<typeof FeeSchedule>;

/** Which messages staff must review before they are delivered (`mode`: what the admin chose, see ReviewMode). */
export const ReviewPolicy = z.object({
  mode: ReviewMode.optional(),
  incomingText: z.boolean(),
  incomingPhotos: z.boolean(),
  incomingVideograms: z.boolean(),
  outgoingText: z.boolean(),
  outgoingVideograms: z.boolean(),
});
export type ReviewPolicy = z.infer<typeof ReviewPolicy>;

/** The policy each mode stands for. */
export function policyForMode(mode: ReviewMode): ReviewPolicy {
  const media = mode !== 'keywords';
  const text = mode === 'all';
  return {
    mode,
    incomingText: text,
    incomingPhotos: media,
    incomingVideograms: media,
    outgoingText: text,
    outgoingVideograms: media,
  };
}

/** A stored policy's mode (policies written before modes: 'all' if everything is held, else the closest). */
export function reviewModeOf(policy: ReviewPolicy): ReviewMode {
  if (policy.mode) return policy.mode;
  if (policy.incomingText && policy.outgoingText) return 'all';
  return policy.incomingPhotos || policy.incomingVideograms ? 'approved_contacts' : 'keywords';
}

/** A new facility's deposit fees. */
export const DEFAULT_FEE_SCHEDULE: FeeSchedule = [
  { upToCents: 5_000, feeCents: 295 },
  { upToCents: 10_000, feeCents: 495 },
  { upToCents: 50_000, feeCents: 795 },
];

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
