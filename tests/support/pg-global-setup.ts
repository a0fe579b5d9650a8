import { startPgCluster } from './pg-cluster';

/**
 * Vitest globalSetup of the PostgreSQL projects: one throwaway cluster for
 * the run; every server a test starts gets a fresh database in it
 * (tests/support/server-harness.ts). No PostgreSQL means a failed run with
 * one line saying why, never a silent skip.
 */
export default async function setup(): Promise<() => void> {
  try {
    const cluster = await startPgCluster();
    process.env.KIOSK_TEST_PG_URL = cluster.adminUrl;
    return () => cluster.stop();
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(`PostgreSQL test cluster could not start: ${reason}`);
  }
}
