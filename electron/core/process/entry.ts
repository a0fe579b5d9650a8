/**
 * Entry point of the core process. Electron main starts it as a utilityProcess
 * (messages on process.parentPort); the preview host and the fault tests fork it
 * as a plain Node child (messages on process.send). Either way it is the same code.
 */
import { createCore, type Core } from '../core';
import { createLogger } from '../log';
import type { SyncFaultPoint } from '../../../shared/core-host/fault-points';
import type { FromCore } from '../../../shared/core-host/messages';
import { ToCore } from '../../../shared/core-host/messages';

interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const log = createLogger('core-process');
const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;

const send = (message: FromCore): void => {
  if (parentPort) parentPort.postMessage(message);
  else process.send?.(message);
};

let core: Core | null = null;

/**
 * Fault tests only (a plain Node child, never Electron's utilityProcess):
 * KIOSK_FAULT_POINTS=<ms> makes core report each instrumented point of a sync
 * to the host and then hold still for <ms>, so a kill -9 sent on that report
 * lands exactly there (inside a pull page's open transaction, between the
 * server applying a push and the device recording its answers, ...).
 */
const faultPauseMs = parentPort ? NaN : Number(process.env.KIOSK_FAULT_POINTS ?? NaN);
const syncFaultPoint = Number.isFinite(faultPauseMs)
  ? (point: SyncFaultPoint) => {
      send({ type: 'fault-point', point });
      if (faultPauseMs > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, faultPauseMs);
    }
  : undefined;

async function onMessage(raw: unknown): Promise<void> {
  const parsed = ToCore.safeParse(raw);
  if (!parsed.success) {
    log.warn('ignored malformed message from host');
    return;
  }
  const message = parsed.data;
  if (message.type === 'init') {
    if (core) return;
    try {
      core = createCore(message.config, log, syncFaultPoint ? { syncFaultPoint } : {});
      core.events.on('event', (name, payload, connectionId) =>
        send({ type: 'event', name, payload, ...(connectionId === undefined ? {} : { connectionId }) }),
      );
      send({ type: 'ready' });
      send({ type: 'facility', server: core.facility() });
      core.onFacilityChange((server) => send({ type: 'facility', server }));
    } catch (error) {
      log.error('core failed to start', { error: error instanceof Error ? error.message : String(error) });
      send({ type: 'init-failed', message: error instanceof Error ? error.message : String(error) });
    }
    return;
  }
  if (message.type === 'end-connection') {
    core?.endConnection(message.connectionId);
    return;
  }
  if (!core) {
    if (message.type === 'media') {
      send({ type: 'media-result', id: message.id, file: null });
      return;
    }
    send({
      type: 'result',
      id: message.id,
      result: { ok: false, error: { code: 'unavailable', message: 'The device is starting.' } },
    });
    return;
  }
  if (message.type === 'media') {
    send({ type: 'media-result', id: message.id, file: await core.resolveMedia(message.token, message.connectionId) });
    return;
  }
  const result = await core.dispatcher.dispatch(message.name, message.input, { connectionId: message.connectionId });
  send({ type: 'result', id: message.id, result });
}

if (parentPort) parentPort.on('message', (event) => void onMessage(event.data));
else process.on('message', (raw) => void onMessage(raw));

const shutdown = (): void => {
  core?.close();
  process.exit(0);
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
process.on('disconnect', shutdown);
