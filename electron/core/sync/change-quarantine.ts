import { z } from 'zod';
import { Change, PULL_PAGE_MAX } from '../../../shared/sync/protocol';
import type { SettingsStore } from '../db/settings';

/**
 * Deeper than any row the protocol defines (the deepest, a reading-progress `data`, is a few levels):
 * a row past it is refused before a schema walks it recursively (1,518 levels overflowed the stack).
 */
export const CHANGE_MAX_DEPTH = 32;
/** Objects, arrays and scalars in one change; a pull row is a few dozen. */
export const CHANGE_MAX_NODES = 20_000;

/** A change the device could not take, as far as it could read it, and why. */
export const QuarantinedChange = z.object({
  seq: z.number().int().nullable(),
  table: z.string().max(50).nullable(),
  id: z.string().max(100).nullable(),
  reason: z.string().max(300),
  at: z.number().int(),
});
export type QuarantinedChange = z.infer<typeof QuarantinedChange>;

/**
 * Whether a parsed JSON value stays within a depth and a node count, walked with an explicit stack so
 * that checking a hostile value cannot itself overflow the call stack.
 */
export function jsonWithinLimits(value: unknown, maxDepth: number, maxNodes: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  let nodes = 0;
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [current, depth] = next;
    nodes += 1;
    if (nodes > maxNodes) return false;
    if (current === null || typeof current !== 'object') continue;
    if (depth > maxDepth) return false;
    const children = Array.isArray(current) ? current : Object.values(current);
    for (const child of children) stack.push([child, depth + 1]);
  }
  return true;
}

/** What a change that will not parse still says about itself (read shallowly, never trusted). */
function describe(raw: unknown): Pick<QuarantinedChange, 'seq' | 'table' | 'id'> {
  const record = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const row = record.row !== null && typeof record.row === 'object' ? (record.row as Record<string, unknown>) : {};
  const text = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : null);
  return {
    seq: typeof record.seq === 'number' && Number.isSafeInteger(record.seq) ? record.seq : null,
    table: text(record.table, 50),
    id: text(record.id, 100) ?? text(row.id, 100),
  };
}

/**
 * One change of a pull page, checked on its own: within the JSON limits, then against its table's
 * schema. A change that fails is returned as a quarantine entry, so the rest of the page still applies.
 */
export function parseChange(
  raw: unknown,
  now: number,
): { ok: true; change: Change } | { ok: false; entry: QuarantinedChange } {
  const quarantine = (reason: string) => ({ ok: false as const, entry: { ...describe(raw), reason, at: now } });
  if (!jsonWithinLimits(raw, CHANGE_MAX_DEPTH + 2, CHANGE_MAX_NODES)) return quarantine('too deep or too large');
  try {
    const parsed = Change.safeParse(raw);
    if (parsed.success) return { ok: true, change: parsed.data };
    const issue = parsed.error.issues[0];
    return quarantine(`schema: ${issue ? `${issue.path.join('.')} ${issue.message}` : 'invalid'}`.slice(0, 300));
  } catch (error) {
    // A schema is code: if it throws on some input, that input is what is quarantined, not the sync.
    return quarantine(`unreadable: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300));
  }
}

/** The envelope of a pull page, each change left unparsed so one bad change cannot sink the page. */
export const PullEnvelope = z.object({
  changes: z.array(z.unknown()).max(PULL_PAGE_MAX),
  cursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
  remaining: z.number().int().nonnegative().optional(),
  serverTime: z.number().int(),
});

const QUARANTINE_KEY = 'sync.quarantine';
const QUARANTINE_KEPT = 20;
const QuarantineState = z.object({ total: z.number().int().nonnegative(), recent: z.array(QuarantinedChange) });

/**
 * Changes the device skipped because it could not read them, in the device's settings (written in the
 * page's own transaction, so a skipped change is recorded exactly when its cursor moves past it): a
 * count and the last few, for diagnostics and the technician screen.
 */
export class ChangeQuarantine {
  constructor(private readonly settings: SettingsStore) {}

  /** Call inside the page's transaction. */
  record(entries: readonly QuarantinedChange[]): void {
    if (entries.length === 0) return;
    const state = this.state();
    this.settings.set(QUARANTINE_KEY, {
      total: state.total + entries.length,
      recent: [...state.recent, ...entries].slice(-QUARANTINE_KEPT),
    });
  }

  state(): z.infer<typeof QuarantineState> {
    return this.settings.get(QUARANTINE_KEY, QuarantineState) ?? { total: 0, recent: [] };
  }
}
