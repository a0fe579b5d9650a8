import type { CallInput, CallName, CallOutput, EventName, EventPayload } from './contract';
import { KioskError } from './errors';

/**
 * What a transport must do: carry one call and return its result envelope, and
 * deliver events. The Electron preload bridge and the preview host's HTTP/WS
 * client both implement it; nothing above this line knows which one it has.
 */
export interface KioskTransport {
  invoke(name: string, input: unknown): Promise<unknown>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
  /** Connection to core: 'reconnecting' while core restarts or the bridge is down. */
  onConnectionChange?(listener: (state: 'connected' | 'reconnecting') => void): () => void;
  /** Recorded media (a videogram) goes around the JSON calls; returns the envelope with `{ uploadId }`. */
  upload?(bytes: ArrayBuffer, type: string): Promise<unknown>;
}

export interface KioskClient {
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  onConnectionChange(listener: (state: 'connected' | 'reconnecting') => void): () => void;
  upload(bytes: ArrayBuffer, type: string): Promise<string>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * A typed client over any transport. It imports the contract for types only:
 * schemas are enforced where trust changes (the bridges check every input,
 * core checks every output), and zod stays out of the renderer's first bundle.
 */
export function createKioskClient(transport: KioskTransport): KioskClient {
  return {
    async call(name, input) {
      const raw = await transport.invoke(name, input);
      if (!isRecord(raw) || typeof raw.ok !== 'boolean') {
        throw new KioskError({ code: 'internal', message: `Malformed reply to ${name}` });
      }
      if (!raw.ok) {
        throw KioskError.from(raw.error);
      }
      return raw.value as CallOutput<typeof name>;
    },
    on(event, listener) {
      return transport.subscribe((name, payload) => {
        if (name === event) listener(payload as EventPayload<typeof event>);
      });
    },
    onConnectionChange(listener) {
      return transport.onConnectionChange?.(listener) ?? (() => undefined);
    },
    async upload(bytes, type) {
      if (!transport.upload) throw new KioskError({ code: 'unknown_call', message: 'Uploads are not available here.' });
      const raw = await transport.upload(bytes, type);
      if (!isRecord(raw) || raw.ok !== true || !isRecord(raw.value) || typeof raw.value.uploadId !== 'string') {
        throw KioskError.from(isRecord(raw) ? raw.error : null);
      }
      return raw.value.uploadId;
    },
  };
}
