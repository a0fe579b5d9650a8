import type { MediaFile } from '../../../shared/core-host/messages';
import type { Sessions } from '../auth/sessions';
import type { Logger } from '../log';
import type { MediaCache } from '../media/media-cache';
import type { SyncTarget } from '../sync/sync-engine';
import type { MediaTokens } from './media-tokens';

/**
 * A media token from a URL core handed out → the verified file (downloaded now if needed), or null.
 * Bound to the connection, and only while the session that received it lasts.
 */
export function mediaResolver(deps: {
  tokens: MediaTokens;
  sessions: Sessions;
  media: MediaCache;
  syncTarget: () => SyncTarget | null;
  log: Logger;
}) {
  return async (token: string, connectionId: string): Promise<MediaFile | null> => {
    const entry = deps.tokens.resolve(token, connectionId);
    if (!entry || deps.sessions.get(connectionId)?.inmateId !== entry.inmateId) return null;
    let file = deps.media.ready(entry.ref.sha256);
    const target = deps.syncTarget();
    if (!file && target) {
      try {
        file = await deps.media.ensure(entry.ref, {
          url: target.url,
          fetch: target.fetch,
          authorization: target.authorization,
        });
      } catch (error) {
        deps.log.warn('media not available', {
          sha256: entry.ref.sha256,
          error: error instanceof Error ? error.message : String(error),
        });
        return null;
      }
    }
    if (!file) return null;
    // The host decrypts the Range it serves with this blob's own key (never the media key).
    return {
      path: file.path,
      mime: entry.ref.mime,
      size: file.plainSize,
      sha256: file.sha256,
      key: file.key.toString('hex'),
    };
  };
}
