import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules of docs/ARCHITECTURE.md are ESLint rules (an allowlist per layer in
 * eslint.config.js); this shows they fire: each case lints an import as if it stood in a
 * real file of that layer, with the project's own config.
 */
const root = join(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: root });

const layerRules = new Set([
  'no-restricted-imports',
  '@typescript-eslint/no-restricted-imports',
  'boundaries/dependencies',
  'boundaries/no-unknown-files',
  'boundaries/no-unknown-dependencies',
]);

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId && layerRules.has(m.ruleId)).map((m) => m.message);
}

const importing = (name: string, from: string) => `import * as m from '${from}';\nexport const ${name} = m;\n`;

const forbidden: [file: string, code: string][] = [
  ['electron/core/core.ts', importing('x', 'electron')],
  ['electron/core/core.ts', importing('x', '../../server/app')],
  ['electron/core/core.ts', importing('x', '../host/api/bridge')],
  ['electron/core/db/migrations/0002_audit_log.ts', importing('x', '../../technician/audit-log')],
  ['electron/host/api/bridge.ts', importing('x', 'electron')],
  ['electron/host/api/bridge.ts', importing('x', '../../core/core')],
  ['electron/main/index.ts', importing('x', '../preload/index')],
  ['electron/main/index.ts', importing('x', '../../server/app')],
  ['electron/main/index.ts', importing('x', '../core/core')],
  ['electron/preload/index.ts', importing('x', 'node:fs')],
  ['electron/preload/index.ts', importing('x', '../host/api/bridge')],
  ['electron/preview/host.ts', importing('x', 'electron')],
  ['electron/preview/host.ts', importing('x', '../core/core')],
  ['shared/kiosk-api/contract.ts', importing('x', 'node:fs')],
  ['shared/domain/ids.ts', importing('x', '../kiosk-api/contract')],
  ['shared/kiosk-api/contract.ts', importing('x', '../node/scrypt')],
  ['renderer/src/main.tsx', importing('x', '../../electron/core/core')],
  ['renderer/src/main.tsx', importing('x', 'node:fs')],
  ['renderer/src/main.tsx', importing('x', '../../shared/core-host/messages')],
  ['portal/src/main.tsx', importing('x', '../../renderer/src/main')],
  ['portal/src/main.tsx', importing('x', '../../server/app')],
  ['portal/src/main.tsx', importing('x', '../../shared/kiosk-api/contract')],
  ['portal/src/main.tsx', importing('x', '../../shared/node/scrypt')],
  ['portal/src/main.tsx', importing('x', 'node:fs')],
  ['portal/src/staff/StaffApp.tsx', importing('x', '../family/Home')],
  ['portal/src/family/Home.tsx', importing('x', '../staff/ReviewQueue')],
  ['portal/src/common/api.ts', importing('x', '../family/Home')],
  ['server/app.ts', importing('x', '../electron/core/core')],
  ['server/app.ts', importing('x', '../shared/kiosk-api/contract')],
  ['scripts/start.mjs', importing('x', '../server/app.ts')],
  // A file in no layer is an error of its own, whatever it imports.
  ['somewhere-new/tool.mjs', 'export const x = 1;\n'],
];

const allowed: [file: string, code: string][] = [
  ['electron/core/core.ts', importing('x', '../../shared/kiosk-api/contract')],
  ['electron/core/core.ts', importing('x', '../../shared/core-host/config')],
  ['electron/core/db/open.ts', importing('x', './migrations/0002_audit_log')],
  ['electron/main/index.ts', importing('x', '../host/api/bridge')],
  ['electron/preview/host.ts', importing('x', '../host/lockdown/csp')],
  ['electron/preview/host.ts', importing('x', '../../server/app')],
  ['portal/src/main.tsx', importing('x', '../../shared/domain/ids')],
  ['portal/src/family/Home.tsx', importing('x', '../common/api')],
  ['renderer/src/main.tsx', importing('x', '../../shared/kiosk-api/contract')],
  ['server/app.ts', importing('x', '../shared/node/scrypt')],
];

// Type-aware linting loads the TypeScript project first: the first case takes seconds.
describe('layer rules', { timeout: 60_000 }, () => {
  it.each(forbidden)('%s may not: %s', async (file, code) => {
    expect(await layerErrors(file, code)).not.toEqual([]);
  });

  it.each(allowed)('%s may: %s', async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });
});
