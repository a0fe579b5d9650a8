import { z } from 'zod';
import {
  FacilitySettings,
  ReviewMode,
  SETTING_BOUNDS,
  type BoundedSetting,
} from '../../../shared/domain/facility-settings';
import { HttpError } from '../../http/http-error';
import { write, type ServerContext } from '../context';
import { FeeSchedule, facilitySettings, policyForMode, reviewModeOf, reviewPolicy } from '../facility-settings';
import { recordAudit } from './audit';
import { FacilityIdentity } from './facility-identity';
import type { Actor } from './staff-accounts';

/** Fee tiers as an admin edits them: up to five, ascending, each inside the deposit range. */
const FEE_TIERS = { max: 5, feeMaxCents: 2_000 } as const;

/**
 * A change to some settings. The numbers are checked here against
 * SETTING_BOUNDS one by one (not by the schema), so a refusal names the
 * field and its bounds: `setting_out_of_range` { field, min, max }.
 */
export const SettingsPatch = z
  .object({
    facility: z.record(z.string(), z.unknown()).optional(),
    settings: z.record(z.string(), z.unknown()).optional(),
    feeSchedule: z
      .array(z.object({ upToCents: z.unknown(), feeCents: z.unknown() }).strict())
      .max(20)
      .optional(),
    reviewMode: z.unknown().optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

const isBounded = (key: string): key is BoundedSetting => Object.hasOwn(SETTING_BOUNDS, key);

function checkNumber(field: string, value: unknown, bounds: { min: number; max: number }): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < bounds.min || value > bounds.max)
    throw new HttpError(
      400,
      'setting_out_of_range',
      `${field} must be a whole number from ${bounds.min} to ${bounds.max}.`,
      {
        field,
        min: bounds.min,
        max: bounds.max,
      },
    );
  return value;
}

function checkFees(tiers: NonNullable<SettingsPatch['feeSchedule']>): FeeSchedule {
  if (tiers.length < 1 || tiers.length > FEE_TIERS.max)
    throw new HttpError(400, 'setting_out_of_range', 'From one to five fee tiers.', {
      field: 'feeSchedule',
      min: 1,
      max: FEE_TIERS.max,
    });
  const schedule = tiers.map((tier, index) => ({
    upToCents: checkNumber(`feeSchedule.${index}.upToCents`, tier.upToCents, SETTING_BOUNDS.depositMaxCents),
    feeCents: checkNumber(`feeSchedule.${index}.feeCents`, tier.feeCents, { min: 0, max: FEE_TIERS.feeMaxCents }),
  }));
  schedule.forEach((tier, index) => {
    const previous = schedule[index - 1];
    if (previous && tier.upToCents <= previous.upToCents)
      throw new HttpError(400, 'fee_tiers_out_of_order', 'Each fee tier must cover more than the one before.', {
        field: `feeSchedule.${index}.upToCents`,
      });
  });
  return schedule;
}

/** The facility as its settings page shows it. */
export async function adminSettings(ctx: ServerContext, facilityId: string) {
  const row = await ctx.db.selectFrom('facilities').selectAll().where('id', '=', facilityId).executeTakeFirstOrThrow();
  return {
    facility: { name: row.name, timeZone: row.time_zone, locale: row.locale, currency: row.currency },
    settings: facilitySettings(row),
    feeSchedule: FeeSchedule.parse(JSON.parse(row.fee_schedule)),
    reviewMode: reviewModeOf(reviewPolicy(row)),
    bounds: SETTING_BOUNDS,
  };
}

/**
 * Checks every part of the change before anything is written (one bad value
 * refuses it all), then writes it in one transaction with one audit row per
 * changed value, and tells devices (the facility row carries the settings).
 */
export async function updateSettings(ctx: ServerContext, actor: Actor, patch: SettingsPatch) {
  const numbers: Partial<Record<BoundedSetting, number>> = {};
  for (const [field, value] of Object.entries(patch.settings ?? {})) {
    if (!isBounded(field)) throw new HttpError(400, 'unknown_setting', `No setting named ${field}.`, { field });
    numbers[field] = checkNumber(field, value, SETTING_BOUNDS[field]);
  }
  const identityPatch: Partial<FacilityIdentity> = {};
  for (const [field, value] of Object.entries(patch.facility ?? {})) {
    const schema = FacilityIdentity.shape[field as keyof FacilityIdentity] as z.ZodType | undefined;
    const parsed = schema?.safeParse(value);
    if (!parsed?.success) throw new HttpError(400, 'setting_invalid', `${field} is not valid.`, { field });
    Object.assign(identityPatch, { [field]: parsed.data });
  }
  const fees = patch.feeSchedule ? checkFees(patch.feeSchedule) : null;
  let mode: ReviewMode | null = null;
  if (patch.reviewMode !== undefined) {
    const parsed = ReviewMode.safeParse(patch.reviewMode);
    if (!parsed.success) throw new HttpError(400, 'setting_invalid', 'Unknown review mode.', { field: 'reviewMode' });
    mode = parsed.data;
  }
  await write(ctx, async (w) => {
    const row = await w.trx
      .selectFrom('facilities')
      .selectAll()
      .where('id', '=', actor.facilityId)
      .executeTakeFirstOrThrow();
    const before = facilitySettings(row);
    const after = FacilitySettings.parse({ ...before, ...numbers });
    if (after.depositMinCents > after.depositMaxCents)
      throw new HttpError(400, 'deposit_limits_inverted', 'The smallest deposit is above the largest.', {
        field: 'depositMinCents',
      });
    const identity = { name: row.name, timeZone: row.time_zone, locale: row.locale, currency: row.currency };
    const changes: { target: string; oldValue: unknown; newValue: unknown }[] = [];
    for (const [field, value] of Object.entries(identityPatch))
      if (identity[field as keyof typeof identity] !== value)
        changes.push({ target: field, oldValue: identity[field as keyof typeof identity], newValue: value });
    for (const field of Object.keys(numbers) as BoundedSetting[])
      if (before[field] !== after[field])
        changes.push({ target: field, oldValue: before[field], newValue: after[field] });
    const oldFees = FeeSchedule.parse(JSON.parse(row.fee_schedule));
    if (fees && JSON.stringify(fees) !== JSON.stringify(oldFees))
      changes.push({ target: 'feeSchedule', oldValue: oldFees, newValue: fees });
    const oldMode = reviewModeOf(reviewPolicy(row));
    if (mode && mode !== oldMode) changes.push({ target: 'reviewMode', oldValue: oldMode, newValue: mode });
    if (changes.length === 0) return;
    const next = { ...identity, ...identityPatch };
    await w.trx
      .updateTable('facilities')
      .set({
        name: next.name,
        time_zone: next.timeZone,
        locale: next.locale,
        currency: next.currency,
        settings: JSON.stringify(after),
        fee_schedule: JSON.stringify(fees ?? oldFees),
        review_policy: mode ? JSON.stringify(policyForMode(mode)) : row.review_policy,
        updated_at: w.now,
      })
      .where('id', '=', actor.facilityId)
      .execute();
    await w.changed('facilities', actor.facilityId, { facilityId: actor.facilityId });
    for (const change of changes)
      await recordAudit(w.trx, {
        facilityId: actor.facilityId,
        actorId: actor.id,
        at: w.now,
        action: 'settings.change',
        ...change,
      });
  });
  return adminSettings(ctx, actor.facilityId);
}
