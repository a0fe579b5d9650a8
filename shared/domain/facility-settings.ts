import { z } from 'zod';
import { NonNegativeCents } from './ids';
import {
  DEPOSIT_MAX_CENTS,
  DEPOSIT_MIN_CENTS,
  MESSAGE_HARD_MAX_CHARS,
  MUSIC_VOLUME_MAX_DEFAULT,
  MUSIC_VOLUME_MAX_RANGE,
} from './limits';

/**
 * What an admin may set each number to (the console's settings page; the server refuses anything
 * outside with `setting_out_of_range` naming the field and these bounds). Times in ms, money in cents.
 */
const SETTING_BOUNDS_MESSAGES_PER_DAY_MAX = 500;

export const SETTING_BOUNDS = {
  messageMaxChars: { min: 100, max: MESSAGE_HARD_MAX_CHARS },
  stampPriceCents: { min: 0, max: 1_000 },
  videogramStampPriceCents: { min: 0, max: 2_000 },
  maxPhotosPerMessage: { min: 0, max: 20 },
  messagesPerDay: { min: 1, max: SETTING_BOUNDS_MESSAGES_PER_DAY_MAX },
  failedSignInLimit: { min: 3, max: 20 },
  lockoutMs: { min: 60_000, max: 24 * 3_600_000 },
  idleTimeoutMs: { min: 30_000, max: 30 * 60_000 },
  maxSessionMs: { min: 5 * 60_000, max: 8 * 3_600_000 },
  depositMinCents: { min: DEPOSIT_MIN_CENTS, max: DEPOSIT_MAX_CENTS },
  depositMaxCents: { min: DEPOSIT_MIN_CENTS, max: DEPOSIT_MAX_CENTS },
  deviceMediaQuotaMb: { min: 256, max: 65_536 },
  updateWindowStartMinute: { min: 0, max: 1_439 },
  updateWindowEndMinute: { min: 0, max: 1_439 },
} as const;
export type BoundedSetting = keyof typeof SETTING_BOUNDS;

/**
 * A facility's rules: stored as JSON on its row on the server, and sent to devices as part of the
 * facility's sync row (FacilityRow in shared/sync/rows.ts). Fields added later have defaults, so
 * older rows (and older servers) still parse.
 */
export const FacilitySettings = z.object({
  messageMaxChars: z.number().int().min(1).max(MESSAGE_HARD_MAX_CHARS),
  stampPriceCents: NonNegativeCents,
  videogramStampPriceCents: NonNegativeCents,
  maxPhotosPerMessage: z.number().int().min(0).max(20),
  failedSignInLimit: z.number().int().min(1).max(20),
  lockoutMs: z.number().int().positive(),
  idleTimeoutMs: z.number().int().positive(),
  /** Longest session on a shared kiosk, so one person cannot hold it all day. */
  maxSessionMs: z.number().int().positive(),
  /**
   * Share of full volume the kiosk music player may reach (hearing safety); older rows, and older
   * servers that do not send it, get the default.
   */
  musicVolumeMax: z
    .number()
    .min(MUSIC_VOLUME_MAX_RANGE.min)
    .max(MUSIC_VOLUME_MAX_RANGE.max)
    .default(MUSIC_VOLUME_MAX_DEFAULT),
  /**
   * Messages (text and videograms) one inmate may send per day, the facility's calendar day. Rows
   * stored before the setting get the highest limit, so an upgrade limits nobody by surprise.
   */
  messagesPerDay: z.number().int().positive().default(SETTING_BOUNDS_MESSAGES_PER_DAY_MAX),
  /** The smallest and largest deposit a family may make, inside the hard $20–$500. */
  depositMinCents: z.number().int().min(DEPOSIT_MIN_CENTS).max(DEPOSIT_MAX_CENTS).default(DEPOSIT_MIN_CENTS),
  depositMaxCents: z.number().int().min(DEPOSIT_MIN_CENTS).max(DEPOSIT_MAX_CENTS).default(DEPOSIT_MAX_CENTS),
  /** How much of a device's disk its media cache (books, music, videograms) may use. */
  deviceMediaQuotaMb: z.number().int().positive().default(4_096),
  /** When devices may install updates: minutes after midnight, facility time; start > end wraps midnight. */
  updateWindowStartMinute: z.number().int().min(0).max(1_439).default(120),
  updateWindowEndMinute: z.number().int().min(0).max(1_439).default(300),
});
export type FacilitySettings = z.infer<typeof FacilitySettings>;

/** A new facility's rules until an admin changes them. */
export const DEFAULT_FACILITY_SETTINGS: FacilitySettings = FacilitySettings.parse({
  messageMaxChars: 2_000,
  stampPriceCents: 25,
  videogramStampPriceCents: 100,
  maxPhotosPerMessage: 5,
  failedSignInLimit: 5,
  lockoutMs: 15 * 60_000,
  idleTimeoutMs: 3 * 60_000,
  maxSessionMs: 30 * 60_000,
  messagesPerDay: 50,
});

/**
 * Which messages staff review before delivery, as an admin chooses it:
 * 'all' holds every message; 'approved_contacts' lets text with contacts on the approved list
 * through (only approved contacts can write at all) and holds photos and videograms; 'keywords'
 * holds only messages naming a word on the keyword list.
 * Listed words hold a message in every mode.
 */
export const ReviewMode = z.enum(['all', 'approved_contacts', 'keywords']);
export type ReviewMode = z.infer<typeof ReviewMode>;
