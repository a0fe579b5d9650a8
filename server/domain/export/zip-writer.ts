import { createHash } from 'node:crypto';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { finished } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { MANIFEST_PATH, type ExportManifest } from '../../../shared/export/manifest';

export interface WrittenEntry {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

/**
 * Writes an export ZIP entry by entry, each streamed through a SHA-256 on its way in, so the
 * manifest (the last entry) can list every other entry's size and hash. One entry is in flight
 * at a time: memory stays that of one stream's buffers, whatever the archive's size. The file is
 * written as `<file>.part` and renamed only once complete, so a half-written export is never
 * taken for one. yazl writes ZIP64 records when an entry or the archive passes 4 GiB.
 */
export class ExportZipWriter {
  private readonly zip = new ZipFile();
  private readonly part: string;
  private readonly done: Promise<void>;
  private readonly mtime: Date;
  private readonly fileHash = createHash('sha256');
  private fileBytes = 0;

  constructor(
    private readonly file: string,
    createdAt: number,
  ) {
    this.part = `${file}.part`;
    this.mtime = new Date(createdAt);
    const out = createWriteStream(this.part, { mode: 0o600 });
    const whole = new Transform({
      transform: (chunk: Buffer, _encoding, callback) => {
        this.fileHash.update(chunk);
        this.fileBytes += chunk.length;
        callback(null, chunk);
      },
    });
    this.zip.outputStream.pipe(whole).pipe(out);
    this.done = finished(out);
    // Only an unhandled rejection would tell of a failed write before finish() awaits it.
    this.done.catch(() => undefined);
  }

  /** Adds one entry from `source`; resolves once it is all in the archive, with its size and hash. */
  async add(path: string, source: Readable, compress: boolean, onBytes?: (n: number) => void): Promise<WrittenEntry> {
    const hash = createHash('sha256');
    let bytes = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        bytes += chunk.length;
        onBytes?.(chunk.length);
        callback(null, chunk);
      },
    });
    source.once('error', (error) => meter.destroy(error));
    this.zip.addReadStream(source.pipe(meter), path, {
      compress,
      mtime: this.mtime,
      compressionLevel: compress ? 6 : 0,
    });
    await finished(meter);
    return { path, bytes, sha256: hash.digest('hex') };
  }

  /**
   * Lines of JSON (one value a line) from an async source of batches, as one entry: a batch (a page of
   * rows) is one chunk, as a chunk per line made the stream machinery most of the cost.
   */
  addLines(path: string, batches: AsyncIterable<string[]>, onBytes?: (n: number) => void): Promise<WrittenEntry> {
    async function* encoded() {
      for await (const lines of batches) if (lines.length > 0) yield Buffer.from(`${lines.join('\n')}\n`, 'utf8');
    }
    return this.add(path, Readable.from(encoded()), true, onBytes);
  }

  /** Ends the archive with its manifest and moves it under its name; resolves with the file's size and hash. */
  async finish(manifest: ExportManifest): Promise<{ bytes: number; sha256: string }> {
    this.zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 1), 'utf8'), MANIFEST_PATH, { mtime: this.mtime });
    this.zip.end();
    await this.done;
    renameSync(this.part, this.file);
    return { bytes: this.fileBytes, sha256: this.fileHash.digest('hex') };
  }

  /** Gives up: the partial file goes. */
  abort(): void {
    (this.zip.outputStream as NodeJS.ReadableStream & { destroy(): void }).destroy();
    rmSync(this.part, { force: true });
  }
}
