import { join } from 'node:path';
import { RotatingLogFile } from './log-file';
import { createLogger, type Logger } from './log';

/**
 * Core's log: every line to the host (stderr) and to the rotated device log a technician can send
 * to the server; the last 50 errors also kept for the diagnostics report.
 */
export function createCoreLog(dataDir: string, hostLog: Logger) {
  const logFile = new RotatingLogFile(join(dataDir, 'logs', 'core.log'));
  const fileLog = createLogger('core', (line) => logFile.write(line));
  const recentErrors: { at: number; message: string }[] = [];
  const log: Logger = {
    info: (message, detail) => (hostLog.info(message, detail), fileLog.info(message, detail)),
    warn: (message, detail) => (hostLog.warn(message, detail), fileLog.warn(message, detail)),
    error: (message, detail) => {
      hostLog.error(message, detail);
      fileLog.error(message, detail);
      recentErrors.push({ at: Date.now(), message });
      if (recentErrors.length > 50) recentErrors.shift();
    },
  };
  return { log, logFile, recentErrors };
}
