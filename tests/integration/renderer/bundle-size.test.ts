import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initialJs } from '../../support/bundle-size';

const dist = join(import.meta.dirname, '../../../out/renderer');
/** Budget for the first screen's JavaScript (gzip), from the foundation issue. */
const BUDGET_GZIP_BYTES = 150 * 1024;

describe('renderer bundle', () => {
  it.skipIf(!existsSync(join(dist, 'index.html')) && !process.env.CI)('keeps the initial JS within budget', () => {
    const { files, gzipBytes } = initialJs(dist);
    expect(files.length).toBeGreaterThan(0);
    expect(gzipBytes).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
  });
});
