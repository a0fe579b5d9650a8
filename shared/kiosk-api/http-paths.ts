/** URL paths of the kiosk API over HTTP/WebSocket (the preview host and its renderer transport). */
export const kioskHttpPaths = {
  call: (name: string) => `/api/call/${name}`,
  events: '/api/events',
  /** The events socket of one renderer connection: it also gets that connection's own (session) events. */
  eventsFor: (connectionId: string) => `/api/events?connection=${encodeURIComponent(connectionId)}`,
  /** POST raw video bytes (a recorded videogram) → { uploadId }. */
  upload: '/api/upload',
} as const;

/** Messages on the events socket. */
export type KioskSocketMessage =
  { type: 'event'; name: string; payload: unknown } | { type: 'connection'; state: 'connected' | 'reconnecting' };
