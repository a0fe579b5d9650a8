import type { EpubLimit } from '../../../../../shared/media/epub-archive';

/** What the page and the reader's unpacking worker say to each other. */
export type WorkerRequest = { type: 'open'; bytes: ArrayBuffer } | { type: 'read'; id: number; name: string };

export type WorkerReply =
  | { type: 'opened'; entries: [name: string, bytes: number][] }
  | { type: 'failed'; code: 'over_limits' | 'broken'; limit: EpubLimit | null; detail: string }
  | { type: 'entry'; id: number; bytes: ArrayBuffer | null };
