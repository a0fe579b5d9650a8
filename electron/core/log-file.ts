import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The device log on disk: `core.log`, rotated to `core.log.1` … `core.log.N`
 * when it passes `maxBytes`, so a chatty fault can never fill the disk.
 * Lines are JSON (see log.ts). Writes are synchronous appends: a log line
 * written just before a crash is the one a technician needs.
 */
export class RotatingLogFile {
  private size: number;

  constructor(
    private readonly file: string,
    private readonly maxBytes = 1024 * 1024,
    private readonly keep = 5,
  ) {
    mkdirSync(dirname(file), { recursive: true });
    this.size = existsSync(file) ? statSync(file).size : 0;
  }

  write(line: string): void {
    const bytes = Buffer.byteLength(line);
    if (this.size + bytes > this.maxBytes && this.size > 0) this.rotate();
    appendFileSync(this.file, line);
    this.size += bytes;
  }

  /** The newest `maxLines` lines across the current and rotated files, oldest first. */
  tail(maxLines: number): string[] {
    const lines: string[] = [];
    for (let i = 0; i <= this.keep && lines.length < maxLines; i += 1) {
      const path = i === 0 ? this.file : `${this.file}.${i}`;
      if (!existsSync(path)) continue;
      const fileLines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
      lines.unshift(...fileLines.slice(-(maxLines - lines.length)));
    }
    return lines;
  }

  private rotate(): void {
    rmSync(`${this.file}.${this.keep}`, { force: true });
    for (let i = this.keep - 1; i >= 1; i -= 1) {
      if (existsSync(`${this.file}.${i}`)) renameSync(`${this.file}.${i}`, `${this.file}.${i + 1}`);
    }
    renameSync(this.file, `${this.file}.1`);
    this.size = 0;
  }
}
