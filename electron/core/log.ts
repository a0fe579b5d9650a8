/**
 * Structured one-line JSON logs on stderr. Core runs headless in its own
 * process; its host captures stderr into the rotated device log.
 */
export interface Logger {
  info(message: string, detail?: Record<string, unknown>): void;
  warn(message: string, detail?: Record<string, unknown>): void;
  error(message: string, detail?: Record<string, unknown>): void;
}

export function createLogger(
  scope: string,
  write: (line: string) => void = (line) => process.stderr.write(line),
): Logger {
  const log = (level: string) => (message: string, detail?: Record<string, unknown>) =>
    write(`${JSON.stringify({ t: Date.now(), level, scope, message, ...detail })}\n`);
  return { info: log('info'), warn: log('warn'), error: log('error') };
}
