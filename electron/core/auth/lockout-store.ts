import type { Database } from 'better-sqlite3';
import { refundCounter, reserveCounter, type CounterState, type LockoutStore } from '../../../shared/domain/lockout';

interface Row {
  attempts: number;
  window_start: number;
  locked_until: number;
}

/**
 * The device's lockout counters (shared/domain/lockout.ts) in its SQLite
 * cache, so a restart of core does not reopen a lock. Each step is one
 * immediate transaction on the one connection: better-sqlite3 runs it to the
 * end before any other call, so two guesses cannot take the same attempt.
 */
export function sqliteLockoutStore(db: Database): LockoutStore {
  const read = db.prepare<[string], Row>('SELECT attempts, window_start, locked_until FROM lockouts WHERE key = ?');
  const write = db.prepare(
    'INSERT INTO lockouts (key, attempts, window_start, locked_until) VALUES (?, ?, ?, ?) ' +
      'ON CONFLICT (key) DO UPDATE SET attempts = excluded.attempts, window_start = excluded.window_start, locked_until = excluded.locked_until',
  );
  const remove = db.prepare('DELETE FROM lockouts WHERE key = ?');
  const state = (key: string): CounterState | null => {
    const row = read.get(key);
    return row ? { attempts: row.attempts, windowStart: row.window_start, lockedUntil: row.locked_until } : null;
  };
  const save = (key: string, next: CounterState) => write.run(key, next.attempts, next.windowStart, next.lockedUntil);
  const reserve = db.transaction((key: string, policy: Parameters<LockoutStore['reserve']>[1], now: number) => {
    const result = reserveCounter(state(key), policy, now);
    if (!result.ok) return result;
    save(key, result.next);
    return { ok: true as const, attempts: result.next.attempts };
  });
  const refund = db.transaction((key: string) => {
    const current = state(key);
    if (current) save(key, refundCounter(current));
  });
  return {
    reserve: (key, policy, now) => reserve.immediate(key, policy, now),
    reset: (key) => {
      remove.run(key);
    },
    refund: (key) => refund.immediate(key),
  };
}
