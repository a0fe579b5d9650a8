import { BookError } from './book-error';
import type { WorkerReply, WorkerRequest } from './book-messages';
import { nextTask } from './next-task';

/**
 * The page's side of the unpacking worker: an opened EPUB whose entries are
 * read one at a time (the loader foliate-js's EPUB parser asks for). Closing
 * it ends the worker and frees everything the book inflated to.
 */
export class BookArchive {
  private nextId = 1;
  private readonly waiting = new Map<number, (bytes: ArrayBuffer | null) => void>();

  private constructor(
    private readonly worker: Worker,
    private readonly sizes: Map<string, number>,
  ) {
    worker.addEventListener('message', (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      if (reply.type !== 'entry') return;
      this.waiting.get(reply.id)?.(reply.bytes);
      this.waiting.delete(reply.id);
    });
  }

  static open(bytes: ArrayBuffer): Promise<BookArchive> {
    const worker = new Worker(new URL('./book-worker.ts', import.meta.url), { type: 'module', name: 'book-unpacker' });
    return new Promise((resolve, reject) => {
      const fail = (error: BookError) => {
        worker.terminate();
        reject(error);
      };
      worker.addEventListener('error', (event) => fail(new BookError('broken', `unpacker: ${event.message}`)), {
        once: true,
      });
      worker.addEventListener(
        'message',
        (event: MessageEvent<WorkerReply>) => {
          const reply = event.data;
          if (reply.type === 'opened') resolve(new BookArchive(worker, new Map(reply.entries)));
          else if (reply.type === 'failed')
            fail(new BookError(reply.code === 'over_limits' ? 'over_limits' : 'broken', reply.detail, reply.limit));
        },
        { once: true },
      );
      const request: WorkerRequest = { type: 'open', bytes };
      worker.postMessage(request, [bytes]);
    });
  }

  /** Inflated size of an entry (0 when the book has no such entry). */
  getSize = (name: string): number => this.sizes.get(name) ?? 0;

  has(name: string): boolean {
    return this.sizes.has(name);
  }

  private read(name: string): Promise<ArrayBuffer | null> {
    if (!this.sizes.has(name)) return Promise.resolve(null);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      const request: WorkerRequest = { type: 'read', id, name };
      this.worker.postMessage(request);
    });
  }

  /*
   * Each read answers in a task of its own (even for an entry the book lacks), so whatever the caller does
   * with it (foliate-js parses the package, then the contents, …) is cut at every file, not run as one task.
   */
  loadText = async (name: string): Promise<string | null> => {
    const bytes = await this.read(name);
    await nextTask();
    return bytes ? new TextDecoder().decode(bytes) : null;
  };

  loadBlob = async (name: string, type = ''): Promise<Blob | null> => {
    const bytes = await this.read(name);
    await nextTask();
    return bytes ? new Blob([bytes], { type }) : null;
  };

  close(): void {
    this.worker.terminate();
    this.waiting.forEach((resolve) => resolve(null));
    this.waiting.clear();
  }
}
