import type { DeviceReport } from '../../../shared/sync/protocol';

/** A source of device reports that stay until acknowledged (AuditLog and DiagnosticsReporter implement it). */
export interface PendingReports {
  /** Called once per sync after the pull, before `unreported`: a chance to make a report now (periodic diagnostics). */
  prepare?(context: { syncedAt: number }): Promise<void>;
  unreported(limit: number): DeviceReport['items'];
  /** Ids of every source's items may be passed; a source ignores ids that are not its own. */
  markReported(ids: readonly string[]): void;
}

/** Several report sources sent as one: items in the order of the sources, at most `limit` in all. */
export function mergeReports(...sources: readonly PendingReports[]): PendingReports {
  return {
    async prepare(context) {
      for (const source of sources) await source.prepare?.(context);
    },
    unreported(limit) {
      const items: DeviceReport['items'] = [];
      for (const source of sources) items.push(...source.unreported(limit - items.length));
      return items.slice(0, limit);
    },
    markReported(ids) {
      for (const source of sources) source.markReported(ids);
    },
  };
}
