import type { Database } from 'better-sqlite3';
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  readdirSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { MediaRef } from '../../../shared/sync/rows';
import { syncPaths } from '../../../shared/sync/protocol';
import type { FacilityFetch } from '../provisioning/pinned-fetch';
import {
  blobKey,
  isSealed,
  MEDIA_HEADER_BYTES,
  MediaTamperedError,
  type BlobIdentity,
} from '../../../shared/node/sealed-media';
import {
  forEachPlainChunk,
  fsyncFolder,
  lstatExists,
  openMediaFile,
  readHeader,
  SealedBlobWriter,
  signature,
} from './sealed-blob-file';

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

/** A blob that passed its check: where it is, how to read it (its own key) and its plain size. */
export interface ReadyBlob extends BlobIdentity {
  readonly path: string;
  readonly plainSize: number;
}

/**
 * Photos, videos, books and music by SHA-256 under `<dir>/ab/<sha>`, each
 * sealed at rest (AES-256-GCM per 64 KiB chunk under its own key, see
 * blob-crypto.ts). Downloads are sealed as they arrive into `<sha>.part`,
 * resume after the last whole chunk with a Range request, are hashed while
 * written, fsynced, and renamed into place only if they match their name.
 * A blob is opened without following symlinks and only under this folder,
 * and checked (every chunk's tag and the hash) the first time it is used
 * after a start and whenever the file changed; one that fails is deleted and
 * fetched again. Nothing unverified is ever handed to the screen.
 */
export class MediaCache {
  private readonly inFlight = new Map<string, Promise<ReadyBlob>>();
  /** Blobs checked whole since this start, by the file signature they had then. */
  private readonly verified = new Map<string, string>();

  constructor(
    private readonly db: Database,
    private readonly dir: string,
    /** The media key (blob-crypto.ts mediaMasterKey of the database key). */
    private readonly masterKey: Buffer,
    private quotaBytes = 2 * 1024 ** 3,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  path(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  private identity(sha256: string): BlobIdentity {
    return { key: blobKey(this.masterKey, sha256), sha256 };
  }

  /** The checked blob, if it is here and ready. */
  ready(sha256: string): ReadyBlob | null {
    const row = this.db.prepare("SELECT state FROM media WHERE sha256 = ? AND state = 'ready'").get(sha256);
    if (!row) return null;
    const blob = this.check(sha256);
    if (!blob) return null;
    this.db.prepare('UPDATE media SET last_used_at = ? WHERE sha256 = ?').run(Date.now(), sha256);
    return blob;
  }

  /**
   * The blob at its place if it passes its check, else null; a file that fails (torn, altered, a symlink,
   * not ours) is deleted so it is fetched again. A file from before media was sealed is sealed now if it
   * still hashes to its name.
   */
  private check(sha256: string): ReadyBlob | null {
    const path = this.path(sha256);
    const fd = openMediaFile(this.dir, path);
    if (fd === null) {
      if (existsSync(dirname(path)) && lstatExists(path))
        this.discard(sha256, 'not a regular file under the media folder');
      return null;
    }
    try {
      const head = Buffer.alloc(MEDIA_HEADER_BYTES);
      readSync(fd, head, 0, head.length, 0);
      if (!isSealed(head)) {
        closeSync(fd);
        return this.sealLegacy(sha256);
      }
      const blob = this.identity(sha256);
      const now = signature(fd);
      // Checked whole once per start and whenever the file changed; otherwise its header and length.
      const plainSize = this.verified.get(sha256) === now ? readHeader(fd).plainSize : forEachPlainChunk(fd, blob);
      this.verified.set(sha256, now);
      closeSync(fd);
      return { ...blob, path, plainSize };
    } catch (error) {
      closeSync(fd);
      if (!(error instanceof MediaTamperedError)) throw error;
      this.discard(sha256, error.message);
      return null;
    }
  }

  private discard(sha256: string, why: string): void {
    this.verified.delete(sha256);
    rmSync(this.path(sha256), { force: true });
    this.db.prepare("UPDATE media SET state = 'partial' WHERE sha256 = ?").run(sha256);
    this.lastDiscarded = { sha256, why };
  }

  /** The last blob thrown away and why (for the log and tests). */
  lastDiscarded: { sha256: string; why: string } | null = null;

  /** A plain file left by an older version: sealed in place if it hashes to its name, else removed. */
  private sealLegacy(sha256: string): ReadyBlob | null {
    const path = this.path(sha256);
    if (!this.sealFile(path, sha256, `${path}.sealing`)) {
      this.discard(sha256, 'plain file does not hash to its name');
      return null;
    }
    return this.check(sha256);
  }

  /** Seals the plain file `source` into the blob's place (via `temp`); false if it does not hash to `sha256`. */
  private sealFile(source: string, sha256: string, temp: string): boolean {
    const fd = openSync(source, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    let writer: SealedBlobWriter;
    try {
      writer = SealedBlobWriter.create(temp, this.identity(sha256), fstatSync(fd).size);
      const buffer = Buffer.alloc(1024 * 1024);
      for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer))
        writer.write(buffer.subarray(0, read));
    } finally {
      closeSync(fd);
    }
    if (!writer.finish()) {
      rmSync(temp, { force: true });
      return false;
    }
    renameSync(temp, this.path(sha256));
    fsyncFolder(dirname(this.path(sha256)));
    return true;
  }

  /** The whole plain blob (a videogram to upload), checked; null when it is not here or fails. */
  readPlain(sha256: string): Buffer | null {
    const blob = this.ready(sha256);
    if (!blob) return null;
    const fd = openMediaFile(this.dir, blob.path);
    if (fd === null) return null;
    const parts: Buffer[] = [];
    try {
      forEachPlainChunk(fd, blob, (plain) => parts.push(plain));
    } catch (error) {
      if (!(error instanceof MediaTamperedError)) throw error;
      this.discard(sha256, error.message);
      return null;
    } finally {
      closeSync(fd);
    }
    return Buffer.concat(parts);
  }

  mimeOf(sha256: string): string | null {
    const row = this.db.prepare('SELECT mime FROM media WHERE sha256 = ?').get(sha256) as { mime: string } | undefined;
    return row?.mime ?? null;
  }

  /** Downloads (or resumes) and verifies one blob; concurrent asks share one download. */
  ensure(ref: MediaRef, server: MediaServer): Promise<ReadyBlob> {
    const ready = this.ready(ref.sha256);
    if (ready) return Promise.resolve(ready);
    const running = this.inFlight.get(ref.sha256);
    if (running) return running;
    const download = this.download(ref, server).finally(() => this.inFlight.delete(ref.sha256));
    this.inFlight.set(ref.sha256, download);
    return download;
  }

  private async download(ref: MediaRef, server: MediaServer): Promise<ReadyBlob> {
    const final = this.path(ref.sha256);
    const part = `${final}.part`;
    mkdirSync(dirname(final), { recursive: true });
    this.db
      .prepare(
        "INSERT INTO media (sha256, mime, bytes, state, last_used_at) VALUES (?, ?, ?, 'partial', ?) ON CONFLICT (sha256) DO NOTHING",
      )
      .run(ref.sha256, ref.mime, ref.bytes, Date.now());
    // A checked file without its row (the cache was rebuilt, the media folder kept): no need to fetch it again.
    const kept = this.check(ref.sha256);
    if (kept) return this.markReady(kept);
    const blob = this.identity(ref.sha256);
    let writer = SealedBlobWriter.resume(part, blob, ref.bytes) ?? SealedBlobWriter.create(part, blob, ref.bytes);
    const have = writer.plainWritten;
    try {
      if (have < ref.bytes) {
        const response = await server.fetch(`${server.url}${syncPaths.media}/${ref.sha256}`, {
          headers: { authorization: server.authorization, ...(have > 0 ? { range: `bytes=${have}-` } : {}) },
          signal: AbortSignal.timeout(120_000),
        });
        if (response.status !== 200 && response.status !== 206)
          throw new Error(`media ${ref.sha256}: HTTP ${response.status}`);
        if (!response.body) throw new Error(`media ${ref.sha256}: empty response`);
        // A 200 to a range request means the server sent it all: start the file over.
        if (response.status === 200 && have > 0) {
          writer.close();
          writer = SealedBlobWriter.create(part, blob, ref.bytes);
        }
        for await (const chunk of response.body) writer.write(chunk);
      }
    } catch (error) {
      writer.close(); // what arrived is kept (sealed) and the next try resumes after its last whole chunk
      if (!(error instanceof MediaTamperedError)) throw error;
      rmSync(part, { force: true });
      throw new MediaIntegrityError(ref.sha256);
    }
    if (!writer.finish()) {
      rmSync(part, { force: true });
      throw new MediaIntegrityError(ref.sha256);
    }
    renameSync(part, final);
    fsyncFolder(dirname(final));
    const ready = this.check(ref.sha256);
    if (!ready) throw new MediaIntegrityError(ref.sha256);
    return this.markReady(ready);
  }

  private markReady(blob: ReadyBlob): ReadyBlob {
    this.db
      .prepare("UPDATE media SET state = 'ready', bytes = ?, last_used_at = ? WHERE sha256 = ?")
      .run(statSync(blob.path).size, Date.now(), blob.sha256);
    return blob;
  }

  /** Adds a blob made on this device (a recorded videogram, already hashed): sealed, and the plain file removed. */
  adopt(sha256: string, file: string, mime: string): void {
    mkdirSync(dirname(this.path(sha256)), { recursive: true });
    const sealed = this.sealFile(file, sha256, `${this.path(sha256)}.sealing`);
    rmSync(file, { force: true });
    if (!sealed) throw new MediaIntegrityError(sha256);
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
   * cache rebuild (a queued videogram): only if the file is there and passes
   * its check. Returns whether the blob is usable.
   */
  restoreLocal(ref: { sha256: string; mime: string }): boolean {
    const blob = this.check(ref.sha256);
    if (!blob) return false;
    this.db
      .prepare(
        "INSERT INTO media (sha256, mime, bytes, state, last_used_at) VALUES (?, ?, ?, 'ready', ?) ON CONFLICT (sha256) DO UPDATE SET state = 'ready', bytes = excluded.bytes",
      )
      .run(ref.sha256, ref.mime, statSync(blob.path).size, Date.now());
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
      this.verified.delete(row.sha256);
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
    this.verified.clear();
    return bytes;
  }
}
