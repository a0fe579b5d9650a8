import { z } from 'zod';

/**
 * Everything core needs to start, handed over by its host (Electron main or the
 * preview host) in the first message. Parsed, because it crosses a process boundary.
 */
export const CoreConfig = z.object({
  /** Folder holding the encrypted database and media cache. */
  dataDir: z.string().min(1),
  /** The 32-byte database key, hex. Main unseals it with safeStorage; the preview host reads a dev key file. */
  databaseKeyHex: z.string().regex(/^[0-9a-f]{64}$/),
  /** Where the host keeps the sealed key; core only ever deletes it (wipe). */
  keyFile: z.string().min(1).optional(),
  /** The facility server's base URL, e.g. https://facility.example:8443; null before provisioning. */
  serverUrl: z.url().nullable(),
  appVersion: z.string(),
  /** Demo/dev only: a one-time enrollment code to enroll with automatically when unprovisioned. */
  autoEnrollCode: z.string().min(1).optional(),
  healthIntervalMs: z.number().int().positive().optional(),
  /**
   * The media cache's size limit on this device (photos, videos, books, music), set by the host
   * (KIOSK_MEDIA_QUOTA_MB). Without it: DEFAULT_MEDIA_QUOTA_BYTES (2 GiB). Over it, least recently
   * used blobs are evicted after each sync; they are downloaded again when needed.
   */
  mediaQuotaBytes: z.number().int().positive().optional(),
  /**
   * At most how often a diagnostics report goes to the server with the sync (one also goes with the
   * first sync of an enrollment). Without it: DEFAULT_DIAGNOSTICS_INTERVAL_MS (15 minutes).
   */
  diagnosticsIntervalMs: z.number().int().positive().optional(),
});
export type CoreConfig = z.infer<typeof CoreConfig>;

/** The host's media quota setting (`KIOSK_MEDIA_QUOTA_MB`, whole megabytes) as config; absent or invalid → the default. */
export function mediaQuotaFromEnv(value: string | undefined): { mediaQuotaBytes?: number } {
  const mb = Number(value);
  return value && Number.isInteger(mb) && mb >= 1 ? { mediaQuotaBytes: mb * 1024 * 1024 } : {};
}
