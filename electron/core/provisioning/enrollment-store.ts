import { z } from 'zod';
import { Id } from '../../../shared/domain/ids';
import { DEVICE_AUTH_SCHEME } from '../../../shared/sync/protocol';
import type { AppInfoService } from '../app/app-info';
import type { SettingsStore } from '../db/settings';
import type { Enrollment } from './provisioner';
import type { SealedBox } from '../db/sealed-box';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

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
    /** A sealed copy outside the database, so a corrupt cache does not cost the enrollment. */
    private readonly backup: { file: string; box: SealedBox } | null = null,
    private readonly now: () => number = Date.now,
  ) {}

  get(): DeviceCredential | null {
    return this.settings.get(CREDENTIAL_KEY, DeviceCredential) ?? null;
  }

  /** After a rebuilt cache: the credential from its sealed copy, saved again. */
  restore(): DeviceCredential | null {
    if (!this.backup || !existsSync(this.backup.file)) return null;
    const text = this.backup.box.open(readFileSync(this.backup.file, 'utf8'));
    const parsed = text ? DeviceCredential.safeParse(JSON.parse(text)) : null;
    if (!parsed?.success) return null;
    this.settings.transaction(() => {
      this.settings.set(CREDENTIAL_KEY, parsed.data);
      this.appInfo.setIdentity({ facilityName: parsed.data.facilityName, mode: parsed.data.mode });
    });
    return parsed.data;
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
    if (this.backup) {
      writeFileSync(`${this.backup.file}.tmp`, this.backup.box.seal(JSON.stringify(credential)));
      renameSync(`${this.backup.file}.tmp`, this.backup.file);
    }
    this.settings.transaction(() => {
      this.settings.set(CREDENTIAL_KEY, credential);
      this.appInfo.setIdentity({ facilityName: credential.facilityName, mode: credential.mode });
    });
    return credential;
  }

  clear(): void {
    if (this.backup) rmSync(this.backup.file, { force: true });
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
