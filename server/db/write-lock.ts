import { sql, type Transaction } from 'kysely';
import { isPostgres } from './migrations/portable';
import type { Database } from './schema';

/** The advisory lock every domain write takes on PostgreSQL: the (classid, objid) pair (4711, 1), ours alone. */
const WRITE_LOCK = sql`4711, 1`;
/** The channel on which a commit that grew the change log is announced to every server process. */
export const CHANGES_CHANNEL = 'kiosk_changes';
/** The channel on which a revoked device's id is announced to every server process. */
export const REVOKED_CHANNEL = 'kiosk_revoked';

/**
 * Domain writes run one at a time, on SQLite (one writer, by the database
 * itself) and on PostgreSQL (a transaction-scoped advisory lock, held to the
 * commit, across every server process). Two things rest on it: the domain's
 * read-then-write checks (a balance before a purchase, a run's claim) see
 * no concurrent writer, exactly as they were written for SQLite; and
 * change-log numbers commit in order, so a device that pulled up to seq N
 * can never later miss a smaller seq that committed after it (an identity
 * column hands numbers out at insert, not at commit). Reads never wait.
 */
export async function serializeWrite(trx: Transaction<Database>): Promise<void> {
  if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(${WRITE_LOCK})`.execute(trx);
}

const queues = new WeakMap<object, Promise<unknown>>();

/**
 * One write transaction at a time per database in this process, queued in
 * memory: they would wait for the lock in turn anyway, and waiting here
 * holds no pooled connection (ten writers waiting on the database's lock
 * would hold ten, and leave none for reads). SQLite's single connection
 * queues them the same way.
 */
export function oneAtATime<T>(db: object, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(db) ?? Promise.resolve();
  const run = previous.then(work, work);
  queues.set(
    db,
    run.catch(() => undefined),
  );
  return run;
}

/** PostgreSQL: tells every listening server process, at the commit and only if it commits, that the change log grew. */
export async function signalCommit(trx: Transaction<Database>): Promise<void> {
  if (isPostgres(trx)) await sql`select pg_notify(${CHANGES_CHANNEL}, '')`.execute(trx);
}
