import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServerDatabase, type ServerDatabase } from '../../../server/db/database';
import { Lease } from '../../../server/db/lease';
import { testStore } from '../../support/server-harness';

/** The scheduler lease (server/db/lease.ts) on the test's database (SQLite, or PostgreSQL in integration-pg). */
let database: ServerDatabase;
beforeAll(async () => {
  const store = await testStore(mkdtempSync(join(tmpdir(), 'kiosk-lease-')));
  database = await openServerDatabase(store.databaseUrl ?? store.dbPath);
});
afterAll(() => database.close());

describe('a lease', () => {
  it('is held by one process at a time, renewed by its holder, and taken over only once it expired', async () => {
    let now = 1_000_000;
    const clock = () => now;
    const first = new Lease(database.db, 'test-a', 15_000, clock);
    const second = new Lease(database.db, 'test-a', 15_000, clock);
    // A burst from both: exactly one wins.
    const burst = await Promise.all([first, second, first, second].map((lease) => lease.acquire()));
    const firstWon = burst[0] === true;
    const [holder, other] = firstWon ? [first, second] : [second, first];
    expect(burst).toEqual(firstWon ? [true, false, true, false] : [false, true, false, true]);

    now += 10_000; // renewed before it expires: the other still cannot take it
    expect(await holder.acquire()).toBe(true);
    now += 10_000;
    expect(await other.acquire()).toBe(false);

    now += 15_001; // the holder stopped renewing (it died): the other takes over
    expect(await other.acquire()).toBe(true);
    expect(await holder.acquire()).toBe(false);

    await other.release(); // a clean shutdown hands it over at once
    expect(await holder.acquire()).toBe(true);
  });

  it('leases of different names are independent', async () => {
    const a = new Lease(database.db, 'test-b', 15_000);
    const b = new Lease(database.db, 'test-c', 15_000);
    expect(await a.acquire()).toBe(true);
    expect(await b.acquire()).toBe(true);
  });
});
