import WebSocket from 'ws';
import type { KioskTransport } from '../../shared/kiosk-api/client';
import { kioskHttpPaths, type KioskSocketMessage } from '../../shared/kiosk-api/http-paths';

/** The renderer's HTTP transport, for Node test code (same wire format as renderer/src/transport/http.ts). */
export async function nodeHttpTransport(
  origin: string,
  connectionId = 'test-connection',
): Promise<KioskTransport & { close(): void }> {
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const socket = new WebSocket(origin.replace(/^http/, 'ws') + kioskHttpPaths.eventsFor(connectionId), { origin });
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as KioskSocketMessage;
    if (message.type === 'event') listeners.forEach((listener) => listener(message.name, message.payload));
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    async invoke(name, input) {
      const response = await fetch(origin + kioskHttpPaths.call(name), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Kiosk-Connection': connectionId },
        body: JSON.stringify(input ?? null),
      });
      return await response.json();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => socket.close(),
  };
}
