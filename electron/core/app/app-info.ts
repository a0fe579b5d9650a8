import { EventEmitter } from 'node:events';
import { z } from 'zod';
import type { AppInfo } from '../../../shared/kiosk-api/calls/app';
import { DeviceMode } from '../../../shared/kiosk-api/calls/app';
import { Language, defaultLanguage } from '../../../shared/domain/language';
import type { SettingsStore } from '../db/settings';
import type { FacilityLink } from '../link/facility-link';

/** What enrollment leaves behind about this device; read by app.info. */
export const DeviceIdentity = z.object({
  facilityName: z.string(),
  mode: DeviceMode.exclude(['unprovisioned']),
});
export type DeviceIdentity = z.infer<typeof DeviceIdentity>;

const LANGUAGE_KEY = 'ui.language';
const IDENTITY_KEY = 'device.identity';

/** Serves app.info and app.setLanguage, and announces every change of AppInfo. */
export class AppInfoService extends EventEmitter<{ change: [AppInfo] }> {
  private syncFailing = false;
  private shownTimeZone: string | null;

  /** facilityTimeZone: the zone of the facility row the last sync brought (null before the first). */
  constructor(
    private readonly settings: SettingsStore,
    private readonly link: FacilityLink,
    private readonly version: string,
    private readonly facilityTimeZone: () => string | null = () => null,
  ) {
    super();
    this.shownTimeZone = facilityTimeZone();
    link.on('change', () => this.emit('change', this.info()));
  }

  info(): AppInfo {
    const identity = this.settings.get(IDENTITY_KEY, DeviceIdentity);
    const link = this.link.current;
    return {
      version: this.version,
      facilityName: identity?.facilityName ?? null,
      deviceMode: identity?.mode ?? 'unprovisioned',
      // Reachable is not enough: a device whose every sync fails must not say it is online.
      online: link.online && !this.syncFailing,
      serverTimeOffsetMs: link.serverTimeOffsetMs,
      lastContactAt: link.lastContactAt,
      language: this.settings.get(LANGUAGE_KEY, Language) ?? defaultLanguage,
      timeZone: this.facilityTimeZone(),
    };
  }

  /** After a sync: the facility (its time zone) may have arrived or changed; announced only when it did. */
  facilityMayHaveChanged(): void {
    const zone = this.facilityTimeZone();
    if (zone === this.shownTimeZone) return;
    this.shownTimeZone = zone;
    this.emit('change', this.info());
  }

  /** Whether the last sync failed (and none has succeeded since); announced only when it changes. */
  setSyncFailing(failing: boolean): void {
    if (failing === this.syncFailing) return;
    this.syncFailing = failing;
    this.emit('change', this.info());
  }

  setLanguage(language: Language): AppInfo {
    this.settings.set(LANGUAGE_KEY, language);
    const info = this.info();
    this.emit('change', info);
    return info;
  }

  setIdentity(identity: DeviceIdentity): void {
    this.settings.set(IDENTITY_KEY, identity);
    this.emit('change', this.info());
  }

  clearIdentity(): void {
    this.settings.delete(IDENTITY_KEY);
    this.emit('change', this.info());
  }
}
