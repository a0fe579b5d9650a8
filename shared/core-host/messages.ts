import { z } from 'zod';
import { KioskResultSchema } from '../kiosk-api/result-schema';
import { CoreConfig } from './config';
import { syncFaultPoints } from './fault-points';

/** A checked media blob for a host to serve: sealed at `path`, `size` plain bytes, read with its own key. */
export const MediaFile = z.object({
  path: z.string(),
  mime: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  key: z.string().regex(/^[0-9a-f]{64}$/),
});
export type MediaFile = z.infer<typeof MediaFile>;

/** A facility server and the certificate pin the device enrolled it with (null: plain http, dev only). */
export const FacilityServer = z.object({
  url: z.url().max(500),
  fingerprint: z.string().min(1).max(200).nullable(),
});
export type FacilityServer = z.infer<typeof FacilityServer>;

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
  /** The facility server this device is enrolled with (null: none), at start and on every change: updates come from it. */
  z.object({ type: z.literal('facility'), server: FacilityServer.nullable() }),
]);
export type FromCore = z.infer<typeof FromCore>;
