/**
 * A crashed or hung renderer must never leave a blank or frozen kiosk: end
 * core's session for that window, then reload the app (which lands on the
 * sign-in screen) and log why. The session must be ended explicitly: the
 * reloaded page has the same webContents, hence the same connection id, and
 * would otherwise come back signed in as the previous inmate. Written against
 * the small slice of BrowserWindow it uses, so it is tested without Electron.
 */
export interface RecoverableWindow {
  on(event: 'unresponsive' | 'responsive', listener: () => void): unknown;
  isDestroyed(): boolean;
  loadURL(url: string): Promise<void>;
  webContents: {
    on(
      event: 'render-process-gone',
      listener: (event: unknown, details: { reason: string; exitCode: number }) => void,
    ): unknown;
    forcefullyCrashRenderer(): void;
  };
}

export interface CrashRecoveryOptions {
  startUrl: string;
  /** How long a hang may last before the renderer is killed and reloaded. */
  hangTimeoutMs: number;
  log(message: string, detail?: Record<string, unknown>): void;
  /** Ends core's inmate session of this window's connection (and its media URLs). Called before every reload. */
  endSession(): void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export function attachCrashRecovery(window: RecoverableWindow, options: CrashRecoveryOptions): void {
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as NodeJS.Timeout));
  const reload = () => {
    // Even for a destroyed window: whoever was signed in there is not any more.
    options.endSession();
    if (!window.isDestroyed()) void window.loadURL(options.startUrl);
  };

  window.webContents.on('render-process-gone', (_event, details) => {
    options.log('renderer gone; reloading to the sign-in screen', {
      reason: details.reason,
      exitCode: details.exitCode,
    });
    reload();
  });

  let hang: unknown = null;
  window.on('unresponsive', () => {
    options.log('renderer unresponsive');
    if (hang !== null) return;
    hang = setTimer(() => {
      hang = null;
      options.log('renderer still hung; restarting it at the sign-in screen');
      window.webContents.forcefullyCrashRenderer();
      reload();
    }, options.hangTimeoutMs);
  });
  window.on('responsive', () => {
    if (hang !== null) clearTimer(hang);
    hang = null;
  });
}
