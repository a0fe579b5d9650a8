/**
 * Electron main: glue only. It locks the window down, starts core in a
 * utilityProcess, relays the kiosk API over IPC, and recovers from renderer
 * crashes. Every policy it applies is a pure function in electron/host/lockdown.
 */
import { app, BrowserWindow, ipcMain, Menu, protocol, safeStorage, session, type WebContents } from 'electron';
import { join } from 'node:path';
import { supervisedBackend } from '../host/api/backend';
import { CoreConfig, mediaQuotaFromEnv } from '../../shared/core-host/config';
import { loadOrCreateDatabaseKey, type KeySealer } from '../host/keys/sealed-key-file';
import { contentsVerdict, type ContentsAction } from '../host/lockdown/contents';
import { buildCsp } from '../host/lockdown/csp';
import { isAllowedNavigation, windowOpenAction } from '../host/lockdown/navigation';
import { isPermissionAllowed, isPermissionCheckAllowed } from '../host/lockdown/permissions';
import { shortcutVerdict } from '../host/lockdown/shortcuts';
import { CoreSupervisor } from '../host/core-process/supervisor';
import { kioskIpcChannels } from '../../shared/kiosk-api/ipc-channels';
import { forkUtilityCore } from './core-process';
import { attachCrashRecovery } from './crash-recovery';
import { connectionIdOf, registerKioskIpc } from './ipc';
import type { KioskBackend } from '../host/api/backend';
import { appOrigin, appScheme, createAppProtocolHandler, type MediaResolver } from './kiosk-protocol';
import { checkBootHealth, confirmHealthyBoot, startUpdater } from './updates';
import { kioskWindowOptions } from './window-options';
import { existsSync, readFileSync } from 'node:fs';
import type { FacilityServer } from '../../shared/core-host/messages';
import { chooseKeySealing } from '../host/keys/key-sealing';
import { probeKeySealing, systemdCredsSealer, writeSealingNote } from '../host/keys/systemd-creds-sealer';

const production = app.isPackaged || process.env.KIOSK_PRODUCTION === '1';
const hangReloadMs = 10_000;
/** The contents policy (electron/host/lockdown/contents.ts) for this build. */
const blocked = (action: ContentsAction) => contentsVerdict(action, { production }) === 'block';

const log = (message: string, detail?: Record<string, unknown>) =>
  process.stderr.write(`${JSON.stringify({ t: Date.now(), scope: 'main', message, ...detail })}\n`);

protocol.registerSchemesAsPrivileged([
  {
    scheme: appScheme,
    privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
  },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    window?.focus();
  });
  app.whenReady().then(start, (error: unknown) => {
    log('startup failed', { error: String(error) });
    app.exit(1);
  });
}

const safeStorageSealer: KeySealer = {
  kind: 'safeStorage',
  seal: (plain) => safeStorage.encryptString(plain),
  unseal: (sealed) => safeStorage.decryptString(sealed),
};

/** EX_CONFIG: the machine lacks what the app needs (docs/DEPLOY.md: RestartPreventExitStatus=78). */
const EXIT_NO_SECRET_STORE = 78;

/**
 * The sealer for the database key (electron/host/keys/key-sealing.ts chooses): a real keyring, else
 * systemd-creds with the TPM2 or host key, never safeStorage's plain-text fallback. Null: refused.
 */
function chooseSealer(keyFile: string): KeySealer | null {
  const sealing = chooseKeySealing(
    probeKeySealing(keyFile, {
      available: safeStorage.isEncryptionAvailable(),
      linuxBackend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null,
    }),
  );
  if (sealing.kind === 'refuse') {
    log('refusing to start: no secret store to seal the database key with. See docs/DEPLOY.md (OS keyring).', {
      reason: sealing.reason,
    });
    return null;
  }
  log('database key sealing', { backend: sealing.kind, ...(sealing.kind === 'systemd-creds' ? sealing : {}) });
  const sealer = sealing.kind === 'safeStorage' ? safeStorageSealer : systemdCredsSealer(sealing.withKey);
  return {
    ...sealer,
    seal: (plain) => {
      const sealed = sealer.seal(plain);
      writeSealingNote(keyFile, sealing);
      return sealed;
    },
  };
}

function start(): void {
  Menu.setApplicationMenu(null);
  if (app.isPackaged && !checkBootHealth(log)) {
    app.exit(0); // the previous version was started in our place
    return;
  }
  const keyFile = join(app.getPath('userData'), 'database.key.sealed');
  const sealer = chooseSealer(keyFile);
  if (!sealer) {
    // Refused rather than sealed in the clear: a supervisor must not restart into the same refusal.
    app.exit(EXIT_NO_SECRET_STORE);
    return;
  }
  const rendererDir = join(__dirname, '../renderer');
  const csp = buildCsp({ mediaSrc: [`${appScheme}:`] });
  // Media tokens are resolved by core, which starts just below.
  let resolveMedia: MediaResolver = () => Promise.resolve(null);
  protocol.handle(
    appScheme,
    createAppProtocolHandler(rendererDir, csp, (token) => resolveMedia(token)),
  );
  lockDownSession(csp);

  // Asked at every core start: after a technician's wipe the key is gone and a new one is made here.
  const coreConfig = () =>
    CoreConfig.parse({
      dataDir: join(app.getPath('userData'), 'device'),
      databaseKeyHex: loadOrCreateDatabaseKey(keyFile, sealer),
      keyFile,
      serverUrl: process.env.KIOSK_SERVER_URL ?? null,
      appVersion: app.getVersion(),
      ...(process.env.KIOSK_ENROLL_CODE ? { autoEnrollCode: process.env.KIOSK_ENROLL_CODE } : {}),
      ...mediaQuotaFromEnv(process.env.KIOSK_MEDIA_QUOTA_MB),
    });
  const config = coreConfig();
  const supervisor = new CoreSupervisor(
    forkUtilityCore(join(__dirname, 'core.js'), (line) => process.stderr.write(line)),
    coreConfig,
  );
  supervisor.on('crash', (code) => log('core process exited; restarting', { code }));
  const backend = supervisedBackend(supervisor);
  // The kiosk has one window and no other web contents (window.open, webviews and navigation away are
  // denied), so a kiosk:// media request comes from that window's connection and only resolves for it.
  resolveMedia = (token) =>
    kioskWindow ? backend.resolveMedia(token, connectionIdOf(kioskWindow.webContents.id)) : Promise.resolve(null);
  registerKioskIpc(ipcMain, backend, appOrigin, join(app.getPath('userData'), 'device', 'incoming'));
  supervisor.start();

  const window = createWindow(backend);
  // The sign-in screen loaded with core answering: this version is healthy on this device.
  window.webContents.once('did-finish-load', () => {
    void backend.invoke('app.info', {}, 'main').then((result) => {
      if (result.ok) confirmHealthyBoot();
    });
  });
  // Updates come from the server this device enrolled with, through its pin (core says which, at every
  // start and enrollment change); the configured URL only while it is not enrolled.
  let stopUpdates: (() => void) | null = null;
  let updateServer = '';
  supervisor.on('facility', (server) => {
    const chosen = server ?? (config.serverUrl ? { url: config.serverUrl, fingerprint: null } : null);
    if (JSON.stringify(chosen) === updateServer) return; // a restarted core says the same again
    updateServer = JSON.stringify(chosen);
    stopUpdates?.();
    stopUpdates = chosen ? startUpdates(chosen) : null;
  });
  app.on('before-quit', () => stopUpdates?.());
  backend.onEvent((name, payload, connectionId) => {
    if (name === 'technician.maintenance') leaveKioskForMaintenance(window, payload);
    // A session's events go only to the window whose session it is (the connection id main gave its calls).
    if (connectionId !== undefined && connectionId !== `webcontents-${window.webContents.id}`) return;
    window.webContents.send(kioskIpcChannels.event, name, payload);
  });
  backend.onConnection((state) => window.webContents.send(kioskIpcChannels.connection, state));
  app.on('before-quit', () => supervisor.stop());
}

let maintenanceTimer: NodeJS.Timeout | null = null;
let kioskWindow: BrowserWindow | null = null;

/** A technician's audited "leave kiosk mode": the window becomes a normal one until the time is up. */
function leaveKioskForMaintenance(window: BrowserWindow, payload: unknown): void {
  const until = (payload as { until?: unknown }).until;
  if (typeof until !== 'number') return;
  if (maintenanceTimer) clearTimeout(maintenanceTimer);
  window.setKiosk(false);
  window.setFullScreen(false);
  log('maintenance: kiosk mode off', { until });
  maintenanceTimer = setTimeout(
    () => {
      window.setKiosk(true);
      window.setFullScreen(true);
      log('maintenance over: kiosk mode on');
    },
    Math.max(0, until - Date.now()),
  );
}

/**
 * The release public key ships inside the ASAR (covered by its integrity check, so it cannot be swapped
 * on disk without breaking the app); no key, no updates.
 */
function startUpdates(server: FacilityServer): (() => void) | null {
  const keyFile = join(app.getAppPath(), 'resources', 'update', 'update-public-key.pem');
  if (!app.isPackaged || !existsSync(keyFile)) return null;
  return startUpdater({
    server,
    publicKeyPem: readFileSync(keyFile, 'utf8'),
    // Longer than any facility's idle timeout, so no session can be open.
    sessionIdleLimitMs: 10 * 60_000,
    log,
  });
}

function lockDownSession(csp: string): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((webContents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    callback(isPermissionAllowed({ permission, requestingUrl: details.requestingUrl, mediaTypes }, appOrigin));
  });
  ses.setPermissionCheckHandler((_webContents, permission, requestingOrigin) =>
    isPermissionCheckAllowed(permission, requestingOrigin, appOrigin),
  );
  ses.on('will-download', (event) => {
    if (blocked('download')) event.preventDefault();
  });
  ses.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } }),
  );
}

function createWindow(backend: KioskBackend): BrowserWindow {
  const window = new BrowserWindow(kioskWindowOptions(join(__dirname, '../preload/index.cjs'), production));
  kioskWindow = window;
  const contents = window.webContents;
  const connectionId = connectionIdOf(contents.id);
  lockDownContents(contents);
  window.once('ready-to-show', () => window.show());

  attachCrashRecovery(window, {
    startUrl: `${appOrigin}/index.html`,
    hangTimeoutMs: hangReloadMs,
    log,
    endSession: () => backend.endConnection(connectionId),
  });
  window.on('closed', () => {
    backend.endConnection(connectionId);
    if (kioskWindow === window) kioskWindow = null;
    if (production) createWindow(backend); // a kiosk never closes; only the OS shell may stop it
  });
  void window.loadURL(`${appOrigin}/index.html`);
  return window;
}

function lockDownContents(contents: WebContents): void {
  contents.setWindowOpenHandler(windowOpenAction);
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, appOrigin)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url, appOrigin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    if (blocked('attach-webview')) event.preventDefault();
  });
  contents.on('before-input-event', (event, input) => {
    if (shortcutVerdict(input, { production }) === 'block') event.preventDefault();
  });
  contents.on('context-menu', (event) => {
    if (blocked('context-menu')) event.preventDefault();
  });
  if (blocked('devtools')) {
    contents.on('devtools-opened', () => contents.closeDevTools());
  }
}

app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
app.on('window-all-closed', () => {
  if (!production) app.quit();
});
