import { EventEmitter } from 'node:events';

/** One line of core's structured log (electron/core/log.ts). */
export interface CoreLogLine {
  readonly level: string;
  readonly message: string;
  readonly [detail: string]: unknown;
}

/**
 * Core's log as tests see it: every line so far, and a wait for a line that
 * matches. A log line is core's own word that something finished (a media
 * trim, an index catch-up), so a test waits on it instead of polling files
 * that core may be changing at that very moment.
 */
export class CoreLog {
  private readonly seen: CoreLogLine[] = [];
  private readonly events = new EventEmitter<{ line: [CoreLogLine] }>();

  /** Every line logged so far, oldest first. */
  get lines(): readonly CoreLogLine[] {
    return this.seen;
  }

  /** A stderr listener for one core process: splits chunks into lines, echoes them, records the JSON ones. */
  splitter(): (chunk: string) => void {
    let rest = '';
    return (chunk) => {
      process.stderr.write(chunk);
      const parts = (rest + chunk).split('\n');
      rest = parts.pop() ?? '';
      for (const part of parts) {
        const line = parse(part);
        if (!line) continue;
        this.seen.push(line);
        this.events.emit('line', line);
      }
    };
  }

  /** The first line at index `from` or later that matches; rejects after `timeoutMs` without one. */
  waitFor(match: (line: CoreLogLine) => boolean, from: number, timeoutMs: number): Promise<CoreLogLine> {
    const already = this.seen.slice(from).find(match);
    if (already) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const listener = (line: CoreLogLine) => {
        if (!match(line)) return;
        clearTimeout(timer);
        this.events.off('line', listener);
        resolve(line);
      };
      const timer = setTimeout(() => {
        this.events.off('line', listener);
        reject(new Error(`core did not log the awaited line within ${timeoutMs} ms`));
      }, timeoutMs);
      this.events.on('line', listener);
    });
  }
}

function parse(text: string): CoreLogLine | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const { level, message } = value as Record<string, unknown>;
    return typeof level === 'string' && typeof message === 'string' ? (value as CoreLogLine) : null;
  } catch {
    return null; // not one of core's structured lines (a stack trace, a tool's warning)
  }
}
