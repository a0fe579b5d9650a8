import type { KioskResult } from '../../../shared/kiosk-api/errors';
import type { MediaFile } from '../../../shared/core-host/messages';
import type { CoreSupervisor } from '../core-process/supervisor';

/**
 * What a bridge (Electron IPC or the preview host) forwards validated calls to.
 * In the product it is the supervised core process; in contract tests it can be
 * core running in the same process (tests/support/in-process-backend.ts).
 */
export interface KioskBackend {
  invoke(name: string, input: unknown, connectionId: string): Promise<KioskResult>;
  /** `connectionId` set: the event is for that renderer connection only (a session's events). */
  onEvent(listener: (name: string, payload: unknown, connectionId: string | undefined) => void): () => void;
  onConnection(listener: (state: 'connected' | 'reconnecting') => void): () => void;
  /**
   * The file behind a `/media/<token>` URL core handed to the renderer, for a
   * request the host attributes to `connectionId` (tokens are bound to it).
   */
  resolveMedia(token: string, connectionId: string): Promise<MediaFile | null>;
  /**
   * The host says a renderer connection is gone (crash, hang, reload, page closed):
   * core ends its session at once. Host-only, never reachable from the renderer's calls.
   */
  endConnection(connectionId: string): void;
}

export function supervisedBackend(supervisor: CoreSupervisor): KioskBackend {
  return {
    invoke: (name, input, connectionId) => supervisor.invoke(name, input, connectionId),
    onEvent(listener) {
      supervisor.on('event', listener);
      return () => supervisor.off('event', listener);
    },
    onConnection(listener) {
      supervisor.on('connection', listener);
      return () => supervisor.off('connection', listener);
    },
    resolveMedia: (token, connectionId) => supervisor.resolveMedia(token, connectionId),
    endConnection: (connectionId) => supervisor.endConnection(connectionId),
  };
}
