import type { EpubLimit } from '../../../../../shared/media/epub-archive';

/**
 * Why a book cannot be read, as the reader tells it (translated by code) and
 * as the device's diagnostics record it (the detail). A book that is broken,
 * empty or over the limits fails the same way every time: `retryable` is only
 * true when fetching it failed.
 */
export type BookProblem = 'broken' | 'empty' | 'over_limits' | 'unavailable';

export class BookError extends Error {
  constructor(
    readonly problem: BookProblem,
    detail: string,
    readonly limit: EpubLimit | null = null,
  ) {
    super(detail);
    this.name = 'BookError';
  }

  get retryable(): boolean {
    return this.problem === 'unavailable';
  }
}
