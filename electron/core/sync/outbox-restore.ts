import type { Database } from 'better-sqlite3';
import type { Logger } from '../log';
import type { MediaCache } from '../media/media-cache';
import type { Outbox } from './outbox';
import type { OutboxJournal } from './outbox-journal';

/**
 * After a corrupt cache was rebuilt: everything typed that the server may not have is queued again
 * under the same ids (the server dedupes).
 */
export function restoreOutboxFromJournal(deps: {
  db: Database;
  journal: OutboxJournal;
  outbox: Outbox;
  media: MediaCache;
  log: Logger;
}): void {
  const items = deps.journal.read();
  deps.db.transaction(() => items.forEach((item) => deps.outbox.restore(item)))();
  // A recorded videogram's file survived in the media folder, but its row went with the old cache:
  // without it the upload would never start and the server would answer "media_missing" forever.
  const videos = items.flatMap((item) => (item.op.kind === 'videogram.send' ? [item.op.video] : []));
  const lost = videos.filter((video) => !deps.media.restoreLocal(video));
  deps.log.warn('outbox restored from its journal after a cache rebuild', {
    items: items.length,
    videos: videos.length,
    videosLost: lost.length,
  });
}
