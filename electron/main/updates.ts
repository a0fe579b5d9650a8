/**
 * App updates from the facility server the device enrolled with (no internet
 * in a facility), through its pinned certificate, with electron-updater's
 * generic provider. Guards around it:
 * - a release statement signed with the project's Ed25519 key (version, file
 *   names, SHA-512s, minimum version: release-statement.ts) must agree with
 *   electron-updater's feed, name a version greater than the one running and
 *   not under the highest minimum seen; a rollback is only ever the device's
 *   own, after a failed update;
 * - an update installs only when nobody can be signed in (update-policy.ts);
 * - a version that twice fails to become healthy is rolled back.
 */
import { app, powerMonitor, session } from 'electron';
import { autoUpdater } from 'electron-updater';
import { NET_SESSION_NAME } from 'electron-updater/out/electronHttpExecutor';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  confirmBoot,
  defaultUpdatePolicy,
  evaluateBoot,
  mayInstallNow,
  type BootRecord,
} from '../host/updates/update-policy';
import {
  decideUpdate,
  electronFingerprint,
  readSignedRelease,
  type ReleaseStatement,
} from '../host/updates/release-statement';
import type { FacilityServer } from '../../shared/core-host/messages';

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

/** Where the highest signed minimum version seen is kept (never lowered): the floor of decideUpdate. */
function floorFile(): string {
  return join(app.getPath('userData'), 'update-floor.json');
}

function readFloor(): string | null {
  try {
    const value: unknown = JSON.parse(readFileSync(floorFile(), 'utf8'));
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** The signed release statement (release.json + release.json.sig) from the feed, through the pinned session. */
async function fetchSignedRelease(
  get: (url: string) => Promise<Response>,
  feedUrl: string,
  publicKeyPem: string,
): Promise<ReleaseStatement | null> {
  const [statement, signature] = await Promise.all([
    get(new URL('release.json', feedUrl).toString()).then((r) => (r.ok ? r.arrayBuffer() : null)),
    get(new URL('release.json.sig', feedUrl).toString()).then((r) => (r.ok ? r.text() : null)),
  ]);
  if (!statement || signature === null) return null;
  return readSignedRelease(Buffer.from(statement), signature, publicKeyPem);
}

export interface UpdaterOptions {
  /** The facility server the device enrolled with (and its pin); updates live under `${url}/updates/`. */
  readonly server: FacilityServer;
  readonly publicKeyPem: string;
  /** The longest idle time after which core has surely ended every session. */
  readonly sessionIdleLimitMs: number;
  readonly log: Log;
}

/**
 * Every request of the updater (ours and electron-updater's, which uses the `electron-updater` session
 * partition) goes only to the enrolled server's pinned certificate. Returns false when the pin is unusable.
 */
function pinUpdaterSession(server: FacilityServer): Electron.Session | null {
  const ses = session.fromPartition(NET_SESSION_NAME, { cache: false });
  if (server.fingerprint === null) return ses; // a plain-http dev server: the signature still guards what installs
  const pin = electronFingerprint(server.fingerprint);
  if (!pin) return null;
  ses.setCertificateVerifyProc((request, callback) => callback(request.certificate.fingerprint === pin ? 0 : -2));
  return ses;
}

export function startUpdater(options: UpdaterOptions): () => void {
  const ses = pinUpdaterSession(options.server);
  if (!ses) {
    options.log('update check off: the enrolled certificate pin is not usable');
    return () => undefined;
  }
  const feedUrl = new URL('/updates/', options.server.url).toString();
  autoUpdater.setFeedURL({ provider: 'generic', url: feedUrl });
  autoUpdater.autoDownload = false;
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.allowDowngrade = false;
  let downloaded = false;

  const check = async () => {
    const statement = await fetchSignedRelease((url) => ses.fetch(url), feedUrl, options.publicKeyPem);
    if (!statement) {
      options.log('signed release statement missing or its signature is not valid; nothing downloaded');
      return;
    }
    const result = await autoUpdater.checkForUpdates();
    const info = result?.updateInfo;
    if (!result?.isUpdateAvailable || !info) return;
    const decision = decideUpdate({
      statement,
      offered: { version: info.version, files: info.files.map(({ url, sha512 }) => ({ url, sha512 })) },
      running: app.getVersion(),
      floor: readFloor(),
      rejectedVersions: readBootRecord()?.rejectedVersions ?? [],
    });
    if (!decision.install) {
      options.log('update refused', { version: info.version, reason: decision.reason });
      return;
    }
    writeFileSync(`${floorFile()}.tmp`, JSON.stringify(decision.floor));
    renameSync(`${floorFile()}.tmp`, floorFile());
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
