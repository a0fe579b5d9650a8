import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CacheStore } from '../../../electron/core/cache/cache-store';
import { openDatabase } from '../../../electron/core/db/open';
import { SettingsStore } from '../../../electron/core/db/settings';
import { applyPullPage, CURSOR_KEY } from '../../../electron/core/sync/pull-page';
import { Change, PullResponse } from '../../../shared/sync/protocol';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function openCache() {
  const dir = mkdtempSync(join(tmpdir(), 'cache-store-'));
  dirs.push(dir);
  const db = openDatabase({ file: join(dir, 'device.db'), key: randomBytes(32) });
  return { db, cache: new CacheStore(db) };
}

function message(id: string, readAt: number | null, body = 'Hello from home') {
  const now = Date.now();
  return {
    seq: 1,
    table: 'messages' as const,
    op: 'upsert' as const,
    row: {
      id,
      inmateId: uuidv7(),
      contactId: uuidv7(),
      direction: 'in' as const,
      kind: 'text' as const,
      body,
      photos: [],
      ecard: null,
      videogram: null,
      status: 'approved' as const,
      rejectionReason: null,
      clientOpId: null,
      stampCents: 0,
      createdAt: now,
      deliverAt: now,
      readAt,
      updatedAt: now,
    },
  };
}

describe('CacheStore', () => {
  it('keeps a read made on this device when a page made before the server saw it arrives', () => {
    const { db, cache } = openCache();
    const id = uuidv7();
    cache.apply(Change.parse(message(id, null)));
    db.prepare('UPDATE messages SET read_at = 1234 WHERE id = ?').run(id);
    cache.apply(Change.parse(message(id, null, 'edited by staff')));
    expect(db.prepare('SELECT read_at, body FROM messages WHERE id = ?').get(id)).toEqual({
      read_at: 1234,
      body: 'edited by staff',
    });
    // The server's own read time wins once it has one.
    cache.apply(Change.parse(message(id, 5678)));
    expect(db.prepare('SELECT read_at FROM messages WHERE id = ?').get(id)).toEqual({ read_at: 5678 });
    db.close();
  });

  it('checks each change against its own table only: a message row under another table is refused', () => {
    const change = { ...message(uuidv7(), null), table: 'announcements' };
    expect(Change.safeParse(change).success).toBe(false);
    expect(Change.safeParse({ ...message(uuidv7(), null), table: 'no_such_table' }).success).toBe(false);
    expect(
      PullResponse.safeParse({ changes: [message(uuidv7(), null)], cursor: 1, hasMore: false, serverTime: 1 }).success,
    ).toBe(true);
  });

  it('removes a message on a tombstone', () => {
    const { db, cache } = openCache();
    const id = uuidv7();
    cache.apply(Change.parse(message(id, null)));
    cache.apply(Change.parse({ seq: 2, table: 'messages', op: 'delete', id }));
    expect(db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('applyPullPage', () => {
  const FULL = 2;
  const NORMAL = 1;

  it('stores a page and its cursor together without an fsync, then puts full durability back', () => {
    const { db, cache } = openCache();
    const settings = new SettingsStore(db);
    expect(db.pragma('synchronous', { simple: true })).toBe(FULL);
    const ids = [uuidv7(), uuidv7()];
    let during: unknown;
    const page = PullResponse.parse({
      changes: ids.map((id) => message(id, null)),
      cursor: 42,
      hasMore: false,
      serverTime: 1,
    });
    applyPullPage({ db, cache, settings }, page, () => {
      during = db.pragma('synchronous', { simple: true });
    });
    expect(during).toBe(NORMAL);
    expect(db.pragma('synchronous', { simple: true })).toBe(FULL);
    expect(settings.get(CURSOR_KEY, z.number())).toBe(42);
    expect(db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(2);
    db.close();
  });

  it('applies nothing, keeps the cursor and puts full durability back when the page fails halfway', () => {
    const { db, cache } = openCache();
    const settings = new SettingsStore(db);
    settings.set(CURSOR_KEY, 7);
    const page = PullResponse.parse({
      changes: [message(uuidv7(), null)],
      cursor: 8,
      hasMore: false,
      serverTime: 1,
    });
    expect(() =>
      applyPullPage({ db, cache, settings }, page, () => {
        throw new Error('killed here');
      }),
    ).toThrow('killed here');
    expect(db.pragma('synchronous', { simple: true })).toBe(FULL);
    expect(settings.get(CURSOR_KEY, z.number())).toBe(7);
    expect(db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(0);
    db.close();
  });
});
