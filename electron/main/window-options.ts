import type { BrowserWindowConstructorOptions } from 'electron';
import { contentsVerdict } from '../host/lockdown/contents';

/**
 * The kiosk window's options. Kept apart from index.ts so the test can check
 * every security-relevant flag without starting Electron.
 */
export function kioskWindowOptions(preloadPath: string, production: boolean): BrowserWindowConstructorOptions {
  return {
    show: false,
    kiosk: production,
    fullscreen: production,
    autoHideMenuBar: true,
    frame: !production,
    backgroundColor: '#f6f7f9',
    title: 'Kiosk',
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: contentsVerdict('attach-webview', { production }) === 'allow',
      navigateOnDragDrop: contentsVerdict('file-drop-navigation', { production }) === 'allow',
      spellcheck: false,
      devTools: contentsVerdict('devtools', { production }) === 'allow',
      safeDialogs: true,
      disableDialogs: production,
      enableWebSQL: false,
      autoplayPolicy: 'user-gesture-required',
      // Middle-click (auxclick) could open links in new windows; the kiosk has one window.
      disableBlinkFeatures: 'Auxclick',
    },
  };
}
