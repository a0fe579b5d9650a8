import { z } from 'zod';
import { Language } from '../../domain/language';
import { defineCall } from '../define';

export const DeviceMode = z.enum(['kiosk', 'tablet', 'unprovisioned']);
export type DeviceMode = z.infer<typeof DeviceMode>;

export const AppInfo = z.object({
  /** The app's own version (package.json), shown in the frame and to technicians. */
  version: z.string(),
  facilityName: z.string().nullable(),
  deviceMode: DeviceMode,
  /** Whether the facility server answered the last health check. */
  online: z.boolean(),
  /** server clock − device clock in ms, from the last health check; null before the first. */
  serverTimeOffsetMs: z.number().int().nullable(),
  /** UTC epoch ms of the last successful contact with the server; null if never. */
  lastContactAt: z.number().int().nullable(),
  language: Language,
  /** The facility's IANA time zone, so every screen shows the facility's wall-clock time; null before the first sync. */
  timeZone: z.string().max(64).nullable(),
});
export type AppInfo = z.infer<typeof AppInfo>;

const NoInput = z.object({}).strict();

export const appCalls = {
  'app.info': defineCall({ input: NoInput, output: AppInfo, access: 'public' }),
  'app.setLanguage': defineCall({
    input: z.object({ language: Language }).strict(),
    output: AppInfo,
    access: 'public',
  }),
};

export const appEvents = {
  /** Sent whenever any field of AppInfo changes (online state, language, facility). */
  'app.info': AppInfo,
};
