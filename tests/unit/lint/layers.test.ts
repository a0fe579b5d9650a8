import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules of docs/ARCHITECTURE.md are ESLint rules; this shows they
 * fire: each case lints a forbidden import as if it stood in a real file of
 * that layer, with the project's own config.
 */
const root = join(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function importErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

const cases: [file: string, code: string][] = [
  ['electron/core/core.ts', "import { app } from 'electron';\nexport const x = app;\n"],
  ['electron/core/core.ts', "import { startServer } from '../../server/app';\nexport const x = startServer;\n"],
  ['electron/main/index.ts', "import * as p from '../preload/index';\nexport const x = p;\n"],
  ['electron/main/index.ts', "import { startServer } from '../../server/app';\nexport const x = startServer;\n"],
  ['electron/preview/host.ts', "import { app } from 'electron';\nexport const x = app;\n"],
  ['shared/kiosk-api/contract.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
  ['renderer/src/main.tsx', "import { createCore } from '../../electron/core/core';\nexport const x = createCore;\n"],
  ['renderer/src/main.tsx', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
];

// Type-aware linting loads the TypeScript project first: the first case takes seconds.
describe('layer rules', { timeout: 60_000 }, () => {
  it.each(cases)('%s may not: %s', async (file, code) => {
    expect(await importErrors(file, code)).not.toEqual([]);
  });

  it('lets each layer import what it may (shared from core, core from main)', async () => {
    expect(
      await importErrors(
        'electron/core/core.ts',
        "import { kioskCalls } from '../../shared/kiosk-api/contract';\nexport const x = kioskCalls;\n",
      ),
    ).toEqual([]);
    expect(
      await importErrors(
        'electron/main/index.ts',
        "import { createCore } from '../core/core';\nexport const x = createCore;\n",
      ),
    ).toEqual([]);
  });
});
