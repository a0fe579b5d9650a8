import type { Database } from 'better-sqlite3';

/**
 * Runs `write` (which commits one transaction) without waiting for the disk
 * at commit: for writes the device can always get again, and only those.
 *
 * The cache runs WAL with synchronous=FULL so that what an inmate typed is on
 * disk before the screen says "queued". A pulled page is a copy of what the
 * server still holds: in WAL mode with synchronous=NORMAL its commit is still
 * atomic and crash-safe (a kill -9 loses nothing the OS was given), and after
 * a power cut it can only roll back whole, together with the cursor stored in
 * the same transaction, so the page is simply pulled again. Skipping one
 * fsync per page made applying a 100k-row pull markedly faster
 * (tests/bench/device-cache.ts). The next FULL commit, or a checkpoint,
 * makes these frames durable too.
 */
export function refetchableWrite<T>(db: Database, write: () => T): T {
  const level = db.pragma('synchronous', { simple: true }) as number;
  db.pragma('synchronous = NORMAL');
  try {
    return write();
  } finally {
    db.pragma(`synchronous = ${level}`);
  }
}
