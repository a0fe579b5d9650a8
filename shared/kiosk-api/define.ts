import type { z } from 'zod';

/** Who may make a call: anyone at the kiosk, a signed-in inmate, or a technician. */
type CallAccess = 'public' | 'inmate' | 'technician';

export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly access: CallAccess;
}

/** Identity helper that keeps the literal schema types of a call for inference. */
export function defineCall<I extends z.ZodType, O extends z.ZodType>(spec: CallSpec<I, O>): CallSpec<I, O> {
  return spec;
}
