/** Electron IPC channel names of the kiosk API; preload and main use only these. */
export const kioskIpcChannels = {
  invoke: 'kiosk:invoke',
  event: 'kiosk:event',
  connection: 'kiosk:connection',
} as const;
