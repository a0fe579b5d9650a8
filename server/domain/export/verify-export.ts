import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  ExportManifest,
  MANIFEST_PATH,
  MAX_MANIFEST_BYTES,
} from '../../../shared/export/manifest';

/** Why an export was refused (a code for the CLI and the console; `detail` names the entry). */
export type ImportProblem =
  | 'unreadable_archive'
  | 'no_manifest'
  | 'bad_manifest'
  | 'unsupported_version'
  | 'wrong_kind'
  | 'unlisted_entry'
  | 'missing_entry'
  | 'size_mismatch'
  | 'hash_mismatch'
  | 'not_empty'
  | 'unknown_schema'
  | 'unknown_table'
  | 'bad_row'
  | 'database_refused';

export class ImportRefused extends Error {
  constructor(
    readonly problem: ImportProblem,
    readonly detail: string,
  ) {
    super(`${problem}: ${detail}`);
    this.name = 'ImportRefused';
  }
}

export interface VerifiedExport {
  manifest: ExportManifest;
  /** Where each checked entry was copied (tables and media), by its path in the archive. */
  staged: Map<string, string>;
}

/** Progress of a check, in bytes of entries read. */
export type VerifyProgress = (done: number, total: number) => void;

async function open(file: string): Promise<yauzl.ZipFile> {
  try {
    // validateEntrySizes: an entry that inflates to another size than its header says fails as it is read.
    return await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
  } catch (error) {
    // A cut-off file has no end-of-central-directory record: this is where truncation is found.
    throw new ImportRefused('unreadable_archive', error instanceof Error ? error.message : String(error));
  }
}

async function readManifest(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<ExportManifest> {
  if (entry.uncompressedSize > MAX_MANIFEST_BYTES) throw new ImportRefused('bad_manifest', 'manifest too large');
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
  } catch (error) {
    throw new ImportRefused('unreadable_archive', `${MANIFEST_PATH}: ${String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new ImportRefused('bad_manifest', 'not JSON');
  }
  const head = json as { format?: unknown; version?: unknown } | null;
  if (head?.format === EXPORT_FORMAT && head.version !== EXPORT_VERSION)
    throw new ImportRefused(
      'unsupported_version',
      `version ${String(head.version)}; this server reads ${EXPORT_VERSION}`,
    );
  const parsed = ExportManifest.safeParse(json);
  if (!parsed.success) throw new ImportRefused('bad_manifest', parsed.error.issues[0]?.message ?? 'invalid');
  return parsed.data;
}

/**
 * Checks an export against its manifest before anything is written: every entry listed and
 * nothing else, each entry's size and SHA-256 as listed (a blob's also its own name). Tables and
 * media are copied into `stagingDir` while they are hashed (one entry at a time, streamed),
 * so the import then reads the very bytes that were checked.
 */
export async function verifyExport(
  file: string,
  stagingDir: string,
  onProgress?: VerifyProgress,
): Promise<VerifiedExport> {
  const zip = await open(file);
  try {
    const entries = new Map<string, yauzl.Entry>();
    for await (const entry of zip.eachEntry()) {
      if (entries.has(entry.fileName)) throw new ImportRefused('unlisted_entry', `${entry.fileName} twice`);
      entries.set(entry.fileName, entry);
    }
    const manifestEntry = entries.get(MANIFEST_PATH);
    if (!manifestEntry) throw new ImportRefused('no_manifest', MANIFEST_PATH);
    const manifest = await readManifest(zip, manifestEntry);
    const listed = new Map<string, { bytes: number; sha256: string; stage: boolean }>();
    for (const table of manifest.tables) listed.set(table.path, { ...table, stage: true });
    for (const blob of manifest.media) listed.set(blob.path, { ...blob, stage: true });
    for (const other of manifest.files) listed.set(other.path, { ...other, stage: false });
    for (const name of entries.keys())
      if (name !== MANIFEST_PATH && !listed.has(name)) throw new ImportRefused('unlisted_entry', name);
    for (const name of listed.keys()) if (!entries.has(name)) throw new ImportRefused('missing_entry', name);

    const total = [...listed.values()].reduce((sum, item) => sum + item.bytes, 0);
    let done = 0;
    const staged = new Map<string, string>();
    for (const [name, expected] of listed) {
      const entry = entries.get(name);
      if (!entry) throw new ImportRefused('missing_entry', name);
      if (entry.uncompressedSize !== expected.bytes) throw new ImportRefused('size_mismatch', name);
      const hash = createHash('sha256');
      const meter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          hash.update(chunk);
          done += chunk.length;
          onProgress?.(done, total);
          callback(null, chunk);
        },
      });
      const target = join(stagingDir, name);
      if (expected.stage) mkdirSync(dirname(target), { recursive: true });
      const sink = expected.stage
        ? createWriteStream(target)
        : new Writable({ write: (_chunk, _encoding, callback) => callback() });
      try {
        await pipeline(await zip.openReadStreamPromise(entry), meter, sink);
      } catch (error) {
        throw new ImportRefused(
          'unreadable_archive',
          `${name}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      if (hash.digest('hex') !== expected.sha256) throw new ImportRefused('hash_mismatch', name);
      if (expected.stage) staged.set(name, target);
    }
    for (const blob of manifest.media)
      if (!blob.path.endsWith(blob.sha256))
        throw new ImportRefused('hash_mismatch', `${blob.path} is not named by its hash`);
    return { manifest, staged };
  } finally {
    zip.close();
  }
}
