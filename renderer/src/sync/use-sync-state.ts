import { useEffect, useState } from 'react';
import type { SyncPort, SyncState } from '../api/ports';

/** The device's sync state: asked once, then kept current by core's status events. */
export function useSyncState(sync: SyncPort): SyncState | null {
  const [state, setState] = useState<SyncState | null>(null);
  useEffect(() => {
    let cancelled = false;
    let fromEvent = false;
    const off = sync.onChange((next) => {
      fromEvent = true;
      setState(next);
    });
    sync.status().then(
      (first) => {
        // An event that came in while asking is newer than the answer.
        if (!cancelled && !fromEvent) setState(first);
      },
      () => undefined, // the frame already says when core is unreachable
    );
    return () => {
      cancelled = true;
      off();
    };
  }, [sync]);
  return state;
}
