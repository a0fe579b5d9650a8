/** URL paths of the kiosk API over HTTP/WebSocket (the preview host and its renderer transport). */
export const kioskHttpPaths = {
  call: (name: string) => `/api/call/${name}`,
  events: '/api/events',
  /** POST raw video bytes (a recorded videogram) → { uploadId }. */
  upload: '/api/upload',
} as const;

/** Messages on the events socket. */
export type KioskSocketMessage =
  { type: 'event'; name: string; payload: unknown } | { type: 'connection'; state: 'connected' | 'reconnecting' };
