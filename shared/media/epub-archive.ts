import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate';

/**
 * The limits an EPUB must keep before anything of it is used, on the device
 * (in the reader's Web Worker) and at intake on the server. A book is a zip
 * from outside: a small download can inflate to gigabytes, hold one chapter
 * too big to lay out, or thousands of entries. Real books are far inside these.
 */
export interface EpubLimits {
  /** The .epub file itself. */
  readonly archiveBytes: number;
  readonly entries: number;
  /** Every entry inflated, added up. */
  readonly totalBytes: number;
  /** One entry inflated (an image, a font). */
  readonly entryBytes: number;
  /** One markup entry inflated (XHTML/HTML chapter, package, navigation, SVG): what the page must parse at once. */
  readonly chapterBytes: number;
  /** Inflated ÷ compressed of one entry, checked once it has inflated past `ratioFloorBytes`. */
  readonly ratio: number;
  readonly ratioFloorBytes: number;
}

export const epubLimits: EpubLimits = {
  archiveBytes: 100 * 1024 * 1024,
  entries: 5_000,
  totalBytes: 256 * 1024 * 1024,
  entryBytes: 32 * 1024 * 1024,
  chapterBytes: 2 * 1024 * 1024,
  ratio: 100,
  ratioFloorBytes: 1024 * 1024,
};

export type EpubLimit = 'archive' | 'entries' | 'total' | 'entry' | 'chapter' | 'ratio';

/** Why a book cannot be opened: over a limit, or not a readable zip / EPUB. */
export class EpubArchiveError extends Error {
  constructor(
    readonly code: 'over_limits' | 'broken',
    readonly limit: EpubLimit | null,
    detail: string,
  ) {
    super(detail);
    this.name = 'EpubArchiveError';
  }
}

const markup = /\.(x?html?|xml|opf|ncx|svg)$/i;
const isMarkupEntry = (name: string): boolean => markup.test(name);

/** Zip input is pushed in small slices so a bomb never inflates more than a bounded burst before it is stopped. */
const sliceBytes = 16 * 1024;

/**
 * Inflates an EPUB with fflate's streaming unzip, entry by entry, stopping at
 * the first limit crossed (counted on the bytes really inflated, never on the
 * sizes the zip claims). `keep` receives each entry whole; leave it out to
 * only check. Synchronous: the device runs it in a Web Worker, the server at
 * intake.
 */
export function unpackEpub(
  archive: Uint8Array,
  limits: EpubLimits = epubLimits,
  keep?: (name: string, bytes: Uint8Array) => void,
): { entries: number; totalBytes: number } {
  if (archive.byteLength > limits.archiveBytes) {
    throw new EpubArchiveError('over_limits', 'archive', `file of ${archive.byteLength} bytes`);
  }
  let entries = 0;
  let total = 0;
  let failure: EpubArchiveError | null = null;
  /** Zip bytes pushed so far: an upper bound of an entry's compressed size when the zip does not say it. */
  let pushed = 0;
  const unzip = new Unzip((file) => {
    if (failure) return;
    entries += 1;
    if (entries > limits.entries) {
      failure = new EpubArchiveError('over_limits', 'entries', `more than ${limits.entries} entries`);
      return;
    }
    const markupEntry = isMarkupEntry(file.name);
    const cap = markupEntry ? limits.chapterBytes : limits.entryBytes;
    const chunks: Uint8Array[] = [];
    let inflated = 0;
    const startedAt = pushed - sliceBytes;
    const stop = (error: EpubArchiveError) => {
      failure ??= error;
      file.terminate();
    };
    file.ondata = (error, chunk, final) => {
      if (failure) return;
      if (error) return stop(new EpubArchiveError('broken', null, `${file.name}: ${error.message}`));
      inflated += chunk.byteLength;
      total += chunk.byteLength;
      if (inflated > cap) {
        const limit = markupEntry ? 'chapter' : 'entry';
        return stop(new EpubArchiveError('over_limits', limit, `${file.name} inflates past ${cap} bytes`));
      }
      if (total > limits.totalBytes) {
        return stop(new EpubArchiveError('over_limits', 'total', `book inflates past ${limits.totalBytes} bytes`));
      }
      const compressed = file.size ?? pushed - startedAt;
      if (inflated > limits.ratioFloorBytes && inflated / Math.max(1, compressed) > limits.ratio) {
        return stop(new EpubArchiveError('over_limits', 'ratio', `${file.name} inflates over ${limits.ratio}×`));
      }
      if (keep) chunks.push(chunk);
      if (final && keep) keep(file.name, join(chunks, inflated));
    };
    try {
      file.start();
    } catch {
      failure = new EpubArchiveError('broken', null, `${file.name}: compression ${file.compression} not supported`);
    }
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  try {
    for (let at = 0; at < archive.byteLength && !failure; at += sliceBytes) {
      const end = Math.min(archive.byteLength, at + sliceBytes);
      pushed = end;
      unzip.push(archive.subarray(at, end), end === archive.byteLength);
    }
  } catch (error) {
    failure ??= new EpubArchiveError('broken', null, error instanceof Error ? error.message : String(error));
  }
  if (failure) throw failure;
  if (entries === 0) throw new EpubArchiveError('broken', null, 'not a zip archive');
  return { entries, totalBytes: total };
}

function join(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
