import { parseCall } from '../../../shared/kiosk-api/contract';
import { KioskError, type KioskResult } from '../../../shared/kiosk-api/errors';
import type { KioskBackend } from './backend';

/**
 * The check both bridges run on every call before it reaches core: the name must
 * be in the contract and the input must match its schema. Core validates again;
 * a bridge never forwards what it could not parse.
 */
export async function bridgeCall(
  backend: KioskBackend,
  name: unknown,
  rawInput: unknown,
  connectionId: string,
): Promise<KioskResult> {
  let call: { name: string; input: unknown };
  try {
    call = parseCall(name, rawInput);
  } catch (error) {
    return { ok: false, error: KioskError.from(error).toPayload() };
  }
  return backend.invoke(call.name, call.input, connectionId);
}
