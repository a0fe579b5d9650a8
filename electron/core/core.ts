import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { kioskEvents, type EventName, type EventPayload } from '../../shared/kiosk-api/contract';
import { uuidv7 } from 'uuidv7';
import { createCoreLog } from './core-log';
import { createDispatcher, type Dispatcher } from './api/dispatch';
import type { KioskHandlers } from './api/handlers';
import { AppInfoService } from './app/app-info';
import type { CoreConfig } from '../../shared/core-host/config';
import { openOrRebuild } from './db/open-or-rebuild';
import { SealedBox } from './db/sealed-box';
import { OutboxJournal } from './sync/outbox-journal';
import { SettingsStore } from './db/settings';
import { FacilityLink } from './link/facility-link';
import { facilityTarget, httpHealthProbe } from './link/facility-target';
import { fetchMessageTrail, fetchTechnicianTrail } from './sync/message-trail';
import { createLogger, type Logger } from './log';
import { autoEnroll } from './provisioning/auto-enroll';
import { EnrollmentStore, type DeviceCredential } from './provisioning/enrollment-store';
import { Provisioner } from './provisioning/provisioner';
import { AuditLog } from './technician/audit-log';
import { collectDiagnostics, type Diagnostics } from './technician/diagnostics';
import { DiagnosticsReporter } from './technician/diagnostics-report';
import { InmateAuth } from './auth/inmate-auth';
import { Sessions } from './auth/sessions';
import { CacheStore } from './cache/cache-store';
import { backgroundIndexer, MessageSearchIndex } from './cache/message-search';
import { DraftJournal, draftsInDatabase, restoreDrafts } from './inmate/draft-journal';
import { inmateHandlers } from './inmate/inmate-handlers';
import { MediaTokens } from './inmate/media-tokens';
import { mediaResolver } from './inmate/resolve-media';
import { mediaHousekeeping } from './media/housekeeping';
import { MediaCache } from './media/media-cache';
import { DEFAULT_MEDIA_QUOTA_BYTES } from './media/media-gc';
import { mediaMasterKey } from '../../shared/node/sealed-media';
import type { FacilityServer, MediaFile } from '../../shared/core-host/messages';
import { ChangeQuarantine } from './sync/change-quarantine';
import { Outbox } from './sync/outbox';
import { restoreOutboxFromJournal } from './sync/outbox-restore';
import { mergeReports } from './sync/pending-reports';
import { SyncEngine, type SyncTarget } from './sync/sync-engine';
import type { SyncFaultPoint } from '../../shared/core-host/fault-points';
import { sqliteLockoutStore } from './auth/lockout-store';
import { TechnicianAuth } from './technician/technician-auth';
import { technicianReports } from './technician/technician-reports';
import { technicianHandlers } from './technician/technician-service';
import { wipeDevice } from './technician/wipe';

export interface Core {
  readonly dispatcher: Dispatcher;
  /** Every kiosk API event core emits, for the host to forward to the renderer. */
  /** Events with a connection id are for that renderer connection only (its session); the rest for all. */
  readonly events: EventEmitter<{ event: [EventName, unknown, string | undefined] }>;
  readonly appInfo: AppInfoService;
  /**
   * A media token from a URL core handed out → the verified file (downloaded now if needed), or null.
   * Only for the connection the URL was handed to, while its session is the one that received it.
   */
  resolveMedia(token: string, connectionId: string): Promise<MediaFile | null>;
  /** The facility server this device is enrolled with and its pin (the host fetches updates from it). */
  facility(): FacilityServer | null;
  onFacilityChange(listener: (server: FacilityServer | null) => void): void;
  /** The host's word that a renderer connection is gone: its session (and its media URLs) end now. */
  endConnection(connectionId: string): void;
  close(): void;
}

/** Test instrumentation a host may pass in (fault tests only; never set in the product). */
export interface CoreHooks {
  readonly syncFaultPoint?: (point: SyncFaultPoint) => void;
}

/** Builds the device's brain from its config. Plain Node: never imports electron. */
export function createCore(config: CoreConfig, hostLog: Logger = createLogger('core'), hooks: CoreHooks = {}): Core {
  mkdirSync(config.dataDir, { recursive: true });
  const { log, logFile, recentErrors } = createCoreLog(config.dataDir, hostLog);
  const mediaDir = join(config.dataDir, 'media');
  const databaseKey = Buffer.from(config.databaseKeyHex, 'hex');
  const { db, rebuilt } = openOrRebuild(join(config.dataDir, 'device.db'), databaseKey, log);
  const settings = new SettingsStore(db);
  let credential: DeviceCredential | null = null;
  const target = () => facilityTarget(credential, config);
  const link = new FacilityLink({
    probe: httpHealthProbe(target),
    ...(config.healthIntervalMs ? { intervalMs: config.healthIntervalMs } : {}),
  });
  const cache = new CacheStore(db);
  const appInfo = new AppInfoService(
    settings,
    link,
    config.appVersion,
    () => cache.all('facilities')[0]?.timeZone ?? null,
  );
  const enrollment = new EnrollmentStore(settings, appInfo, {
    file: join(config.dataDir, 'credential.sealed'),
    box: new SealedBox(databaseKey, 'device credential'),
  });
  credential = rebuilt ? enrollment.restore() : enrollment.get();
  const events = new EventEmitter<{ event: [EventName, unknown, string | undefined] }>();
  // Events are checked against the contract like call outputs: a payload the renderer could not read is
  // logged and never sent. With a connection id, an event is for that connection's screen only.
  const emit = <E extends EventName>(name: E, payload: EventPayload<E>, connectionId?: string) => {
    const checked = kioskEvents[name].safeParse(payload);
    if (checked.success) events.emit('event', name, checked.data, connectionId);
    else log.error('event payload breaks the contract; not sent', { event: name, issues: checked.error.issues });
  };
  appInfo.on('change', (info) => emit('app.info', info));

  const provisioner = new Provisioner();
  const audit = new AuditLog(db, Date.now);
  const journal = new OutboxJournal(
    join(config.dataDir, 'outbox.journal'),
    new SealedBox(databaseKey, 'outbox journal'),
  );
  const outbox = new Outbox(db, journal);
  // Sealed at rest under a key derived from the database key: the crypto-erase of that key covers media too.
  const media = new MediaCache(
    db,
    mediaDir,
    mediaMasterKey(databaseKey),
    config.mediaQuotaBytes ?? DEFAULT_MEDIA_QUOTA_BYTES,
  );
  if (rebuilt) restoreOutboxFromJournal({ db, journal, outbox, media, log });
  const draftJournal = new DraftJournal(
    join(config.dataDir, 'drafts.journal'),
    new SealedBox(databaseKey, 'drafts journal'),
    log,
    () => draftsInDatabase(db),
  );
  if (rebuilt) {
    // What was typed and not sent lived only in the old cache; the journal has it.
    const drafts = draftJournal.read();
    restoreDrafts(db, drafts);
    log.warn('drafts restored from their journal after a cache rebuild', { drafts: drafts.length });
  }
  // Rewritten from the database at every start: drops a line torn by the last crash (an append after it
  // would be lost with it) and picks up drafts saved before this journal existed.
  draftJournal.compact();
  const tokens = new MediaTokens();
  const incomingDir = join(config.dataDir, 'incoming');
  mkdirSync(incomingDir, { recursive: true });
  const { collectUploads, collectGarbage } = mediaHousekeeping({ db, media, tokens, incomingDir, log });
  // Also at start: a device that cannot sync never reaches the after-sync pass. (Not the media pass: a
  // rebuilt cache references nothing until its first sync.)
  collectUploads();
  const sessions = new Sessions();
  const technicianAuth = new TechnicianAuth({
    // Technician credentials arrive with sync: until the first sync there are none, so nobody can sign in.
    technicians: () => cache.all('technicians'),
    now: Date.now,
    lockouts: sqliteLockoutStore(db),
  });
  const syncTarget = (): SyncTarget | null => {
    const server = target();
    if (!credential || !server) return null;
    return { ...server, authorization: EnrollmentStore.authorization(credential), fingerprint: credential.fingerprint };
  };
  const diagnostics = (): Promise<Diagnostics> =>
    collectDiagnostics({
      db,
      dataDir: config.dataDir,
      mediaDir,
      appVersion: config.appVersion,
      identity: () => ({
        deviceId: credential?.deviceId ?? null,
        facilityName: credential?.facilityName ?? null,
        unitName: credential?.unitId ? (cache.get('units', credential.unitId)?.name ?? null) : null,
        mode: credential?.mode ?? 'unprovisioned',
      }),
      syncStats: () => ({
        lastSyncAt: sync.status().lastSyncAt,
        lastSyncDurationMs: sync.lastSyncDurationMs(),
        outboxDepth: outbox.depth(),
        quarantinedChanges: new ChangeQuarantine(settings).state().total,
      }),
      measureLatency: async () => {
        const started = performance.now();
        const state = await link.check();
        return state.online ? Math.round(performance.now() - started) : null;
      },
      recentErrors: () => recentErrors,
    });
  const diagnosticsReporter = new DiagnosticsReporter({
    collect: diagnostics,
    settings,
    deviceId: () => credential?.deviceId ?? null,
    ...(config.diagnosticsIntervalMs ? { intervalMs: config.diagnosticsIntervalMs } : {}),
    log,
  });
  const sync = new SyncEngine({
    db,
    cache,
    outbox,
    media,
    settings,
    log,
    target: syncTarget,
    // The audit trail, and now and then how the device is (the staff console's device health).
    reports: mergeReports(audit, diagnosticsReporter),
    ...(hooks.syncFaultPoint ? { faultPoint: hooks.syncFaultPoint } : {}),
  });
  sync.on('status', (status) => {
    emit('sync.status', status);
    if (status.state !== 'syncing') appInfo.setSyncFailing(status.state !== 'idle');
    if (status.state === 'idle') appInfo.facilityMayHaveChanged();
  });
  // After each successful sync the cache knows what is still referenced: trim the media folder to the quota.
  // And the messages it brought become searchable (indexed in bulk, a chunk at a time, see message-search.ts).
  const indexInBackground = backgroundIndexer(new MessageSearchIndex(db), log);
  sync.on('status', (status) => {
    if (status.state !== 'idle') return;
    collectGarbage();
    indexInBackground();
  });
  sync.on('applied', (count) => {
    if (count > 0) {
      emit('inbox.changed', {});
      emit('outbox.changed', {});
    }
  });
  // A push's answers change what the Sent screen shows (sent, refused with its reason) even when the pull brings nothing.
  sync.on('settled', () => emit('outbox.changed', {}));
  // Back online: sync at once instead of waiting for the next interval.
  link.on('change', (state) => {
    if (state.online) sync.trigger(0);
  });
  // A session's events go to its own screen only: another person at another screen must not see them.
  sessions.on('expiring', (connection, secondsLeft) => emit('session.expiring', { secondsLeft }, connection));
  sessions.on('ending', (connection, secondsLeft) => emit('session.ending', { secondsLeft }, connection));
  // Connections the host reported gone: their session ends without telling anyone (the renderer that
  // would care is gone).
  const releasing = new Set<string>();
  sessions.on('ended', (connection, reason) => {
    tokens.revokeConnection(connection);
    if (releasing.has(connection)) return;
    emit('session.ended', { reason }, connection);
  });
  const auth = new InmateAuth({
    db,
    cache,
    sessions,
    mode: () => appInfo.info().deviceMode,
    queuePinOp: (inmateId, op) => outbox.add({ id: uuidv7(), inmateId, op, createdAt: Date.now() }),
  });
  const facilityChanges = new EventEmitter<{ change: [FacilityServer | null] }>();
  const facility = (): FacilityServer | null =>
    credential ? { url: credential.serverUrl, fingerprint: credential.fingerprint || null } : null;
  const completeEnrollment = (result: Parameters<EnrollmentStore['save']>[0]) => {
    credential = enrollment.save(result);
    facilityChanges.emit('change', facility());
    void link.check();
    sync.start();
  };

  const handlers: KioskHandlers = {
    'app.info': () => appInfo.info(),
    'app.setLanguage': ({ language }) => appInfo.setLanguage(language),
    ...inmateHandlers({
      db,
      cache,
      outbox,
      sessions,
      auth,
      media,
      tokens,
      sync,
      incomingDir,
      draftJournal,
      emit: (name) => emit(name, {}),
      fetchTrail: (id) => fetchMessageTrail(syncTarget(), id),
      reportProblem: (message) => log.error(message),
    }),
    ...technicianHandlers({
      provisioner,
      auth: technicianAuth,
      audit,
      appVersion: config.appVersion,
      log,
      isProvisioned: () => credential !== null,
      deviceId: () => credential?.deviceId ?? null,
      completeEnrollment,
      diagnostics,
      syncNow: async () => {
        try {
          await sync.syncNow();
          return { ok: true, detail: 'synced' };
        } catch (error) {
          return { ok: false, detail: error instanceof Error ? error.message : String(error) };
        }
      },
      clearMediaCache: () => ({ removedBytes: media.clear() }),
      sendReports: technicianReports({ audit, logFile, sync }),
      forgetEnrollment: () => {
        sync.stop();
        enrollment.clear();
        credential = null;
        facilityChanges.emit('change', null);
      },
      wipe: () => {
        link.stop();
        db.close();
        wipeDevice({ keyFile: config.keyFile ?? join(config.dataDir, 'missing.key'), dataDir: config.dataDir });
        // The host restarts core, which finds no key and starts over as a new, unprovisioned device.
        process.exit(0);
      },
      startMaintenance: (minutes) => emit('technician.maintenance', { until: Date.now() + minutes * 60_000 }),
      fetchTrail: (id, technicianId) => fetchTechnicianTrail(syncTarget(), id, technicianId),
      outboxWrittenAt: (id) => outbox.get(id)?.createdAt ?? null,
    }),
  };

  // Demo and dev: enroll by ourselves with the code the embedded demo facility handed over.
  if (!credential && config.autoEnrollCode && config.serverUrl) {
    const { autoEnrollCode: code, serverUrl: serverAddress, appVersion } = config;
    void autoEnroll({ provisioner, serverAddress, code, appVersion, log, complete: completeEnrollment });
  }

  link.start();
  if (credential) sync.start();
  return {
    dispatcher: createDispatcher(handlers, log),
    events,
    appInfo,
    facility,
    onFacilityChange: (listener) => void facilityChanges.on('change', listener),
    resolveMedia: mediaResolver({ tokens, sessions, media, syncTarget, log }),
    endConnection(connectionId) {
      // The renderer that held it is gone: to the session, that is the same as signing out.
      releasing.add(connectionId);
      try {
        sessions.end(connectionId, 'signed_out');
      } finally {
        releasing.delete(connectionId);
      }
      tokens.revokeConnection(connectionId);
      technicianAuth.signOut(connectionId);
    },
    close() {
      sync.stop();
      sessions.close();
      link.stop();
      db.close();
    },
  };
}
