import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrations';
import { MediaTokens } from '../../../electron/core/inmate/media-tokens';
import { MediaCache } from '../../../electron/core/media/media-cache';
import { collectMediaGarbage, outgoingMedia, referencedMedia } from '../../../electron/core/media/media-gc';
import { mediaQuotaFromEnv } from '../../../electron/core/config';

const MB = 1024 * 1024;

function setup(quotaBytes: number) {
  const db = new Database(':memory:');
  migrate(db);
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-gc-'));
  const media = new MediaCache(db, join(dir, 'media'), quotaBytes);
  let clock = 1_000;
  /** A blob of `bytes` in the cache, last used at a time later than every blob made before it. */
  const blob = (bytes: number) => {
    const data = randomBytes(bytes);
    const sha256 = createHash('sha256').update(data).digest('hex');
    const file = join(dir, `${sha256}.in`);
    writeFileSync(file, data);
    media.adopt(sha256, file, 'image/jpeg');
    db.prepare('UPDATE media SET last_used_at = ? WHERE sha256 = ?').run((clock += 1), sha256);
    return { sha256, mime: 'image/jpeg', bytes };
  };
  const message = (photos: { sha256: string; mime: string; bytes: number }[]) => {
    const id = uuidv7();
    const row = { id, photos: photos.map((p) => ({ ...p, alt: '' })), videogram: null };
    db.prepare(
      "INSERT INTO messages (id, inmate_id, contact_id, direction, kind, status, has_photos, body, created_at, read_at, client_op_id, row) VALUES (?, 'i', 'c', 'in', 'text', 'approved', 1, '', 0, NULL, NULL, ?)",
    ).run(id, JSON.stringify(row));
  };
  const catalogItem = (files: { sha256: string; mime: string; bytes: number }[]) => {
    const id = uuidv7();
    db.prepare("INSERT INTO sync_rows (table_name, id, inmate_id, row) VALUES ('catalog', ?, NULL, ?)").run(
      id,
      JSON.stringify({ id, files: files.map((f) => ({ ...f, title: 't', durationMs: 0 })) }),
    );
  };
  const queuedVideogram = (video: { sha256: string; mime: string; bytes: number }) => {
    const op = { kind: 'videogram.send', contactId: uuidv7(), replyTo: uuidv7(), video, durationMs: 1_000 };
    db.prepare('INSERT INTO outbox (id, inmate_id, kind, op, created_at) VALUES (?, ?, ?, ?, ?)').run(
      uuidv7(),
      'i',
      op.kind,
      JSON.stringify(op),
      0,
    );
  };
  const onDisk = (b: { sha256: string }) => existsSync(media.path(b.sha256)) && media.ready(b.sha256) !== null;
  return { db, media, blob, message, catalogItem, queuedVideogram, onDisk };
}

describe('media garbage collection', () => {
  it('drops what nothing references, then evicts least recently used until under the quota, keeping blobs in use', () => {
    const t = setup(3 * MB);
    const tokens = new MediaTokens();
    const onScreen = t.blob(MB); // oldest, but a live URL shows it right now
    const recorded = t.blob(MB); // a videogram recorded here, not delivered yet
    const oldPhoto = t.blob(MB);
    const oldBook = t.blob(MB);
    const garbage = t.blob(MB); // its message was withdrawn
    const newPhoto = t.blob(MB);
    t.message([onScreen, oldPhoto]);
    t.message([newPhoto]);
    t.catalogItem([oldBook]);
    t.queuedVideogram(recorded);
    tokens.url(onScreen, 'inmate-a', 'screen-1');

    expect([...referencedMedia(t.db)].sort()).toEqual(
      [onScreen, oldPhoto, oldBook, newPhoto].map((b) => b.sha256).sort(),
    );
    expect([...outgoingMedia(t.db)]).toEqual([recorded.sha256]);

    const freed = collectMediaGarbage({ db: t.db, media: t.media, inUse: () => tokens.inUse() });
    expect(freed).toBe(3 * MB);
    expect(t.onDisk(garbage)).toBe(false);
    expect(t.onDisk(oldPhoto)).toBe(false); // least recently used and evictable
    expect(t.onDisk(oldBook)).toBe(false);
    expect(t.onDisk(onScreen)).toBe(true); // older than both, but in use
    expect(t.onDisk(recorded)).toBe(true); // the only copy
    expect(t.onDisk(newPhoto)).toBe(true);
    expect(t.media.totalBytes()).toBeLessThanOrEqual(3 * MB);
  });

  it('under the quota removes only garbage, and a blob freed from the screen can go at the next pass', () => {
    const t = setup(10 * MB);
    const tokens = new MediaTokens();
    const kept = t.blob(MB);
    const garbage = t.blob(MB);
    const shownGarbage = t.blob(MB); // unreferenced, but still on a screen
    t.message([kept]);
    tokens.url(shownGarbage, 'inmate-a', 'screen-1');
    expect(collectMediaGarbage({ db: t.db, media: t.media, inUse: () => tokens.inUse() })).toBe(MB);
    expect([t.onDisk(kept), t.onDisk(garbage), t.onDisk(shownGarbage)]).toEqual([true, false, true]);
    tokens.revokeConnection('screen-1'); // the inmate signed out
    expect(collectMediaGarbage({ db: t.db, media: t.media, inUse: () => tokens.inUse() })).toBe(MB);
    expect(t.onDisk(shownGarbage)).toBe(false);
  });

  it('evicts no more than needed: garbage is removed before any referenced blob counts as over the quota', () => {
    const t = setup(3 * MB);
    const oldPhoto = t.blob(MB);
    const oldBook = t.blob(MB);
    const garbage = t.blob(MB);
    const newPhoto = t.blob(MB);
    const newest = t.blob(MB);
    t.message([oldPhoto, newPhoto, newest]);
    t.catalogItem([oldBook]);
    expect(collectMediaGarbage({ db: t.db, media: t.media, inUse: () => new Set() })).toBe(2 * MB);
    expect([oldPhoto, oldBook, garbage, newPhoto, newest].map(t.onDisk)).toEqual([false, true, false, true, true]);
  });

  it('takes the quota from the host setting, with the default otherwise', () => {
    expect(mediaQuotaFromEnv('512')).toEqual({ mediaQuotaBytes: 512 * MB });
    expect(mediaQuotaFromEnv(undefined)).toEqual({});
    expect(mediaQuotaFromEnv('lots')).toEqual({});
    expect(mediaQuotaFromEnv('-1')).toEqual({});
  });
});
