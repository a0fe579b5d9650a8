import {
  isEventName,
  parseCallOutput,
  parseEvent,
  type CallInput,
  type CallName,
  type CallOutput,
  type EventName,
  type EventPayload,
} from './contract';
import { KioskError, KioskResult } from './errors';

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
}

export interface KioskClient {
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  onConnectionChange(listener: (state: 'connected' | 'reconnecting') => void): () => void;
}

/** A typed client over any transport. Outputs are validated too: the renderer trusts nothing it did not check. */
export function createKioskClient(transport: KioskTransport): KioskClient {
  return {
    async call(name, input) {
      const raw = await transport.invoke(name, input);
      const result = KioskResult.safeParse(raw);
      if (!result.success) {
        throw new KioskError({ code: 'internal', message: `Malformed reply to ${name}` });
      }
      if (!result.data.ok) throw new KioskError(result.data.error);
      return parseCallOutput(name, result.data.value);
    },
    on(event, listener) {
      return transport.subscribe((name, payload) => {
        if (name !== event || !isEventName(name)) return;
        try {
          listener(parseEvent(event, payload));
        } catch {
          // A malformed event is dropped: the next app.info call resynchronises the view.
        }
      });
    },
    onConnectionChange(listener) {
      return transport.onConnectionChange?.(listener) ?? (() => undefined);
    },
  };
}
