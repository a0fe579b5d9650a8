/** Electron IPC channel names of the kiosk API; preload and main use only these. */
export const kioskIpcChannels = {
  invoke: 'kiosk:invoke',
  event: 'kiosk:event',
  connection: 'kiosk:connection',
  /** A recorded videogram's bytes → an upload id for `videograms.send`. */
  upload: 'kiosk:upload',
} as const;
