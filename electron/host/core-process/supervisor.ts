import { EventEmitter } from 'node:events';
import type { KioskResult } from '../../../shared/kiosk-api/errors';
import type { CoreConfig } from '../../../shared/core-host/config';
import { FromCore, type FacilityServer, type MediaFile, type ToCore } from '../../../shared/core-host/messages';
import type { SyncFaultPoint } from '../../../shared/core-host/fault-points';

/** The host's view of a running core process, whatever started it. */
export interface CorePort {
  postMessage(message: ToCore): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null) => void): void;
  /** SIGTERM by default; tests use SIGKILL to simulate a crash. */
  kill(signal?: NodeJS.Signals): void;
}

export type SpawnCore = () => CorePort;

export interface CoreSupervisorEvents {
  event: [name: string, payload: unknown, connectionId: string | undefined];
  connection: ['connected' | 'reconnecting'];
  crash: [code: number | null];
  /** Fault tests only: the running core reached an instrumented point of a sync. */
  'fault-point': [point: SyncFaultPoint];
  /** The facility server the device is enrolled with, when core starts and whenever it changes. */
  facility: [server: FacilityServer | null];
}

const unavailable: KioskResult = {
  ok: false,
  error: { code: 'unavailable', message: 'The device is reconnecting. Try again in a moment.' },
};

/**
 * Starts core, relays calls to it, and restarts it when it dies (with a capped
 * backoff), so a crash in core shows as "reconnecting" in the UI, never as a
 * blank screen. Calls in flight when core dies fail with `unavailable`; nothing
 * is retried behind the caller's back, because only the caller knows whether a
 * call is safe to repeat.
 */
export class CoreSupervisor extends EventEmitter<CoreSupervisorEvents> {
  private port: CorePort | null = null;
  private ready = false;
  private nextId = 1;
  private readonly pending = new Map<number, (result: KioskResult) => void>();
  private readonly pendingMedia = new Map<number, (file: MediaFile | null) => void>();
  private readonly waitingForReady: Array<() => void> = [];
  private restarts = 0;
  private stopped = false;

  constructor(
    private readonly spawn: SpawnCore,
    /** A function is asked again at every (re)start: after a wipe the host hands core a fresh key. */
    private readonly config: CoreConfig | (() => CoreConfig),
    private readonly callTimeoutMs = 30_000,
  ) {
    super();
  }

  start(): void {
    this.stopped = false;
    this.launch();
  }

  stop(): void {
    this.stopped = true;
    this.port?.kill();
    this.port = null;
  }

  get isReady(): boolean {
    return this.ready;
  }

  async invoke(name: string, input: unknown, connectionId: string): Promise<KioskResult> {
    if (!this.ready) await this.waitReady(5_000);
    const port = this.port;
    if (!port || !this.ready) return unavailable;
    const id = this.nextId++;
    return new Promise<KioskResult>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ ok: false, error: { code: 'unavailable', message: 'The device took too long to answer.' } });
      }, this.callTimeoutMs);
      this.pending.set(id, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
      port.postMessage({ type: 'call', id, name, input, connectionId });
    });
  }

  /** The file behind a media URL token, or null (unknown token, not allowed, or not downloadable now). */
  /** Ends the session of a renderer connection that is gone; a core that is down has no sessions to end. */
  endConnection(connectionId: string): void {
    if (this.port && this.ready) this.port.postMessage({ type: 'end-connection', connectionId });
  }

  async resolveMedia(token: string, connectionId: string): Promise<MediaFile | null> {
    if (!this.ready) await this.waitReady(5_000);
    const port = this.port;
    if (!port || !this.ready) return null;
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pendingMedia.delete(id);
        resolve(null);
      }, 120_000);
      this.pendingMedia.set(id, (file) => {
        clearTimeout(timer);
        resolve(file);
      });
      port.postMessage({ type: 'media', id, token, connectionId });
    });
  }

  private waitReady(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waitingForReady.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private launch(): void {
    const port = this.spawn();
    this.port = port;
    port.onMessage((raw) => this.onMessage(port, raw));
    port.onExit((code) => this.onExit(port, code));
    port.postMessage({ type: 'init', config: typeof this.config === 'function' ? this.config() : this.config });
  }

  private onMessage(port: CorePort, raw: unknown): void {
    if (port !== this.port) return;
    const parsed = FromCore.safeParse(raw);
    if (!parsed.success) return;
    const message = parsed.data;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.restarts = 0;
        this.emit('connection', 'connected');
        this.waitingForReady.splice(0).forEach((wake) => wake());
        break;
      case 'init-failed':
        port.kill();
        break;
      case 'result':
        this.pending.get(message.id)?.(message.result);
        this.pending.delete(message.id);
        break;
      case 'event':
        this.emit('event', message.name, message.payload, message.connectionId);
        break;
      case 'media-result':
        this.pendingMedia.get(message.id)?.(message.file);
        this.pendingMedia.delete(message.id);
        break;
      case 'fault-point':
        this.emit('fault-point', message.point);
        break;
      case 'facility':
        this.emit('facility', message.server);
        break;
    }
  }

  private onExit(port: CorePort, code: number | null): void {
    if (port !== this.port) return;
    this.ready = false;
    this.port = null;
    for (const resolve of this.pending.values()) resolve(unavailable);
    this.pending.clear();
    for (const resolve of this.pendingMedia.values()) resolve(null);
    this.pendingMedia.clear();
    if (this.stopped) return;
    this.emit('crash', code);
    this.emit('connection', 'reconnecting');
    const delay = Math.min(10_000, 250 * 2 ** this.restarts++);
    setTimeout(() => {
      if (!this.stopped) this.launch();
    }, delay).unref();
  }
}
