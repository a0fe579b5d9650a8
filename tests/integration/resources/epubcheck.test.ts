import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * The demo books pass EPUBCheck (Debian's epubcheck package, installed by
 * .ci/run) with no fatal error and no error: they are the books every
 * demo facility offers, so they must be valid EPUB for any reader.
 */
const books = resolve(import.meta.dirname, '../../../resources/demo/books');
const run = promisify(execFile);

describe('demo books under epubcheck', () => {
  const files = readdirSync(books).filter((f) => f.endsWith('.epub'));

  it('there are demo books to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it.each(files)('%s: 0 fatals, 0 errors', async (file) => {
    // The package's /usr/bin/epubcheck is the jar itself; Java runs it.
    const { stdout, stderr } = await run('java', ['-jar', '/usr/bin/epubcheck', join(books, file)], {
      timeout: 50_000,
    }).catch((error: unknown) => {
      // epubcheck exits non-zero when it finds errors: its report is still what the test reads.
      // (execFile's error carries the output as strings, utf8 being its default encoding.)
      const failed = error as { stdout?: string; stderr?: string };
      return { stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
    });
    const output = `${stdout}\n${stderr}`;
    const summary = /Messages: (\d+) fatals? \/ (\d+) errors?/.exec(output);
    expect(summary, output).not.toBeNull();
    expect([summary?.[1], summary?.[2]], output).toEqual(['0', '0']);
  });
});
