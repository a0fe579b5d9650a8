import { kioskIpcChannels } from '../../shared/kiosk-api/ipc-channels';
import type { KioskResult } from '../../shared/kiosk-api/errors';
import type { KioskBackend } from '../host/api/backend';
import { bridgeCall } from '../host/api/bridge';
import { isTrustedSender } from '../host/lockdown/navigation';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { VIDEOGRAM_MAX_BYTES } from '../../shared/domain/limits';
import { videoContainer } from '../../shared/media/video-container';

/**
 * Writes a recorded videogram where core picks it up; only video, only up to the limit. Every refusal is
 * a typed error and writes nothing; a write torn by a crash leaves only a `.part` file, never an upload id.
 */
export function saveUpload(uploadDir: string, bytes: unknown, type: unknown): KioskResult {
  if (!(bytes instanceof ArrayBuffer) && !(bytes instanceof Uint8Array)) {
    return { ok: false, error: { code: 'validation', message: 'An upload is bytes.' } };
  }
  if (type !== 'video/webm' && type !== 'video/mp4')
    return { ok: false, error: { code: 'validation', message: 'Only video/webm or video/mp4.' } };
  if (bytes.byteLength > VIDEOGRAM_MAX_BYTES)
    return { ok: false, error: { code: 'limit', message: 'The recording is too large.' } };
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (view.byteLength === 0) return { ok: false, error: { code: 'validation', message: 'The recording is empty.' } };
  // WebM or MP4, what a MediaRecorder makes; anything else is refused.
  if (videoContainer(view) === null)
    return { ok: false, error: { code: 'validation', message: 'The recording is not a WebM or MP4 video.' } };
  mkdirSync(uploadDir, { recursive: true });
  const uploadId = uuidv7();
  const file = join(uploadDir, uploadId);
  writeFileSync(`${file}.part`, view, { mode: 0o600 });
  renameSync(`${file}.part`, file);
  return { ok: true, value: { uploadId } };
}

/** The connection id of a window: its webContents id, which the page cannot forge. */
export const connectionIdOf = (webContentsId: number): string => `webcontents-${webContentsId}`;

/** The slice of an IpcMainInvokeEvent this wiring reads (so tests can inject one). */
export interface InvokeEventLike {
  senderFrame: { url: string } | null;
  sender: { id: number };
}

/** The slice of ipcMain this wiring needs; injected so the contract tests run without Electron. */
export interface IpcRegistrar {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<KioskResult>): void;
}

/**
 * Wires the kiosk API onto Electron IPC: one invoke channel; every call's
 * sender frame must be the app's own origin, and every input is validated
 * against the contract before core sees it.
 */
export function registerKioskIpc(
  registrar: IpcRegistrar,
  backend: KioskBackend,
  appOrigin: string,
  uploadDir?: string,
): void {
  registrar.handle(kioskIpcChannels.invoke, async (event, name, input) => {
    if (!isTrustedSender(event.senderFrame?.url, appOrigin)) {
      return { ok: false, error: { code: 'forbidden', message: 'Calls are only accepted from the kiosk app.' } };
    }
    // One window = one connection: sessions are bound to the webContents, which the page cannot forge.
    return bridgeCall(backend, name, input, connectionIdOf(event.sender.id));
  });
  if (uploadDir) {
    registrar.handle(kioskIpcChannels.upload, (event, bytes, type) => {
      if (!isTrustedSender(event.senderFrame?.url, appOrigin)) {
        return Promise.resolve({
          ok: false,
          error: { code: 'forbidden', message: 'Uploads are only accepted from the kiosk app.' },
        });
      }
      return Promise.resolve(saveUpload(uploadDir, bytes, type));
    });
  }
}
