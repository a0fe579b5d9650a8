/**
 * The only thing the renderer gets from Electron: one object, window.kiosk,
 * that carries kiosk API calls and events. No ipcRenderer, no Node.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { kioskIpcChannels } from '../../shared/kiosk-api/ipc-channels';

type EventListener = (event: string, payload: unknown) => void;
type ConnectionListener = (state: 'connected' | 'reconnecting') => void;

const kiosk = {
  invoke: (name: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(kioskIpcChannels.invoke, name, input),
  subscribe(listener: EventListener): () => void {
    const wrapped = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (typeof name === 'string') listener(name, payload);
    };
    ipcRenderer.on(kioskIpcChannels.event, wrapped);
    return () => ipcRenderer.off(kioskIpcChannels.event, wrapped);
  },
  /** A recorded videogram's bytes; main writes them for core and answers with an upload id. */
  upload: (bytes: ArrayBuffer, type: string): Promise<unknown> =>
    ipcRenderer.invoke(kioskIpcChannels.upload, bytes, type),
  onConnectionChange(listener: ConnectionListener): () => void {
    const wrapped = (_event: IpcRendererEvent, state: unknown) => {
      if (state === 'connected' || state === 'reconnecting') listener(state);
    };
    ipcRenderer.on(kioskIpcChannels.connection, wrapped);
    return () => ipcRenderer.off(kioskIpcChannels.connection, wrapped);
  },
};

contextBridge.exposeInMainWorld('kiosk', kiosk);
