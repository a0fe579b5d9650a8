import type { z } from 'zod';
import { appCalls, appEvents } from './calls/app';
import { inmateCalls, inmateEvents } from './calls/inmate';
import { technicianCalls, technicianEvents } from './calls/technician';
import type { CallSpec } from './define';
import { KioskError, validationError } from './errors';

/**
 * The whole kiosk API: every call the renderer can make and every event it can
 * receive. Both transports (Electron IPC and the preview host) and the core
 * implementation are typed from this one object, so a renamed field breaks the
 * build rather than the kiosk.
 */
export const kioskCalls = {
  ...appCalls,
  ...technicianCalls,
  ...inmateCalls,
} satisfies Record<string, CallSpec>;

export const kioskEvents = {
  ...appEvents,
  ...technicianEvents,
  ...inmateEvents,
} satisfies Record<string, z.ZodType>;

export type CallName = keyof typeof kioskCalls;
export type EventName = keyof typeof kioskEvents;
export type CallInput<K extends CallName> = z.input<(typeof kioskCalls)[K]['input']>;
export type ParsedCallInput<K extends CallName> = z.output<(typeof kioskCalls)[K]['input']>;
export type CallOutput<K extends CallName> = z.output<(typeof kioskCalls)[K]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof kioskEvents)[E]>;

export const callNames = Object.keys(kioskCalls) as CallName[];

function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(kioskCalls, name);
}

/**
 * The check every bridge runs before anything reaches core: a known call name
 * and an input that matches its schema. Throws a typed KioskError otherwise.
 */
export function parseCall(name: unknown, rawInput: unknown): { name: CallName; input: unknown } {
  if (!isCallName(name)) {
    throw new KioskError({ code: 'unknown_call', message: `Unknown call: ${String(name).slice(0, 80)}` });
  }
  const parsed = kioskCalls[name].input.safeParse(rawInput);
  if (!parsed.success) throw validationError(parsed.error, `input for ${name}`);
  return { name, input: parsed.data };
}
