import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * A named lease (table `leases`): work that exactly one server process may
 * do at a time goes to whichever process holds it. The holder renews it on
 * every pass; a process that dies stops renewing and another takes over
 * once it expires. One upsert takes or renews it, atomic on SQLite and on
 * PostgreSQL alike (the conflict update sees the committed row). Wall-clock
 * time, not the server's injectable `now`: it is about processes, not the
 * facility's calendar.
 */
export class Lease {
  readonly holder = randomUUID();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly name: string,
    private readonly ttlMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Takes or renews the lease; true while this process holds it. */
  async acquire(): Promise<boolean> {
    const now = this.clock();
    const values = { name: this.name, holder: this.holder, expires_at: now + this.ttlMs };
    const row = await this.db
      .insertInto('leases')
      .values(values)
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet({ holder: this.holder, expires_at: values.expires_at })
          .where((eb) => eb.or([eb('leases.holder', '=', this.holder), eb('leases.expires_at', '<', now)])),
      )
      .returning('holder')
      .executeTakeFirst();
    return row?.holder === this.holder;
  }

  /** Gives the lease up (a clean shutdown), so another process need not wait for it to expire. */
  async release(): Promise<void> {
    await this.db.deleteFrom('leases').where('name', '=', this.name).where('holder', '=', this.holder).execute();
  }
}
