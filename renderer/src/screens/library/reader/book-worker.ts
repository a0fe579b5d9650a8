import { EpubArchiveError, unpackEpub } from '../../../../../shared/media/epub-archive';
import type { WorkerReply, WorkerRequest } from './book-messages';

/**
 * The reader's unpacker, off the UI thread: the EPUB is inflated here with
 * fflate's streaming unzip under the limits of shared/media/epub-archive, and
 * the page asks for single entries as it needs them. A bomb or a book over the
 * limits fails here, and the page's thread never sees its bytes.
 */
const entries = new Map<string, Uint8Array>();
const reply = (message: WorkerReply, transfer: Transferable[] = []) => self.postMessage(message, { transfer });

self.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.type === 'open') {
    entries.clear();
    try {
      unpackEpub(new Uint8Array(request.bytes), undefined, (name, bytes) => entries.set(name, bytes));
      reply({ type: 'opened', entries: Array.from(entries, ([name, bytes]) => [name, bytes.byteLength]) });
    } catch (error) {
      entries.clear();
      const known = error instanceof EpubArchiveError;
      reply({
        type: 'failed',
        code: known ? error.code : 'broken',
        limit: known ? error.limit : null,
        detail: error instanceof Error ? error.message : String(error),
      });
    }
    return;
  }
  const bytes = entries.get(request.name);
  // A copy goes to the page; the worker keeps its own for the next time the chapter is read.
  const copy = bytes ? bytes.slice() : null;
  reply({ type: 'entry', id: request.id, bytes: copy ? copy.buffer : null }, copy ? [copy.buffer] : []);
});
