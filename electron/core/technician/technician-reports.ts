import { uuidv7 } from 'uuidv7';
import type { RotatingLogFile } from '../log-file';
import type { SyncEngine } from '../sync/sync-engine';
import type { AuditLog } from './audit-log';

/**
 * A technician's reports sent at once (not with the next sync): the unreported audit records, and
 * with "send logs" the newest 500 lines of the device log. True when the server took them.
 */
export function technicianReports(deps: {
  audit: AuditLog;
  logFile: RotatingLogFile;
  sync: SyncEngine;
}): (includeLogs: boolean, technicianId: string | null) => Promise<boolean> {
  return async (includeLogs, technicianId) => {
    const items = [
      ...deps.audit.unreported(150),
      ...(includeLogs
        ? [
            {
              id: uuidv7(),
              at: Date.now(),
              kind: 'log' as const,
              technicianId,
              action: 'logs',
              detail: { lines: deps.logFile.tail(500) },
            },
          ]
        : []),
    ];
    if (!(await deps.sync.sendReportNow(items))) return false;
    deps.audit.markReported(items.filter((item) => item.kind === 'audit').map((item) => item.id));
    return true;
  };
}
