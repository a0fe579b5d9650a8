import type { Database } from 'better-sqlite3';
import { readdirSync, rmSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import type { MediaCache } from './media-cache';

/** Default media cache quota when neither the host nor the facility says otherwise. */
export const DEFAULT_MEDIA_QUOTA_BYTES = 2 * 1024 ** 3;

/**
 * Every blob the synced cache still points at: photos and videos of messages,
 * their captions, and the files of catalog items. Anything else in the media
 * folder is garbage (a message withdrawn, an item taken off the catalog).
 */
export function referencedMedia(db: Database): Set<string> {
  const rows = db
    .prepare(
      `SELECT json_extract(p.value, '$.sha256') AS sha256 FROM messages m, json_each(m.row, '$.photos') p
       UNION SELECT json_extract(row, '$.videogram.video.sha256') FROM messages
       UNION SELECT json_extract(row, '$.videogram.captions.sha256') FROM messages
       UNION SELECT json_extract(f.value, '$.sha256') FROM sync_rows s, json_each(s.row, '$.files') f
         WHERE s.table_name = 'catalog'`,
    )
    .all() as { sha256: string | null }[];
  return new Set(rows.flatMap((row) => (row.sha256 ? [row.sha256] : [])));
}

/** Videos recorded here and not yet acknowledged by the server: the only copy is on this device. */
export function outgoingMedia(db: Database): Set<string> {
  const rows = db
    .prepare(
      "SELECT json_extract(op, '$.video.sha256') AS sha256 FROM outbox WHERE kind = 'videogram.send' AND status IN ('queued', 'sent')",
    )
    .all() as { sha256: string | null }[];
  return new Set(rows.flatMap((row) => (row.sha256 ? [row.sha256] : [])));
}

export interface MediaGcDeps {
  readonly db: Database;
  readonly media: MediaCache;
  /** Blobs on a screen right now (behind a live media URL): never pulled from under a player. */
  readonly inUse: () => ReadonlySet<string>;
}

/** One pass of the media cache's garbage collection; returns the bytes freed. */
export function collectMediaGarbage(deps: MediaGcDeps): number {
  const pinned = new Set([...outgoingMedia(deps.db), ...deps.inUse()]);
  return deps.media.collectGarbage(referencedMedia(deps.db), pinned);
}

/** How long a recorded videogram may wait in `incoming/` before it counts as abandoned. */
export const STALE_UPLOAD_MS = 60 * 60_000;

/**
 * Removes recordings nobody sent from the incoming folder: a send refused
 * (no money for the stamp, the message gone), a renderer or core that
 * crashed between the upload and `videograms.send`, or a `.part` torn by a
 * host crash. Age is the test, not "from before this core started": the host
 * (Electron main or the preview host), not core, writes uploads and lives
 * on across a core restart, and the renderer names an upload right after
 * writing it (a retry uploads again), while a write in progress keeps
 * touching its `.part`. So an hour-old file is abandoned. Returns what went.
 */
export function collectStaleUploads(
  dir: string,
  now: number,
  maxAgeMs = STALE_UPLOAD_MS,
): { files: number; bytes: number } {
  const freed = { files: 0, bytes: 0 };
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return freed; // no folder yet: no uploads
  }
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = join(dir, entry.name);
    try {
      const { mtimeMs, size } = statSync(file);
      if (now - mtimeMs <= maxAgeMs) continue;
      rmSync(file, { force: true });
      freed.files += 1;
      freed.bytes += size;
    } catch {
      // Sent (moved into the media cache) or removed between the listing and now.
    }
  }
  return freed;
}
