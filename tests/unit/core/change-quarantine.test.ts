import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppInfoService } from '../../../electron/core/app/app-info';
import { CacheStore } from '../../../electron/core/cache/cache-store';
import { migrate } from '../../../electron/core/db/migrations';
import { SettingsStore } from '../../../electron/core/db/settings';
import type { FacilityLink } from '../../../electron/core/link/facility-link';
import { ChangeQuarantine, jsonWithinLimits, parseChange } from '../../../electron/core/sync/change-quarantine';
import { applyPullPage, CURSOR_KEY, readPullPage } from '../../../electron/core/sync/pull-page';
import type { Change } from '../../../shared/sync/protocol';

function announcement(seq: number): Change {
  return {
    seq,
    table: 'announcements',
    op: 'upsert',
    row: {
      id: `019ab000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
      facilityId: '019ab000-0000-7000-8000-0000000000ff',
      unitId: null,
      title: `t${seq}`,
      body: '',
      language: null,
      postedAt: 1,
      expiresAt: null,
    },
  };
}

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
}

describe('jsonWithinLimits', () => {
  it('counts depth and nodes without recursion (a million levels does not overflow)', () => {
    expect(jsonWithinLimits({ a: { b: [1, 2] } }, 3, 100)).toBe(true);
    expect(jsonWithinLimits({ a: { b: [1, 2] } }, 2, 100)).toBe(false);
    expect(jsonWithinLimits([1, 2, 3, 4], 5, 4)).toBe(false);
    expect(jsonWithinLimits(nested(1_000_000), 32, 10_000_000)).toBe(false);
    expect(jsonWithinLimits('text', 1, 1)).toBe(true);
  });
});

describe('parseChange', () => {
  it('accepts a valid change and describes a bad one as far as it can be read', () => {
    expect(parseChange(announcement(1), 5)).toMatchObject({ ok: true });
    expect(parseChange({ seq: 9, table: 'units', op: 'upsert', row: { id: 'x' } }, 5)).toMatchObject({
      ok: false,
      entry: { seq: 9, table: 'units', id: 'x', at: 5 },
    });
    expect(parseChange('garbage', 5)).toMatchObject({ ok: false, entry: { seq: null, table: null, id: null } });
  });
});

describe('readPullPage', () => {
  it('refuses a page whose envelope is wrong, and sets aside only the bad changes of a good one', () => {
    expect(readPullPage({ changes: 'no', cursor: 1, hasMore: false, serverTime: 1 }, 1)).toHaveProperty('problem');
    const read = readPullPage(
      {
        changes: [announcement(1), { seq: 2, table: 'nope' }, announcement(3)],
        cursor: 3,
        hasMore: false,
        serverTime: 1,
      },
      1,
    );
    expect('page' in read && read.page.changes.map((c) => c.seq)).toEqual([1, 3]);
    expect('page' in read && read.page.quarantined.map((q) => q.seq)).toEqual([2]);
  });
});

describe('applyPullPage when applying a change throws', () => {
  const setup = () => {
    const db = new Database(':memory:');
    migrate(db);
    const settings = new SettingsStore(db);
    const real = new CacheStore(db);
    return { db, settings, real };
  };

  it('applies the others change by change and quarantines the one that throws, with the cursor', () => {
    const { db, settings, real } = setup();
    const cache = Object.assign(Object.create(real) as CacheStore, {
      apply(change: Change) {
        real.apply(change);
        if (change.seq === 2) throw new RangeError('Maximum call stack size exceeded');
      },
    });
    const failed = applyPullPage({ db, cache, settings }, { changes: [1, 2, 3].map(announcement), cursor: 3 });
    expect(failed.map((entry) => [entry.seq, entry.reason])).toEqual([[2, 'apply: Maximum call stack size exceeded']]);
    // The change that threw left nothing behind (its savepoint rolled back); the others are in.
    expect(db.prepare('SELECT count(*) FROM sync_rows').pluck().get()).toBe(2);
    expect(settings.get(CURSOR_KEY, z.number())).toBe(3);
    expect(new ChangeQuarantine(settings).state().total).toBe(1);
  });

  it('a storage error is not the data’s fault: the page fails whole and is pulled again', () => {
    const { db, settings, real } = setup();
    const cache = Object.assign(Object.create(real) as CacheStore, {
      apply() {
        throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      },
    });
    expect(() => applyPullPage({ db, cache, settings }, { changes: [announcement(1)], cursor: 1 })).toThrow(/full/);
    expect(settings.get(CURSOR_KEY, z.number())).toBeUndefined();
    expect(new ChangeQuarantine(settings).state().total).toBe(0);
  });
});

describe('AppInfo online', () => {
  it('is not claimed while syncs fail, even when the health probe answers', () => {
    const db = new Database(':memory:');
    migrate(db);
    const link = Object.assign(new EventEmitter(), {
      current: { online: true, serverTimeOffsetMs: 0, lastContactAt: 1 },
    }) as unknown as FacilityLink;
    const info = new AppInfoService(new SettingsStore(db), link, '1.0.0');
    const changes: boolean[] = [];
    info.on('change', (next) => changes.push(next.online));
    expect(info.info().online).toBe(true);
    info.setSyncFailing(true);
    info.setSyncFailing(true);
    expect(info.info().online).toBe(false);
    info.setSyncFailing(false);
    expect(changes).toEqual([false, true]);
  });
});
