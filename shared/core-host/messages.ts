import { z } from 'zod';
import { KioskResultSchema } from '../kiosk-api/result-schema';
import { CoreConfig } from './config';
import { syncFaultPoints } from './fault-points';

export const MediaFile = z.object({ path: z.string(), mime: z.string(), size: z.number().int().nonnegative() });
export type MediaFile = z.infer<typeof MediaFile>;

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
  /** The host asks which file a media URL token stands for (never reachable from the renderer's calls). */
  z.object({
    type: z.literal('media'),
    id: z.number().int(),
    token: z.string().max(64),
    connectionId: z.string().max(64),
  }),
  /** A renderer connection is gone (crash, hang, reload): its session ends. */
  z.object({ type: z.literal('end-connection'), connectionId: z.string().max(64) }),
]);
export type ToCore = z.infer<typeof ToCore>;

/** Core → host. */
export const FromCore = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('init-failed'), message: z.string() }),
  z.object({ type: z.literal('result'), id: z.number().int(), result: KioskResultSchema }),
  /** connectionId: for that renderer connection only. */
  z.object({ type: z.literal('event'), name: z.string(), payload: z.unknown(), connectionId: z.string().optional() }),
  z.object({ type: z.literal('media-result'), id: z.number().int(), file: MediaFile.nullable() }),
  /** Fault tests only: core reached an instrumented point of a sync (see KIOSK_FAULT_POINTS in entry.ts). */
  z.object({ type: z.literal('fault-point'), point: z.enum(syncFaultPoints) }),
]);
export type FromCore = z.infer<typeof FromCore>;
