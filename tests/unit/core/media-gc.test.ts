import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrations';
import { MediaTokens } from '../../../electron/core/inmate/media-tokens';
import { MediaCache } from '../../../electron/core/media/media-cache';
import {
  collectMediaGarbage,
  collectStaleUploads,
  outgoingMedia,
  referencedMedia,
  STALE_UPLOAD_MS,
} from '../../../electron/core/media/media-gc';
import { mediaQuotaFromEnv } from '../../../shared/core-host/config';
import { sealedSize } from '../../../shared/node/sealed-media';

const MB = 1024 * 1024;
/** A blob of 1 MB as it lies on disk, sealed (the quota counts what is on disk). */
const SEALED_MB = sealedSize(MB);

function setup(quotaBytes: number) {
  const db = new Database(':memory:');
  migrate(db);
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-gc-'));
  const media = new MediaCache(db, join(dir, 'media'), randomBytes(32), quotaBytes);
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
    const t = setup(3 * SEALED_MB);
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
    expect(freed).toBe(3 * SEALED_MB);
    expect(t.onDisk(garbage)).toBe(false);
    expect(t.onDisk(oldPhoto)).toBe(false); // least recently used and evictable
    expect(t.onDisk(oldBook)).toBe(false);
    expect(t.onDisk(onScreen)).toBe(true); // older than both, but in use
    expect(t.onDisk(recorded)).toBe(true); // the only copy
    expect(t.onDisk(newPhoto)).toBe(true);
    expect(t.media.totalBytes()).toBeLessThanOrEqual(3 * SEALED_MB);
  });

  it('under the quota removes only garbage, and a blob freed from the screen can go at the next pass', () => {
    const t = setup(10 * MB);
    const tokens = new MediaTokens();
    const kept = t.blob(MB);
    const garbage = t.blob(MB);
    const shownGarbage = t.blob(MB); // unreferenced, but still on a screen
    t.message([kept]);
    tokens.url(shownGarbage, 'inmate-a', 'screen-1');
    expect(collectMediaGarbage({ db: t.db, media: t.media, inUse: () => tokens.inUse() })).toBe(SEALED_MB);
    expect([t.onDisk(kept), t.onDisk(garbage), t.onDisk(shownGarbage)]).toEqual([true, false, true]);
    tokens.revokeConnection('screen-1'); // the inmate signed out
    expect(collectMediaGarbage({ db: t.db, media: t.media, inUse: () => tokens.inUse() })).toBe(SEALED_MB);
    expect(t.onDisk(shownGarbage)).toBe(false);
  });

  it('evicts no more than needed: garbage is removed before any referenced blob counts as over the quota', () => {
    const t = setup(3 * SEALED_MB);
    const oldPhoto = t.blob(MB);
    const oldBook = t.blob(MB);
    const garbage = t.blob(MB);
    const newPhoto = t.blob(MB);
    const newest = t.blob(MB);
    t.message([oldPhoto, newPhoto, newest]);
    t.catalogItem([oldBook]);
    expect(collectMediaGarbage({ db: t.db, media: t.media, inUse: () => new Set() })).toBe(2 * SEALED_MB);
    expect([oldPhoto, oldBook, garbage, newPhoto, newest].map(t.onDisk)).toEqual([false, true, false, true, true]);
  });

  it('takes the quota from the host setting, with the default otherwise', () => {
    expect(mediaQuotaFromEnv('512')).toEqual({ mediaQuotaBytes: 512 * MB });
    expect(mediaQuotaFromEnv(undefined)).toEqual({});
    expect(mediaQuotaFromEnv('lots')).toEqual({});
    expect(mediaQuotaFromEnv('-1')).toEqual({});
  });
});

describe('files no row knows of', () => {
  /** A file in the media folder the way the cache names it, with no row (its row went with a rebuilt cache). */
  const rowless = (t: ReturnType<typeof setup>, bytes: number, suffix: '' | '.part') => {
    const data = randomBytes(bytes);
    const sha256 = createHash('sha256').update(data).digest('hex');
    mkdirSync(dirname(t.media.path(sha256)), { recursive: true });
    writeFileSync(`${t.media.path(sha256)}${suffix}`, data.subarray(0, suffix ? bytes / 2 : bytes));
    return { sha256, mime: 'image/jpeg', bytes, file: `${t.media.path(sha256)}${suffix}` };
  };

  it('go unless referenced or pinned; a referenced .part stays so its download resumes', () => {
    const t = setup(100 * MB);
    const tokens = new MediaTokens();
    const orphanPart = rowless(t, 2 * MB, '.part'); // a download torn by a crash, its message since withdrawn
    const orphanBlob = rowless(t, MB, '');
    const resumable = rowless(t, 2 * MB, '.part'); // still referenced: the next ensure() resumes from it
    const referencedBlob = rowless(t, MB, '');
    const recordedPart = rowless(t, 2 * MB, '.part'); // pinned: a queued videogram's hash
    const onScreen = rowless(t, MB, '');
    t.message([resumable, referencedBlob]);
    t.queuedVideogram(recordedPart);
    tokens.url(onScreen, 'inmate-a', 'screen-1');
    // Not a name the cache makes: left alone.
    const stranger = join(dirname(t.media.path(orphanBlob.sha256)), 'README');
    writeFileSync(stranger, 'not a blob');

    const freed = collectMediaGarbage({ db: t.db, media: t.media, inUse: () => tokens.inUse() });
    expect(freed).toBe(MB + MB); // half of orphanPart's 2 MB was downloaded, and all of orphanBlob
    expect(existsSync(orphanPart.file)).toBe(false);
    expect(existsSync(orphanBlob.file)).toBe(false);
    expect([resumable, referencedBlob, recordedPart, onScreen].map((b) => existsSync(b.file))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(existsSync(stranger)).toBe(true);
  });

  it('leave the .part of a blob with a row to the row pass: kept while referenced, gone with the row', () => {
    const t = setup(100 * MB);
    const part = rowless(t, 2 * MB, '.part');
    t.db
      .prepare("INSERT INTO media (sha256, mime, bytes, state, last_used_at) VALUES (?, 'image/jpeg', ?, 'partial', 0)")
      .run(part.sha256, part.bytes);
    t.message([part]);
    expect(collectMediaGarbage({ db: t.db, media: t.media, inUse: () => new Set() })).toBe(0);
    expect(existsSync(part.file)).toBe(true);
    t.db.prepare('DELETE FROM messages').run(); // the message was withdrawn
    collectMediaGarbage({ db: t.db, media: t.media, inUse: () => new Set() });
    expect(existsSync(part.file)).toBe(false);
    expect(t.db.prepare('SELECT count(*) AS n FROM media').get()).toEqual({ n: 0 });
  });
});

describe('abandoned uploads', () => {
  const HOUR = 60 * 60_000;

  it('go after an hour, finished or torn; younger ones (a send on its way, a write in progress) stay', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-incoming-'));
    const now = Date.now();
    const upload = (name: string, ageMs: number, bytes = 1000) => {
      const file = join(dir, name);
      writeFileSync(file, randomBytes(bytes));
      const at = new Date(now - ageMs);
      utimesSync(file, at, at);
      return file;
    };
    const refused = upload(uuidv7(), HOUR + 60_000, 4000); // a send refused, never retried
    const torn = upload(`${uuidv7()}.part`, 3 * HOUR, 2000); // the host died mid-write
    const justUploaded = upload(uuidv7(), 5_000);
    const writing = upload(`${uuidv7()}.part`, 1_000);
    const almost = upload(uuidv7(), HOUR - 60_000);
    mkdirSync(join(dir, 'not-a-file'));

    expect(collectStaleUploads(dir, now)).toEqual({ files: 2, bytes: 6000 });
    expect([refused, torn].map((f) => existsSync(f))).toEqual([false, false]);
    expect([justUploaded, writing, almost].map((f) => existsSync(f))).toEqual([true, true, true]);
    expect(existsSync(join(dir, 'not-a-file'))).toBe(true);
    // An hour later the rest have aged out too (the folder itself stays).
    expect(collectStaleUploads(dir, now + HOUR + 1)).toEqual({ files: 3, bytes: 3000 });
    expect(collectStaleUploads(dir, now, STALE_UPLOAD_MS)).toEqual({ files: 0, bytes: 0 });
  });

  it('a missing folder is nothing to clean', () => {
    expect(collectStaleUploads(join(tmpdir(), `kiosk-no-such-${uuidv7()}`), Date.now())).toEqual({
      files: 0,
      bytes: 0,
    });
  });
});
