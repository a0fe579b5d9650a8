import { describe, expect, it } from 'vitest';
import { kioskWindowOptions } from '../../../electron/main/window-options';

describe('kiosk window options', () => {
  it('locks the renderer down in production', () => {
    const options = kioskWindowOptions('/app/preload.cjs', true);
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, autoHideMenuBar: true, frame: false });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('keeps the same isolation in development, only devtools and the frame differ', () => {
    const dev = kioskWindowOptions('/p', false);
    expect(dev.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      devTools: true,
    });
    expect(dev.kiosk).toBe(false);
  });
});
