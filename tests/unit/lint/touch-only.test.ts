import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The touch-only suite (tests/e2e/touch) may act only as a finger does: the project's ESLint config
 * refuses Playwright's keyboard, fill, type, press and click there. This shows the rule firing on
 * each, and staying quiet on tap() and on the same calls in another e2e spec.
 */
const root = join(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function touchErrors(file: string, body: string): Promise<string[]> {
  const code = `import type { Page } from '@playwright/test';\nexport async function act(page: Page) {\n  ${body}\n}\n`;
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

const spec = 'tests/e2e/touch/journeys.spec.ts';

// The first lint builds the type-aware program (tens of seconds on a loaded machine).
describe('the touch-only lint rule', { timeout: 120_000 }, () => {
  it.each([
    "await page.keyboard.type('hello');",
    "await page.keyboard.press('Enter');",
    "await page.getByLabel('Answer').fill('Rex');",
    "await page.getByLabel('Answer').pressSequentially('Rex');",
    "await page.getByRole('button').press('Enter');",
    "await page.getByRole('button').click();",
  ])('refuses %s in the touch suite', async (body) => {
    expect((await touchErrors(spec, body)).length).toBeGreaterThan(0);
  });

  it('allows a tap in the touch suite, and a click elsewhere', async () => {
    expect(await touchErrors(spec, "await page.getByRole('button').tap();")).toEqual([]);
    expect(await touchErrors('tests/e2e/frame.spec.ts', "await page.getByRole('button').click();")).toEqual([]);
  });
});
