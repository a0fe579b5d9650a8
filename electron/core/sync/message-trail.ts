import { MessageTrail } from '../../../shared/domain/message-trail';
import { syncPaths } from '../../../shared/sync/protocol';
import type { SyncTarget } from './sync-engine';

/**
 * One message's trail from the facility server, as the inmate may see it
 * (the server leaves out reviewers and listed words). Null when there is no
 * server, it cannot be reached within a few seconds, or it does not know the
 * trail (an older server answers 404): the device then shows what it knows.
 */
export async function fetchMessageTrail(target: SyncTarget | null, id: string): Promise<MessageTrail | null> {
  if (!target) return null;
  try {
    const response = await target.fetch(`${target.url}${syncPaths.messageTrail}/${encodeURIComponent(id)}`, {
      headers: { authorization: target.authorization },
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) return null;
    const parsed = MessageTrail.safeParse(JSON.parse(await response.text()));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
