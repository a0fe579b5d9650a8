import pg from 'pg';
import type { ServerContext } from '../domain/context';
import { CHANGES_CHANNEL, REVOKED_CHANNEL } from '../db/write-lock';

export interface ChangeFeedOptions {
  /** PostgreSQL: where the LISTEN connection goes; null on SQLite. */
  listenUrl: string | null;
  /**
   * How often the log is read even without a wake-up: on SQLite the only way
   * to hear another process's writes; on PostgreSQL a backstop for a
   * notification lost while the LISTEN connection was down.
   */
  pollMs: number;
  onError: (error: unknown) => void;
}

/**
 * Turns the change log into `changed` notices on this process's bus,
 * whoever wrote the rows: this process (woken by its own commit), another
 * process on the same PostgreSQL (woken by NOTIFY), or another process on
 * the same SQLite file (found by polling). It reads what is after the last
 * seq it announced, in order; write transactions commit in seq order
 * (db/write-lock.ts), so nothing is skipped. Revocations cross processes
 * too (NOTIFY on PostgreSQL; on SQLite the signal checks its connected
 * devices on each poll).
 */
export class ChangeFeed {
  private last = 0;
  private reading: Promise<void> | null = null;
  private again = false;
  private closed = false;
  private listener: pg.Client | null = null;
  private readonly timer: NodeJS.Timeout;
  private readonly onCommitted = () => this.wake();
  private readonly onRevoked = (deviceId: string, origin: 'here' | 'elsewhere') => {
    if (origin === 'here' && this.listener)
      this.listener.query('select pg_notify($1, $2)', [REVOKED_CHANNEL, deviceId]).catch(this.options.onError);
  };

  private constructor(
    private readonly ctx: ServerContext,
    private readonly options: ChangeFeedOptions,
  ) {
    ctx.bus.on('committed', this.onCommitted);
    ctx.bus.on('revoked', this.onRevoked);
    this.timer = setInterval(() => this.wake(), options.pollMs);
    this.timer.unref();
  }

  static async start(ctx: ServerContext, options: ChangeFeedOptions): Promise<ChangeFeed> {
    const feed = new ChangeFeed(ctx, options);
    const newest = await ctx.db
      .selectFrom('changes')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst();
    feed.last = newest?.seq ?? 0;
    if (options.listenUrl) await feed.listen(options.listenUrl);
    return feed;
  }

  /** One dedicated connection that LISTENs (a pooled one would hand the LISTEN to whoever borrows it next). */
  private async listen(url: string): Promise<void> {
    const client = new pg.Client({ connectionString: url });
    client.on('notification', (message) => {
      if (message.channel === CHANGES_CHANNEL) this.wake();
      else if (message.channel === REVOKED_CHANNEL && message.payload)
        this.ctx.bus.revoked(message.payload, 'elsewhere');
    });
    client.on('error', (error) => {
      this.options.onError(error);
      this.listener = null;
      // Reconnect: until then the poll still finds every change.
      if (!this.closed) setTimeout(() => void this.listen(url).catch(this.options.onError), 1_000).unref();
    });
    await client.connect();
    await client.query(`listen ${CHANGES_CHANNEL}`);
    await client.query(`listen ${REVOKED_CHANNEL}`);
    if (this.closed) {
      await client.end();
      return;
    }
    this.listener = client;
    // Anything committed while no one listened.
    this.wake();
  }

  /** Reads the log now (or once more after the read under way). */
  wake(): void {
    if (this.closed) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = this.readAll()
      .catch(this.options.onError)
      .finally(() => (this.reading = null));
  }

  private async readAll(): Promise<void> {
    do {
      this.again = false;
      const rows = await this.ctx.db
        .selectFrom('changes')
        .select(['seq', 'facility_id', 'unit_id', 'inmate_id'])
        .where('seq', '>', this.last)
        .orderBy('seq')
        .limit(1_000)
        .execute();
      for (const row of rows) {
        this.last = row.seq;
        this.ctx.bus.notify({
          seq: row.seq,
          facilityId: row.facility_id,
          unitId: row.unit_id,
          inmateId: row.inmate_id,
        });
      }
      if (rows.length === 1_000) this.again = true;
    } while (this.again && !this.closed);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    this.ctx.bus.off('committed', this.onCommitted);
    this.ctx.bus.off('revoked', this.onRevoked);
    await this.reading;
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
  }
}
