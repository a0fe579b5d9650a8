import { z } from 'zod';

/**
 * The Open Kiosk export format, version 1 (docs/DEPLOY.md, "Exports").
 *
 * One ZIP (ZIP64 when it needs to be) holding:
 *   data/<table>.jsonl   one JSON object a line: a row as the server stores it (column names, cents, epoch ms)
 *   media/<ab>/<sha256>  each media blob, named by the SHA-256 of its bytes
 *   index.html           (a person's export) everything above as one page, readable offline
 *   manifest.json        this schema: what every other entry is, with its size and SHA-256
 *
 * The manifest is the last entry (its hashes are known only once the rest is written); readers
 * find it through the ZIP's central directory. A reader refuses an archive with an entry the
 * manifest does not list, a listed entry that is missing, or one whose size or hash differ.
 */
export const EXPORT_FORMAT = 'open-kiosk-export';
export const EXPORT_VERSION = 1;

/** Entry names: relative, forward slashes, no `..`, no empty or hidden segments. */
const EntryPath = z
  .string()
  .min(1)
  .max(200)
  .regex(/^(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*\/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*$/, 'a relative path without ..');
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const Count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const ExportTable = z.object({
  /** The server table the rows belong to (a person's export: a view of it, see `columns`). */
  name: z.string().regex(/^[a-z_]{1,64}$/),
  path: EntryPath,
  rows: Count,
  bytes: Count,
  sha256: Sha256,
});

const ExportMedia = z.object({
  sha256: Sha256,
  path: EntryPath,
  bytes: Count,
  mime: z.string().max(100),
});

const ExportFile = z.object({ path: EntryPath, bytes: Count, sha256: Sha256 });

const ExportKind = z.enum(['facility', 'inmate', 'family']);

export const ExportManifest = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  kind: ExportKind,
  /** UTC epoch ms. */
  createdAt: Count,
  /** The server's software that wrote it, e.g. `open-kiosk-server 0.1.0`. */
  generator: z.string().max(100),
  /** The schema migration the rows follow (the last one the exporting server ran). */
  schema: z.string().max(100),
  /** Whose data: the facility, the inmate or the family account, by id and name. */
  subject: z.object({ id: z.string().max(100), name: z.string().max(200) }),
  tables: z.array(ExportTable).max(200),
  media: z.array(ExportMedia).max(1_000_000),
  /** Other entries (index.html). */
  files: z.array(ExportFile).max(100),
});
export type ExportManifest = z.infer<typeof ExportManifest>;

/** Where a blob goes inside the archive. */
export const mediaEntryPath = (sha256: string) => `media/${sha256.slice(0, 2)}/${sha256}`;
export const tableEntryPath = (table: string) => `data/${table}.jsonl`;
export const MANIFEST_PATH = 'manifest.json';

/** The longest line of a table file a reader accepts (a row with its JSON columns). */
export const MAX_ROW_BYTES = 4 * 1024 * 1024;
/** The largest manifest a reader parses. */
export const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
