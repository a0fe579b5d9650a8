import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  openSync,
  closeSync,
  writeSync,
  renameSync,
  rmSync,
  statSync,
  readdirSync,
  readFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { MediaRef } from '../../../shared/sync/rows';
import { syncPaths } from '../../../shared/sync/protocol';
import type { FacilityFetch } from '../provisioning/pinned-fetch';

export class MediaIntegrityError extends Error {
  constructor(sha256: string) {
    super(`downloaded media does not match ${sha256}; it was thrown away and will be fetched again`);
    this.name = 'MediaIntegrityError';
  }
}

export interface MediaServer {
  readonly url: string;
  readonly fetch: FacilityFetch;
  readonly authorization: string;
}

/**
 * Photos, videos, books and music by SHA-256 under `<dir>/ab/<sha>`.
 * Downloads go to `<sha>.part` and resume from its length with a Range
 * request after a tear; a finished file is hashed and used only if it
 * matches its name, otherwise it is deleted and fetched again. Nothing
 * unverified is ever handed to the screen.
 */
export class MediaCache {
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(
    private readonly db: Database,
    private readonly dir: string,
    private quotaBytes = 2 * 1024 ** 3,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  path(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  /** The verified file, if it is here. */
  ready(sha256: string): string | null {
    const row = this.db.prepare("SELECT state FROM media WHERE sha256 = ? AND state = 'ready'").get(sha256);
    if (!row || !existsSync(this.path(sha256))) return null;
    this.db.prepare('UPDATE media SET last_used_at = ? WHERE sha256 = ?').run(Date.now(), sha256);
    return this.path(sha256);
  }

  mimeOf(sha256: string): string | null {
    const row = this.db.prepare('SELECT mime FROM media WHERE sha256 = ?').get(sha256) as { mime: string } | undefined;
    return row?.mime ?? null;
  }

  /** Downloads (or resumes) and verifies one blob; concurrent asks share one download. */
  ensure(ref: MediaRef, server: MediaServer): Promise<string> {
    const ready = this.ready(ref.sha256);
    if (ready) return Promise.resolve(ready);
    const running = this.inFlight.get(ref.sha256);
    if (running) return running;
    const download = this.download(ref, server).finally(() => this.inFlight.delete(ref.sha256));
    this.inFlight.set(ref.sha256, download);
    return download;
  }

  private async download(ref: MediaRef, server: MediaServer): Promise<string> {
    const final = this.path(ref.sha256);
    const part = `${final}.part`;
    mkdirSync(join(this.dir, ref.sha256.slice(0, 2)), { recursive: true });
    this.db
      .prepare(
        "INSERT INTO media (sha256, mime, bytes, state, last_used_at) VALUES (?, ?, ?, 'partial', ?) ON CONFLICT (sha256) DO NOTHING",
      )
      .run(ref.sha256, ref.mime, ref.bytes, Date.now());
    // A verified file without its row (the cache was rebuilt, the media folder kept): no need to fetch it again.
    if (existsSync(final)) {
      if ((await hashFile(final)) === ref.sha256) return this.markReady(ref.sha256, final);
      rmSync(final, { force: true });
    }
    const have = existsSync(part) ? statSync(part).size : 0;
    if (have < ref.bytes) {
      const response = await server.fetch(`${server.url}${syncPaths.media}/${ref.sha256}`, {
        headers: { authorization: server.authorization, ...(have > 0 ? { range: `bytes=${have}-` } : {}) },
        signal: AbortSignal.timeout(120_000),
      });
      if (response.status !== 200 && response.status !== 206)
        throw new Error(`media ${ref.sha256}: HTTP ${response.status}`);
      // A 200 to a range request means the server sent it all: start the file over.
      const fd = openSync(part, response.status === 206 ? 'a' : 'w');
      try {
        if (!response.body) throw new Error(`media ${ref.sha256}: empty response`);
        for await (const chunk of response.body) writeSync(fd, chunk);
      } finally {
        closeSync(fd);
      }
    }
    if ((await hashFile(part)) !== ref.sha256) {
      rmSync(part, { force: true });
      throw new MediaIntegrityError(ref.sha256);
    }
    renameSync(part, final);
    return this.markReady(ref.sha256, final);
  }

  private markReady(sha256: string, final: string): string {
    this.db
      .prepare("UPDATE media SET state = 'ready', bytes = ?, last_used_at = ? WHERE sha256 = ?")
      .run(statSync(final).size, Date.now(), sha256);
    return final;
  }

  /** Adds a blob made on this device (a recorded videogram), already hashed. */
  adopt(sha256: string, file: string, mime: string): void {
    mkdirSync(join(this.dir, sha256.slice(0, 2)), { recursive: true });
    renameSync(file, this.path(sha256));
    this.db
      .prepare(
        "INSERT INTO media (sha256, mime, bytes, state, last_used_at) VALUES (?, ?, ?, 'ready', ?) ON CONFLICT (sha256) DO UPDATE SET state = 'ready'",
      )
      .run(sha256, mime, statSync(this.path(sha256)).size, Date.now());
  }

  quota(): number {
    return this.quotaBytes;
  }

  setQuota(bytes: number): void {
    this.quotaBytes = bytes;
  }

  /**
   * Puts back the row of a blob made on this device whose file survived a
   * cache rebuild (a queued videogram): only if the file is there and still
   * hashes to its name. Returns whether the blob is usable.
   */
  restoreLocal(ref: { sha256: string; mime: string }): boolean {
    const file = this.path(ref.sha256);
    if (!existsSync(file)) return false;
    // At most one videogram (≤ 60 MB) per queued item, and only after a rebuild: read it whole.
    if (createHash('sha256').update(readFileSync(file)).digest('hex') !== ref.sha256) return false;
    this.db
      .prepare(
        "INSERT INTO media (sha256, mime, bytes, state, last_used_at) VALUES (?, ?, ?, 'ready', ?) ON CONFLICT (sha256) DO UPDATE SET state = 'ready', bytes = excluded.bytes",
      )
      .run(ref.sha256, ref.mime, statSync(file).size, Date.now());
    return true;
  }

  /**
   * Removes blobs nothing references any more, then, over the quota, the
   * least recently used ones (they can be fetched again), then files on disk
   * that no row knows of (see `sweepOrphans`). Pinned blobs (on a screen now,
   * or recorded here and not yet delivered) and downloads in progress are
   * never touched. Returns bytes freed.
   */
  collectGarbage(referenced: ReadonlySet<string>, pinned: ReadonlySet<string> = new Set()): number {
    const rows = this.db.prepare('SELECT sha256, bytes FROM media ORDER BY last_used_at, sha256').all() as {
      sha256: string;
      bytes: number;
    }[];
    let total = rows.reduce((sum, row) => sum + row.bytes, 0);
    let freed = 0;
    const remove = (row: { sha256: string; bytes: number }) => {
      rmSync(this.path(row.sha256), { force: true });
      rmSync(`${this.path(row.sha256)}.part`, { force: true });
      this.db.prepare('DELETE FROM media WHERE sha256 = ?').run(row.sha256);
      freed += row.bytes;
      total -= row.bytes;
    };
    const keep = (row: { sha256: string }) => pinned.has(row.sha256) || this.inFlight.has(row.sha256);
    // Garbage first, whatever the quota; then, only while over it, the least recently used.
    for (const row of rows) if (!keep(row) && !referenced.has(row.sha256)) remove(row);
    for (const row of rows) {
      if (total <= this.quotaBytes) break;
      if (!keep(row) && referenced.has(row.sha256)) remove(row);
    }
    return freed + this.sweepOrphans(referenced, pinned);
  }

  /**
   * Files under the media folder whose blob has no row: the rows went with a
   * rebuilt cache (the files did not), or a crash came between a file and
   * its row. Nothing would ever use or remove them, so unless the blob is
   * still referenced or pinned (a referenced `.part` is kept so the next
   * download resumes from it) they go. Only names this cache makes are
   * touched.
   */
  private sweepOrphans(referenced: ReadonlySet<string>, pinned: ReadonlySet<string>): number {
    if (!existsSync(this.dir)) return 0;
    const known = new Set(
      (this.db.prepare('SELECT sha256 FROM media').all() as { sha256: string }[]).map((row) => row.sha256),
    );
    let freed = 0;
    for (const sub of readdirSync(this.dir, { withFileTypes: true })) {
      if (!sub.isDirectory() || !/^[0-9a-f]{2}$/.test(sub.name)) continue;
      for (const entry of readdirSync(join(this.dir, sub.name), { withFileTypes: true })) {
        const sha256 = /^([0-9a-f]{64})(\.part)?$/.exec(entry.name)?.[1];
        if (!entry.isFile() || !sha256 || !sha256.startsWith(sub.name)) continue;
        if (known.has(sha256) || referenced.has(sha256) || pinned.has(sha256) || this.inFlight.has(sha256)) continue;
        const file = join(this.dir, sub.name, entry.name);
        try {
          const size = statSync(file).size;
          rmSync(file, { force: true });
          freed += size;
        } catch {
          // Gone already (or unreadable): the next pass sees it again if it is still there.
        }
      }
    }
    return freed;
  }

  /** Everything on disk, for diagnostics. */
  totalBytes(): number {
    let total = 0;
    if (!existsSync(this.dir)) return 0;
    for (const sub of readdirSync(this.dir)) {
      const path = join(this.dir, sub);
      if (!statSync(path).isDirectory()) continue;
      for (const file of readdirSync(path)) total += statSync(join(path, file)).size;
    }
    return total;
  }

  clear(): number {
    const bytes = this.totalBytes();
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
    this.db.prepare('DELETE FROM media').run();
    return bytes;
  }
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  await new Promise<void>((resolve, reject) => {
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', resolve)
      .on('error', reject);
  });
  return hash.digest('hex');
}
