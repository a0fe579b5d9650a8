/**
 * The one lockout mechanism behind every guessable secret (family and staff
 * sign-in and the security question on the server; the kiosk PIN, its
 * security question and the technician gate on the device).
 *
 * An attempt is reserved (counted) before the slow hash is verified, by one
 * atomic step of the store, and given back only if it succeeds. So however
 * many guesses arrive at once, at most `limit` of them are ever evaluated in
 * a window: the (limit + 1)th reservation is refused, not queued behind the
 * hash. Checking the lock, awaiting the hash and then recording the failure
 * (what this replaces) let a burst of guesses all pass the check together.
 */

export interface LockoutPolicy {
  /** Attempts that may be evaluated in a window; the one that reaches it starts the lock. */
  readonly limit: number;
  /** Failures older than this no longer count. */
  readonly windowMs: number;
  /** How long a counter stays shut once `limit` attempts were reserved. */
  readonly lockMs: number;
}

/**
 * One counter: what it counts (`key`), its policy, and what a success does
 * to it: `reset` forgets its failures (an account whose owner got in),
 * `refund` gives back only this attempt (an address, where one person's
 * success must not clear another's failures).
 */
export interface LockoutCounter {
  readonly key: string;
  readonly policy: LockoutPolicy;
  readonly onSuccess: 'reset' | 'refund';
}

export type Reservation =
  { readonly ok: true; readonly attempts: number } | { readonly ok: false; readonly lockedUntil: number };

/**
 * Where counters live (the server's database, the device's cache). Each
 * method must be one atomic step against concurrent callers: `reserve`
 * counts an attempt only if the counter is open (not locked, under its
 * limit, or its window has passed) and locks it when the count reaches the
 * limit; see `reserveSql` for the statement both stores run.
 */
export interface LockoutStore {
  reserve(key: string, policy: LockoutPolicy, now: number): Promise<Reservation> | Reservation;
  /** Forgets the counter (a success on a `reset` counter). */
  reset(key: string): Promise<void> | void;
  /** Takes back one reserved attempt and reopens the counter (a success on a `refund` counter). */
  refund(key: string): Promise<void> | void;
}

export type LockoutOutcome<T> =
  | { readonly kind: 'ok'; readonly value: T }
  /** Refused before anything was evaluated: `counter` is the one that is shut. */
  | { readonly kind: 'locked'; readonly counter: LockoutCounter; readonly retryAfterMs: number }
  /** Evaluated and wrong. `lockedNow`: this failure used the last attempt of the first counter. */
  | {
      readonly kind: 'failed';
      readonly attemptsLeft: number;
      readonly lockedNow: boolean;
      readonly retryAfterMs: number;
    };

/**
 * Reserves an attempt on every counter (all or none), then runs `verify`
 * (the slow hash); `null` from it is a wrong guess. The first counter is the
 * one whose attempts are reported (the account; later ones are wider, e.g.
 * an address).
 */
export async function guardedAttempt<T>(
  store: LockoutStore,
  counters: readonly LockoutCounter[],
  now: number,
  verify: () => Promise<T | null>,
): Promise<LockoutOutcome<T>> {
  const reserved: { counter: LockoutCounter; attempts: number }[] = [];
  for (const counter of counters) {
    const reservation = await store.reserve(counter.key, counter.policy, now);
    if (!reservation.ok) {
      for (const done of reserved) await store.refund(done.counter.key);
      return { kind: 'locked', counter, retryAfterMs: Math.max(0, reservation.lockedUntil - now) };
    }
    reserved.push({ counter, attempts: reservation.attempts });
  }
  let value: T | null;
  try {
    value = await verify();
  } catch (error) {
    // A check that could not run (not a wrong guess) gives every attempt back.
    for (const done of reserved) await store.refund(done.counter.key);
    throw error;
  }
  if (value !== null) {
    for (const { counter } of reserved) {
      if (counter.onSuccess === 'reset') await store.reset(counter.key);
      else await store.refund(counter.key);
    }
    return { kind: 'ok', value };
  }
  const first = reserved[0];
  const attemptsLeft = first ? Math.max(0, first.counter.policy.limit - first.attempts) : 0;
  return {
    kind: 'failed',
    attemptsLeft,
    lockedNow: first !== undefined && attemptsLeft === 0,
    retryAfterMs: first && attemptsLeft === 0 ? first.counter.policy.lockMs : 0,
  };
}

/** A counter as a store keeps it. */
export interface CounterState {
  readonly attempts: number;
  readonly windowStart: number;
  /** 0 when not locked. */
  readonly lockedUntil: number;
}

/**
 * What a reservation does to a counter, as a pure function: the
 * specification both stores implement in one atomic step (the device inside
 * one SQLite transaction, the server as one conditional UPDATE). A counter
 * whose window has passed or whose lock has ended starts again at one
 * attempt; the reservation that reaches the limit starts the lock.
 */
export function reserveCounter(
  state: CounterState | null,
  policy: LockoutPolicy,
  now: number,
): { ok: true; next: CounterState } | { ok: false; lockedUntil: number } {
  const current = state ?? { attempts: 0, windowStart: now, lockedUntil: 0 };
  if (current.lockedUntil > now) return { ok: false, lockedUntil: current.lockedUntil };
  const fresh = current.windowStart <= now - policy.windowMs || current.lockedUntil !== 0;
  const attempts = fresh ? 1 : current.attempts + 1;
  if (!fresh && current.attempts >= policy.limit) return { ok: false, lockedUntil: now };
  return {
    ok: true,
    next: {
      attempts,
      windowStart: fresh ? now : current.windowStart,
      lockedUntil: attempts >= policy.limit ? now + policy.lockMs : 0,
    },
  };
}

/** What a refund does: one attempt back, and the counter open again. */
export const refundCounter = (state: CounterState): CounterState => ({
  attempts: Math.max(0, state.attempts - 1),
  windowStart: state.windowStart,
  lockedUntil: 0,
});

/**
 * Counters in memory, for a single process that has no database at hand
 * (tests, tools). Atomic because every method runs to completion without
 * awaiting anything.
 */
export function memoryLockoutStore(): LockoutStore {
  const counters = new Map<string, CounterState>();
  return {
    reserve(key, policy, now) {
      const result = reserveCounter(counters.get(key) ?? null, policy, now);
      if (!result.ok) return result;
      counters.set(key, result.next);
      return { ok: true, attempts: result.next.attempts };
    },
    reset(key) {
      counters.delete(key);
    },
    refund(key) {
      const state = counters.get(key);
      if (state) counters.set(key, refundCounter(state));
    },
  };
}
