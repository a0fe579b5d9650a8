import { kioskIpcChannels } from '../../shared/kiosk-api/ipc-channels';
import type { KioskResult } from '../../shared/kiosk-api/errors';
import type { KioskBackend } from '../core/api/backend';
import { bridgeCall } from '../core/api/bridge';
import { isTrustedSender } from '../core/lockdown/navigation';

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
export function registerKioskIpc(registrar: IpcRegistrar, backend: KioskBackend, appOrigin: string): void {
  registrar.handle(kioskIpcChannels.invoke, async (event, name, input) => {
    if (!isTrustedSender(event.senderFrame?.url, appOrigin)) {
      return { ok: false, error: { code: 'forbidden', message: 'Calls are only accepted from the kiosk app.' } };
    }
    // One window = one connection: sessions are bound to the webContents, which the page cannot forge.
    return bridgeCall(backend, name, input, `webcontents-${event.sender.id}`);
  });
}
