import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RotatingLogFile } from '../../../electron/core/log-file';

describe('RotatingLogFile', () => {
  it('rotates past the size limit, keeps N files, and tails across them', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kiosk-log-')), 'core.log');
    const log = new RotatingLogFile(file, 100, 2);
    for (let i = 0; i < 30; i += 1) log.write(`{"n":${String(i).padStart(3, '0')},"pad":"xxxxxxxxxx"}\n`);
    expect(existsSync(`${file}.1`)).toBe(true);
    expect(existsSync(`${file}.2`)).toBe(true);
    expect(existsSync(`${file}.3`)).toBe(false);
    expect(readFileSync(file).length).toBeLessThanOrEqual(100);
    const tail = log.tail(4);
    expect(tail).toHaveLength(4);
    expect(tail.at(-1)).toContain('"n":029');
    expect(tail[0]).toContain('"n":026');
  });
});
