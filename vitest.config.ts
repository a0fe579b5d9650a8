import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

const integration = ['tests/integration/**/*.test.ts', 'tests/faults/**/*.test.ts'];

/**
 * Every integration or fault test that starts the facility server (through
 * tests/support: the harness, a server process, the kiosk stack, the convergence helper, or
 * server/app itself) runs a second time on PostgreSQL, found by reading the
 * files, so a new server test is covered without being listed here.
 */
function serverTests(): string[] {
  const startsServer = /support\/(server-harness|server-process|kiosk-stack|sync-convergence)'|server\/app'/;
  return ['tests/integration', 'tests/faults'].flatMap((root) =>
    readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.test.ts'))
      .map((file) => join(root, file).replaceAll('\\', '/'))
      .filter((file) => startsServer.test(readFileSync(file, 'utf8'))),
  );
}

const integrationOptions = {
  environment: 'node',
  testTimeout: 60_000,
  hookTimeout: 60_000,
  // Integration suites start real servers and processes; two cores only.
  maxWorkers: 2,
  sequence: { groupOrder: 1 },
} as const;

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
          environment: 'node',
        },
      },
      {
        test: { name: 'integration', include: integration, env: { TEST_DATABASE: 'sqlite' }, ...integrationOptions },
      },
      {
        // The same server tests on a throwaway PostgreSQL cluster (started once for the run; a fresh database per
        // server). No PostgreSQL: the run fails, saying so in one line.
        test: {
          name: 'integration-pg',
          include: serverTests(),
          env: { TEST_DATABASE: 'postgres' },
          globalSetup: ['tests/support/pg-global-setup.ts'],
          ...integrationOptions,
          sequence: { groupOrder: 2 },
        },
      },
      {
        test: {
          // The attacks of issue #12 against the real server and preview host (bursts included).
          name: 'security',
          include: ['tests/security/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          maxWorkers: 2,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
