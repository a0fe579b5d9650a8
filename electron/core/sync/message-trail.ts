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

/**
 * A message's trail as a technician at this device may see it (the diagnostics screen's lookup):
 * the server's answer, `not_found` when it knows no such message of this device's people, or
 * `offline` when there is no server or no usable answer.
 */
export async function fetchTechnicianTrail(
  target: SyncTarget | null,
  id: string,
  technicianId: string,
): Promise<MessageTrail | 'not_found' | 'offline'> {
  if (!target) return 'offline';
  try {
    const response = await target.fetch(`${target.url}${syncPaths.technicianTrail}/${encodeURIComponent(id)}`, {
      headers: { authorization: target.authorization, 'x-technician': technicianId },
      signal: AbortSignal.timeout(5_000),
    });
    if (response.status === 404) return 'not_found';
    if (!response.ok) return 'offline';
    const parsed = MessageTrail.safeParse(JSON.parse(await response.text()));
    return parsed.success ? parsed.data : 'offline';
  } catch {
    return 'offline';
  }
}
