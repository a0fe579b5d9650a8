import { z } from 'zod';
import { Id } from '../../../shared/domain/ids';
import { DEVICE_AUTH_SCHEME } from '../../../shared/sync/protocol';
import type { AppInfoService } from '../app/app-info';
import type { SettingsStore } from '../db/settings';
import type { Enrollment } from './provisioner';

/** What enrollment leaves on the device, in the encrypted cache: who it is and how it reaches its server. */
export const DeviceCredential = z.object({
  deviceId: Id,
  secret: z.string().min(32),
  serverUrl: z.url(),
  /** The pinned certificate (colon hex); null only for the loopback demo facility over http. */
  fingerprint: z.string().nullable(),
  facilityId: Id,
  facilityName: z.string(),
  mode: z.enum(['kiosk', 'tablet']),
  unitId: Id.nullable(),
  inmateId: Id.nullable(),
  enrolledAt: z.number().int(),
});
export type DeviceCredential = z.infer<typeof DeviceCredential>;

const CREDENTIAL_KEY = 'device.credential';

export class EnrollmentStore {
  constructor(
    private readonly settings: SettingsStore,
    private readonly appInfo: AppInfoService,
    private readonly now: () => number = Date.now,
  ) {}

  get(): DeviceCredential | null {
    return this.settings.get(CREDENTIAL_KEY, DeviceCredential) ?? null;
  }

  /** Credential and identity in one transaction: a power cut leaves the device either enrolled or not. */
  save(enrollment: Enrollment): DeviceCredential {
    const credential: DeviceCredential = {
      deviceId: enrollment.deviceId,
      secret: enrollment.secret,
      serverUrl: enrollment.serverUrl,
      fingerprint: enrollment.fingerprint,
      facilityId: enrollment.facilityId,
      facilityName: enrollment.facilityName,
      mode: enrollment.mode,
      unitId: enrollment.unitId,
      inmateId: enrollment.inmateId,
      enrolledAt: this.now(),
    };
    this.settings.transaction(() => {
      this.settings.set(CREDENTIAL_KEY, credential);
      this.appInfo.setIdentity({ facilityName: credential.facilityName, mode: credential.mode });
    });
    return credential;
  }

  clear(): void {
    this.settings.transaction(() => {
      this.settings.delete(CREDENTIAL_KEY);
      this.appInfo.clearIdentity();
    });
  }

  /** The Authorization header value for every sync request. */
  static authorization(credential: DeviceCredential): string {
    return `${DEVICE_AUTH_SCHEME} ${credential.deviceId}.${credential.secret}`;
  }
}
