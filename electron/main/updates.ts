/**
 * App updates from the facility server (no internet in a facility), with
 * electron-updater's generic provider. Three guards around it:
 * - the release manifest must carry the project's Ed25519 signature
 *   (update-signature.ts), and every installer hash electron-updater is about
 *   to trust must appear in that signed manifest;
 * - an update installs only when nobody can be signed in (update-policy.ts);
 * - a version that twice fails to become healthy is rolled back.
 */
import { app, powerMonitor } from 'electron';
import { autoUpdater, type UpdateInfo } from 'electron-updater';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  confirmBoot,
  defaultUpdatePolicy,
  evaluateBoot,
  isInstallable,
  mayInstallNow,
  type BootRecord,
} from '../host/updates/update-policy';
import { verifyManifestSignature } from '../host/updates/update-signature';

type Log = (message: string, detail?: Record<string, unknown>) => void;

const checkEveryMs = 60 * 60_000;
const installPollMs = 60_000;

function bootRecordFile(): string {
  return join(app.getPath('userData'), 'boot-record.json');
}

function readBootRecord(): BootRecord | null {
  try {
    return JSON.parse(readFileSync(bootRecordFile(), 'utf8')) as BootRecord;
  } catch {
    return null;
  }
}

function writeBootRecord(record: BootRecord): void {
  const file = bootRecordFile();
  writeFileSync(`${file}.tmp`, JSON.stringify(record));
  renameSync(`${file}.tmp`, file);
}

/** Where the AppImage we replace is kept, so a failed update can go back to it. */
function keptAppImage(version: string): string {
  return join(app.getPath('userData'), 'previous', `${version}.AppImage`);
}

/**
 * Runs before the window opens. Returns false when this start hands over to
 * the previous version (the caller then quits).
 */
export function checkBootHealth(log: Log): boolean {
  const verdict = evaluateBoot(readBootRecord(), app.getVersion());
  if (verdict.action === 'run') {
    writeBootRecord(verdict.record);
    return true;
  }
  const previous = keptAppImage(verdict.to);
  if (process.platform === 'linux' && process.env.APPIMAGE && existsSync(previous)) {
    log('update failed to start twice; rolling back', { from: app.getVersion(), to: verdict.to });
    // Put the old AppImage back in place of the failed one, then start it.
    copyFileSync(previous, process.env.APPIMAGE);
    spawn(process.env.APPIMAGE, [], { detached: true, stdio: 'ignore' }).unref();
    return false;
  }
  // Windows (NSIS) keeps no previous copy: report it and keep running; staff reinstall from DEPLOY.md.
  log('update failed to start twice and no previous version is kept here', { version: app.getVersion() });
  writeBootRecord(verdict.record);
  return true;
}

/** Called once core answered and the sign-in screen loaded: this version works here. */
export function confirmHealthyBoot(): void {
  const record = readBootRecord();
  if (record && !record.confirmed) writeBootRecord(confirmBoot(record));
}

function manifestName(): string {
  if (process.platform === 'win32') return 'latest.yml';
  if (process.platform === 'darwin') return 'latest-mac.yml';
  return 'latest-linux.yml';
}

async function fetchSignedManifest(feedUrl: string, publicKeyPem: string): Promise<string | null> {
  const name = manifestName();
  const [manifest, signature] = await Promise.all([
    fetch(new URL(name, feedUrl)).then((r) => (r.ok ? r.arrayBuffer() : null)),
    fetch(new URL(`${name}.sig`, feedUrl)).then((r) => (r.ok ? r.text() : null)),
  ]);
  if (!manifest || signature === null) return null;
  const bytes = Buffer.from(manifest);
  return verifyManifestSignature(bytes, signature, publicKeyPem) ? bytes.toString('utf8') : null;
}

/** Every installer electron-updater would accept must be one the signed manifest names. */
function matchesSignedManifest(info: UpdateInfo, signedManifest: string): boolean {
  return info.files.length > 0 && info.files.every((file) => signedManifest.includes(file.sha512));
}

export interface UpdaterOptions {
  /** The facility server's base URL; updates live under `${serverUrl}/updates/`. */
  readonly serverUrl: string;
  readonly publicKeyPem: string;
  /** The longest idle time after which core has surely ended every session. */
  readonly sessionIdleLimitMs: number;
  readonly log: Log;
}

export function startUpdater(options: UpdaterOptions): () => void {
  const feedUrl = new URL('/updates/', options.serverUrl).toString();
  autoUpdater.setFeedURL({ provider: 'generic', url: feedUrl });
  autoUpdater.autoDownload = false;
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.allowDowngrade = false;
  let downloaded = false;

  const check = async () => {
    const signed = await fetchSignedManifest(feedUrl, options.publicKeyPem);
    if (!signed) {
      options.log('update manifest missing or its signature is not valid; nothing downloaded');
      return;
    }
    const result = await autoUpdater.checkForUpdates();
    const info = result?.updateInfo;
    if (!result?.isUpdateAvailable || !info) return;
    if (!isInstallable(info.version, readBootRecord())) {
      options.log('update skipped: this version failed to start here before', { version: info.version });
      return;
    }
    if (!matchesSignedManifest(info, signed)) {
      options.log('update refused: installer hash not in the signed manifest', { version: info.version });
      return;
    }
    await autoUpdater.downloadUpdate();
    downloaded = true;
    options.log('update downloaded and verified; waiting for the install window', { version: info.version });
  };

  const maybeInstall = () => {
    const idleMs = powerMonitor.getSystemIdleTime() * 1000;
    const context = {
      downloaded,
      // Core ends every session after the facility idle timeout, so a device idle past it has none.
      sessionActive: idleMs < options.sessionIdleLimitMs,
      idleMs,
      localHour: new Date().getHours(),
      policy: defaultUpdatePolicy,
    };
    if (!mayInstallNow(context)) return;
    if (process.platform === 'linux' && process.env.APPIMAGE) {
      const kept = keptAppImage(app.getVersion());
      mkdirSync(join(kept, '..'), { recursive: true });
      copyFileSync(process.env.APPIMAGE, kept);
    }
    options.log('installing update');
    autoUpdater.quitAndInstall(true, true);
  };

  const runCheck = () =>
    void check().catch((error: unknown) => options.log('update check failed', { error: String(error) }));
  runCheck();
  const checkTimer = setInterval(runCheck, checkEveryMs);
  const installTimer = setInterval(maybeInstall, installPollMs);
  return () => {
    clearInterval(checkTimer);
    clearInterval(installTimer);
  };
}
