import type { KioskTransport } from '../../../shared/kiosk-api/client';

/** The one object preload exposes through contextBridge (see electron/preload). */
export interface KioskBridge {
  invoke(name: string, input: unknown): Promise<unknown>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
  onConnectionChange(listener: (state: 'connected' | 'reconnecting') => void): () => void;
  upload(bytes: ArrayBuffer, type: string): Promise<unknown>;
}

declare global {
  interface Window {
    kiosk?: KioskBridge;
  }
}

export function ipcTransport(bridge: KioskBridge): KioskTransport {
  return {
    invoke: (name, input) => bridge.invoke(name, input),
    subscribe: (listener) => bridge.subscribe(listener),
    onConnectionChange: (listener) => bridge.onConnectionChange(listener),
    upload: (bytes, type) => bridge.upload(bytes, type),
  };
}
