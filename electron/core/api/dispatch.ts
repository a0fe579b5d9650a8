import { kioskCalls, parseCall } from '../../../shared/kiosk-api/contract';
import { KioskError, type KioskResult } from '../../../shared/kiosk-api/errors';
import type { CallContext, KioskHandlers } from './handlers';

export interface Dispatcher {
  dispatch(name: unknown, rawInput: unknown, ctx: CallContext): Promise<KioskResult>;
}

export interface DispatchLogger {
  error(message: string, detail?: Record<string, unknown>): void;
}

/**
 * Runs one call: validates the name and input against the contract, runs the
 * handler, and validates the output before it leaves core. Every failure becomes
 * a typed error envelope; nothing throws across the boundary.
 */
export function createDispatcher(handlers: KioskHandlers, log: DispatchLogger): Dispatcher {
  return {
    async dispatch(name, rawInput, ctx) {
      try {
        const call = parseCall(name, rawInput);
        const handler = handlers[call.name] as (input: unknown, ctx: CallContext) => unknown;
        const value = await handler(call.input, ctx);
        const output = kioskCalls[call.name].output.safeParse(value);
        if (!output.success) {
          log.error('core produced output that breaks the contract', { call: call.name, issues: output.error.issues });
          throw new KioskError({ code: 'internal', message: 'Something went wrong on this device.' });
        }
        return { ok: true, value: output.data };
      } catch (error) {
        if (!(error instanceof KioskError)) {
          log.error('call failed', { call: String(name), error: error instanceof Error ? error.stack : String(error) });
        }
        return { ok: false, error: KioskError.from(error).toPayload() };
      }
    },
  };
}
