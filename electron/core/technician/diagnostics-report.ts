import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import type { SettingsStore } from '../db/settings';
import type { Logger } from '../log';
import type { PendingReports } from '../sync/pending-reports';
import type { AuditItem } from './audit-log';
import type { Diagnostics } from './diagnostics';

/** How often a device tells the server how it is, unless its config says otherwise. */
export const DEFAULT_DIAGNOSTICS_INTERVAL_MS = 15 * 60_000;

const REPORTED_KEY = 'diagnostics.reported';
const Reported = z.object({ deviceId: z.string(), at: z.number() });

export interface DiagnosticsReporterOptions {
  /** The same snapshot the technician's diagnostics screen shows. */
  readonly collect: () => Promise<Diagnostics>;
  readonly settings: SettingsStore;
  /** The enrolled device id; nothing is reported without one. */
  readonly deviceId: () => string | null;
  readonly intervalMs?: number;
  readonly now?: () => number;
  readonly log: Logger;
}

/**
 * A diagnostics report that rides along with the sync (so the staff console
 * shows each device's health without a technician): one right after an
 * enrollment's first sync, then at most one per interval. It is made just
 * before the sync sends its reports and kept in memory only: if the server
 * does not take it, the next sync sends it; if core restarts first, a fresh
 * one is made. When the server last took one (and for which enrollment) is
 * kept in settings, so a restart does not report early.
 */
export class DiagnosticsReporter implements PendingReports {
  private pending: AuditItem | null = null;
  private readonly now: () => number;
  private readonly intervalMs: number;

  constructor(private readonly options: DiagnosticsReporterOptions) {
    this.now = options.now ?? Date.now;
    this.intervalMs = options.intervalMs ?? DEFAULT_DIAGNOSTICS_INTERVAL_MS;
  }

  /** True when the device should report now: enrolled, and nothing taken for this enrollment within the interval. */
  due(): boolean {
    const deviceId = this.options.deviceId();
    if (!deviceId) return false;
    const last = this.options.settings.get(REPORTED_KEY, Reported);
    return !last || last.deviceId !== deviceId || this.now() - last.at >= this.intervalMs;
  }

  /**
   * Called by the sync after its pull: makes the report if one is due. `syncedAt` is when this
   * sync's pull finished, the device's real last sync (its settings record it only after the reports).
   */
  async prepare(context: { syncedAt: number }): Promise<void> {
    if (this.pending || !this.due()) return;
    try {
      const diagnostics = await this.options.collect();
      this.pending = {
        id: uuidv7(),
        at: this.now(),
        kind: 'diagnostics',
        technicianId: null,
        action: 'diagnostics',
        detail: { ...diagnostics, lastSyncAt: context.syncedAt },
      };
    } catch (error) {
      // Never a reason for the sync to fail: the next sync tries again.
      this.options.log.warn('diagnostics report not made', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  unreported(limit: number): AuditItem[] {
    return this.pending && limit > 0 ? [this.pending] : [];
  }

  markReported(ids: readonly string[]): void {
    const pending = this.pending;
    const deviceId = this.options.deviceId();
    if (!pending || !ids.includes(pending.id)) return;
    this.pending = null;
    if (deviceId) this.options.settings.set(REPORTED_KEY, { deviceId, at: pending.at });
  }
}
