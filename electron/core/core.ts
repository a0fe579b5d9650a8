import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { z } from 'zod';
import type { EventName, EventPayload } from '../../shared/kiosk-api/contract';
import { createDispatcher, type Dispatcher } from './api/dispatch';
import type { KioskHandlers } from './api/handlers';
import { AppInfoService } from './app/app-info';
import type { CoreConfig } from './config';
import { openDatabase } from './db/open';
import { SettingsStore } from './db/settings';
import { FacilityLink, type HealthProbe } from './link/facility-link';
import { createLogger, type Logger } from './log';

export interface Core {
  readonly dispatcher: Dispatcher;
  /** Every kiosk API event core emits, for the host to forward to the renderer. */
  readonly events: EventEmitter<{ event: [EventName, unknown] }>;
  readonly appInfo: AppInfoService;
  close(): void;
}

const HealthResponse = z.object({ serverTime: z.number() });

function httpHealthProbe(serverUrl: string | null): HealthProbe {
  return async (signal) => {
    if (!serverUrl) throw new Error('not provisioned');
    const response = await fetch(new URL('/api/health', serverUrl), { signal });
    if (!response.ok) throw new Error(`health ${response.status}`);
    return HealthResponse.parse(await response.json());
  };
}

/** Builds the device's brain from its config. Plain Node: never imports electron. */
export function createCore(config: CoreConfig, log: Logger = createLogger('core')): Core {
  mkdirSync(config.dataDir, { recursive: true });
  const db = openDatabase({ file: join(config.dataDir, 'device.db'), key: Buffer.from(config.databaseKeyHex, 'hex') });
  const settings = new SettingsStore(db);
  const link = new FacilityLink({
    probe: httpHealthProbe(config.serverUrl),
    ...(config.healthIntervalMs ? { intervalMs: config.healthIntervalMs } : {}),
  });
  const appInfo = new AppInfoService(settings, link, config.appVersion);
  const events = new EventEmitter<{ event: [EventName, unknown] }>();
  const emit = <E extends EventName>(name: E, payload: EventPayload<E>) => events.emit('event', name, payload);
  appInfo.on('change', (info) => emit('app.info', info));

  const handlers: KioskHandlers = {
    'app.info': () => appInfo.info(),
    'app.setLanguage': ({ language }) => appInfo.setLanguage(language),
  };

  link.start();
  return {
    dispatcher: createDispatcher(handlers, log),
    events,
    appInfo,
    close() {
      link.stop();
      db.close();
    },
  };
}
