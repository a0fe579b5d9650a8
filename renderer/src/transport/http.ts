import type { KioskTransport } from '../../../shared/kiosk-api/client';
import { kioskHttpPaths, type KioskSocketMessage } from '../../../shared/kiosk-api/http-paths';

type Listener = (event: string, payload: unknown) => void;
type ConnectionListener = (state: 'connected' | 'reconnecting') => void;

/**
 * The preview host's transport: calls over HTTP POST, events over one WebSocket
 * that reconnects with backoff. Same contract as the Electron bridge.
 */
export function httpTransport(origin: string = window.location.origin): KioskTransport {
  const listeners = new Set<Listener>();
  const connectionListeners = new Set<ConnectionListener>();
  // One id per page load: a reload starts a fresh session, as a crash recovery should.
  const connectionId = crypto.randomUUID();
  let attempt = 0;

  const setConnection = (state: 'connected' | 'reconnecting') => connectionListeners.forEach((l) => l(state));

  const connect = () => {
    const socket = new WebSocket(origin.replace(/^http/, 'ws') + kioskHttpPaths.eventsFor(connectionId));
    socket.addEventListener('message', (event) => {
      let message: KioskSocketMessage;
      try {
        message = JSON.parse(String(event.data)) as KioskSocketMessage;
      } catch {
        return;
      }
      if (message.type === 'event') listeners.forEach((l) => l(message.name, message.payload));
      else {
        attempt = 0;
        setConnection(message.state);
      }
    });
    socket.addEventListener('close', () => {
      setConnection('reconnecting');
      const delay = Math.min(10_000, 250 * 2 ** attempt++) * (0.5 + Math.random() / 2);
      window.setTimeout(connect, delay);
    });
  };
  connect();

  return {
    async invoke(name, input) {
      try {
        const response = await fetch(origin + kioskHttpPaths.call(name), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Kiosk-Connection': connectionId },
          body: JSON.stringify(input ?? null),
        });
        return (await response.json()) as unknown;
      } catch {
        return { ok: false, error: { code: 'unavailable', message: 'The device is reconnecting.' } };
      }
    },
    async upload(bytes, type) {
      try {
        const response = await fetch(origin + kioskHttpPaths.upload, {
          method: 'POST',
          headers: { 'Content-Type': type, 'X-Kiosk-Connection': connectionId },
          body: bytes,
        });
        const body = (await response.json()) as unknown;
        return response.ok ? { ok: true, value: body } : body;
      } catch {
        return { ok: false, error: { code: 'unavailable', message: 'The device is reconnecting.' } };
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
  };
}
