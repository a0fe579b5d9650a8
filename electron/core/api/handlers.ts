import type { CallName, CallOutput, ParsedCallInput } from '../../../shared/kiosk-api/contract';

/** Who is calling. Bridges never set this from renderer input; core owns the session. */
export interface CallContext {
  /** Monotonic id of the renderer connection, so a session can be tied to one window. */
  readonly connectionId: string;
}

export type CallHandler<K extends CallName> = (
  input: ParsedCallInput<K>,
  ctx: CallContext,
) => Promise<CallOutput<K>> | CallOutput<K>;

/** Core must implement every call of the contract; a missing one is a type error. */
export type KioskHandlers = { [K in CallName]: CallHandler<K> };
