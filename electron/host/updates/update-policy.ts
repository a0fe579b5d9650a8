/**
 * When an update may be installed, and whether the last one must be rolled
 * back. Pure functions; electron/main/updates.ts applies them.
 */

export interface InstallContext {
  /** An update is downloaded and verified. */
  readonly downloaded: boolean;
  /** Someone is signed in on the device. */
  readonly sessionActive: boolean;
  /** Since the last touch or key. */
  readonly idleMs: number;
  /** Local hour of day (0–23) on the device. */
  readonly localHour: number;
  readonly policy: UpdatePolicy;
}

export interface UpdatePolicy {
  /** Install only inside this local-time window, e.g. 2–5 am when nobody uses the kiosks. */
  readonly windowStartHour: number;
  readonly windowEndHour: number;
  /** Even inside the window, wait until the device has been untouched this long. */
  readonly minIdleMs: number;
}

export const defaultUpdatePolicy: UpdatePolicy = { windowStartHour: 2, windowEndHour: 5, minIdleMs: 10 * 60_000 };

function inWindow(hour: number, start: number, end: number): boolean {
  return start <= end ? hour >= start && hour < end : hour >= start || hour < end;
}

/** Never mid-session: an inmate's reply being typed is worth more than an update. */
export function mayInstallNow(context: InstallContext): boolean {
  if (!context.downloaded || context.sessionActive) return false;
  if (context.idleMs < context.policy.minIdleMs) return false;
  return inWindow(context.localHour, context.policy.windowStartHour, context.policy.windowEndHour);
}

/**
 * What the device remembers across an update: the version it came from and
 * how many times the new one has tried to start without reaching "healthy"
 * (core answered and the renderer showed the sign-in screen).
 */
export interface BootRecord {
  readonly version: string;
  readonly previousVersion: string | null;
  readonly unconfirmedStarts: number;
  readonly confirmed: boolean;
  /** Versions that failed to start here; the updater never installs them again. */
  readonly rejectedVersions: readonly string[];
}

const maxUnconfirmedStarts = 2;

export type BootVerdict =
  { action: 'run'; record: BootRecord } | { action: 'rollback'; to: string; record: BootRecord };

/**
 * Called at every start, before the window opens. A version that failed to
 * become healthy twice in a row is rolled back to the one before it.
 */
export function evaluateBoot(record: BootRecord | null, runningVersion: string): BootVerdict {
  if (!record || record.version !== runningVersion) {
    // First start of this version: fresh install, just updated, or just rolled back.
    const previousVersion = record ? record.version : null;
    const failed = record && !record.confirmed ? [record.version] : [];
    const rejectedVersions = [...new Set([...(record?.rejectedVersions ?? []), ...failed])];
    return {
      action: 'run',
      record: { version: runningVersion, previousVersion, unconfirmedStarts: 1, confirmed: false, rejectedVersions },
    };
  }
  if (record.confirmed) return { action: 'run', record };
  const target = record.previousVersion;
  if (record.unconfirmedStarts >= maxUnconfirmedStarts && target && !record.rejectedVersions.includes(target)) {
    return { action: 'rollback', to: target, record };
  }
  return { action: 'run', record: { ...record, unconfirmedStarts: record.unconfirmedStarts + 1 } };
}

export function confirmBoot(record: BootRecord): BootRecord {
  return { ...record, unconfirmedStarts: 0, confirmed: true };
}

/** Whether the updater may offer this version to the device. */
export function isInstallable(version: string, record: BootRecord | null): boolean {
  return !(record?.rejectedVersions.includes(version) ?? false);
}
