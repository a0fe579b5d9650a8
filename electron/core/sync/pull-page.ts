import type { Database } from 'better-sqlite3';
import { PullResponse, type Change } from '../../../shared/sync/protocol';
import type { CacheStore } from '../cache/cache-store';
import { refetchableWrite } from '../db/durability';
import type { SettingsStore } from '../db/settings';
import {
  CHANGE_MAX_DEPTH,
  CHANGE_MAX_NODES,
  ChangeQuarantine,
  jsonWithinLimits,
  parseChange,
  PullEnvelope,
  type QuarantinedChange,
} from './change-quarantine';

export const CURSOR_KEY = 'sync.cursor';

export interface PullPageTarget {
  readonly db: Database;
  readonly cache: CacheStore;
  readonly settings: SettingsStore;
}

/** A pull page as the device takes it: the changes it can apply and the ones it had to set aside. */
export interface PulledPage {
  readonly changes: Change[];
  readonly quarantined: QuarantinedChange[];
  readonly cursor: number;
  readonly hasMore: boolean;
  readonly remaining: number | undefined;
}

/**
 * A pull page from its JSON: the envelope must hold (else the page is refused whole: `null` and why),
 * each change is checked on its own and quarantined if it fails, so one bad row never stops sync.
 */
export function readPullPage(body: unknown, now: number): { page: PulledPage } | { problem: string } {
  const envelope = PullEnvelope.safeParse(body);
  if (!envelope.success) return { problem: envelope.error.message.slice(0, 300) };
  const { cursor, hasMore, remaining } = envelope.data;
  // The usual page: every change within the limits (a cheap walk) and the page valid as a whole, checked
  // in one schema pass (a pass per change costs about twice as much on a 100k-row first sync).
  if (envelope.data.changes.every((raw) => jsonWithinLimits(raw, CHANGE_MAX_DEPTH + 2, CHANGE_MAX_NODES))) {
    const whole = PullResponse.safeParse(body);
    if (whole.success) return { page: { changes: whole.data.changes, quarantined: [], cursor, hasMore, remaining } };
  }
  const changes: Change[] = [];
  const quarantined: QuarantinedChange[] = [];
  for (const raw of envelope.data.changes) {
    const result = parseChange(raw, now);
    if (result.ok) changes.push(result.change);
    else quarantined.push(result.entry);
  }
  return { page: { changes, quarantined, cursor, hasMore, remaining } };
}

function isStorageError(error: unknown): boolean {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}

/**
 * Applies one pulled page and stores its cursor in the same transaction, so a
 * crash replays at most this page and never skips one; quarantined changes are
 * recorded in that same transaction. If applying a change throws for a reason
 * other than storage (disk full, I/O: the page fails whole and is pulled again),
 * the page is applied again change by change, each in a savepoint, and the
 * changes that throw are quarantined too. Returns every change quarantined.
 * `inside` runs last inside the transaction (fault tests kill the process there).
 */
export function applyPullPage(
  target: PullPageTarget,
  page: Pick<PulledPage, 'changes' | 'cursor'> & { readonly quarantined?: QuarantinedChange[] },
  inside?: () => void,
  now: () => number = Date.now,
): QuarantinedChange[] {
  const quarantine = new ChangeQuarantine(target.settings);
  const commit = (apply: () => QuarantinedChange[]) =>
    refetchableWrite(target.db, () =>
      target.db.transaction(() => {
        const failed = [...(page.quarantined ?? []), ...apply()];
        quarantine.record(failed);
        target.settings.set(CURSOR_KEY, page.cursor);
        inside?.();
        return failed;
      })(),
    );
  try {
    return commit(() => {
      for (const change of page.changes) target.cache.apply(change);
      return [];
    });
  } catch (error) {
    if (isStorageError(error)) throw error;
    return commit(() =>
      page.changes.flatMap((change) => {
        try {
          target.db.transaction(() => target.cache.apply(change))();
          return [];
        } catch (failure) {
          if (isStorageError(failure)) throw failure;
          const id = change.op === 'delete' ? change.id : (change.row as { id: string }).id;
          const reason = `apply: ${failure instanceof Error ? failure.message : String(failure)}`.slice(0, 300);
          return [{ seq: change.seq, table: change.table, id, reason, at: now() }];
        }
      }),
    );
  }
}
