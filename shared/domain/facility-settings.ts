import { z } from 'zod';
import { NonNegativeCents } from './ids';
import { MESSAGE_HARD_MAX_CHARS, MUSIC_VOLUME_MAX_DEFAULT, MUSIC_VOLUME_MAX_RANGE } from './limits';

/**
 * A facility's rules: stored as JSON on its row on the server, and sent to devices as part of the
 * facility's sync row (FacilityRow in shared/sync/rows.ts).
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
});
export type FacilitySettings = z.infer<typeof FacilitySettings>;
