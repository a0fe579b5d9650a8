import { z } from 'zod';
import { KioskResultSchema } from '../../../shared/kiosk-api/result-schema';
import { CoreConfig } from '../config';

/** Host → core. */
export const ToCore = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), config: CoreConfig }),
  z.object({
    type: z.literal('call'),
    id: z.number().int(),
    name: z.string(),
    input: z.unknown(),
    connectionId: z.string(),
  }),
]);
export type ToCore = z.infer<typeof ToCore>;

/** Core → host. */
export const FromCore = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('init-failed'), message: z.string() }),
  z.object({ type: z.literal('result'), id: z.number().int(), result: KioskResultSchema }),
  z.object({ type: z.literal('event'), name: z.string(), payload: z.unknown() }),
]);
export type FromCore = z.infer<typeof FromCore>;
