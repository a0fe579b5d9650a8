import { z } from 'zod';
import { BoundedJsonRecord } from '../domain/bounded-json';
import { EpochMs, Id, NonNegativeCents, Sha256 } from '../domain/ids';
import { MESSAGE_HARD_MAX_CHARS } from '../domain/limits';
import { syncTables, type SyncTable } from './rows';
import { SecretHash } from './secret-hash';

/**
 * The device ⇄ facility server protocol (see docs/ARCHITECTURE.md, "Sync").
 * Every request and response body is parsed with these schemas on both ends:
 * a malformed response is rejected whole and nothing of it is applied.
 */

export const syncPaths = {
  health: '/api/health',
  enroll: '/api/devices/enroll',
  /** POST { code }: the facility's units (and inmates, for tablets) to choose from before enrolling. */
  enrollOptions: '/api/devices/enroll/options',
  pull: '/api/sync/pull',
  push: '/api/sync/push',
  /** GET (Range) and PUT (device uploads) of one blob: `${media}/${sha256}`. */
  media: '/api/sync/media',
  /** WebSocket: the server says "something new" so devices pull at once. */
  signal: '/api/sync/signal',
  /** POST of device diagnostics and audit records. */
  report: '/api/devices/report',
  /** GET `${messageTrail}/:id`: a message's trail (MessageTrail), by server id or outbox id. Newer servers only. */
  messageTrail: '/api/sync/messages/trail',
} as const;

/** Devices send `Authorization: Device <deviceId>.<secret>`; the server stores only a hash of the secret. */
export const DEVICE_AUTH_SCHEME = 'Device';

export const HealthResponse = z.object({ serverTime: EpochMs, facilityName: z.string().nullable() });
export type HealthResponse = z.infer<typeof HealthResponse>;

export const DeviceMode = z.enum(['kiosk', 'tablet']);
export type DeviceMode = z.infer<typeof DeviceMode>;

export const EnrollRequest = z
  .object({
    code: z.string().trim().min(6).max(64),
    mode: DeviceMode,
    unitId: Id.nullable(),
    /** Tablets only: the one inmate the tablet belongs to. */
    inmateId: Id.nullable(),
    label: z.string().max(100),
    appVersion: z.string().max(50),
  })
  .strict();
export type EnrollRequest = z.infer<typeof EnrollRequest>;

export const EnrollResponse = z.object({
  deviceId: Id,
  /** Shown once; the device keeps it in its encrypted database. */
  secret: z.string().min(32).max(128),
  facilityId: Id,
  facilityName: z.string(),
  mode: DeviceMode,
  unitId: Id.nullable(),
  inmateId: Id.nullable(),
});
export type EnrollResponse = z.infer<typeof EnrollResponse>;

/** Why an enrollment code was refused; the server sends it as ServerError.error. */
export const EnrollErrorCode = z.enum(['code_unknown', 'code_used', 'code_expired', 'unit_unknown', 'inmate_unknown']);
export type EnrollErrorCode = z.infer<typeof EnrollErrorCode>;

export const EnrollOptionsRequest = z.object({ code: z.string().trim().min(6).max(64) }).strict();
export const EnrollOptionsResponse = z.object({
  facilityName: z.string(),
  units: z.array(z.object({ id: Id, name: z.string() })),
  /** Active inmates (for assigning a tablet), with the unit they live in. */
  inmates: z.array(z.object({ id: Id, name: z.string(), docNumber: z.string(), unitId: Id })),
});
export type EnrollOptionsResponse = z.infer<typeof EnrollOptionsResponse>;

/** One change in the device's scope, in server sequence order. */
// Keyed on the table first (then the op), so a change is checked against its own table's schema only,
// not tried against every table in turn.
export const Change = z.discriminatedUnion(
  'table',
  (Object.keys(syncTables) as SyncTable[]).map((table) =>
    z.discriminatedUnion('op', [
      z.object({
        seq: z.number().int().positive(),
        table: z.literal(table),
        op: z.literal('upsert'),
        row: syncTables[table],
      }),
      z.object({
        seq: z.number().int().positive(),
        table: z.literal(table),
        op: z.literal('delete'),
        id: z.string().min(1).max(100),
      }),
    ]),
  ) as never,
) as unknown as z.ZodType<Change>;
export type ChangeOf<T extends SyncTable> =
  | { seq: number; table: T; op: 'upsert'; row: z.infer<(typeof syncTables)[T]> }
  | { seq: number; table: T; op: 'delete'; id: string };
export type Change = { [T in SyncTable]: ChangeOf<T> }[SyncTable];

export const PULL_PAGE_MAX = 1000;

export const PullQuery = z.object({
  /** The last seq the device applied; 0 for a fresh device. */
  cursor: z.coerce.number().int().nonnegative(),
  limit: z.coerce.number().int().min(1).max(PULL_PAGE_MAX).default(500),
});
export type PullQuery = z.infer<typeof PullQuery>;

export const PullResponse = z.object({
  changes: z.array(Change).max(PULL_PAGE_MAX),
  /** Apply the changes, then store this cursor, in one transaction. */
  cursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
  /**
   * Change-log entries in the device's scope after `cursor`: what is left, for
   * a progress display (a row changed twice counts twice, so it is an upper
   * bound of the rows still to come). Optional: older servers do not send it.
   */
  remaining: z.number().int().nonnegative().optional(),
  serverTime: EpochMs,
});
export type PullResponse = z.infer<typeof PullResponse>;

/** Everything an inmate does on a device, queued offline and pushed with its client-made id. */
export const OutboxOp = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('message.send'),
    contactId: Id,
    replyTo: Id.nullable(),
    body: z.string().min(1).max(MESSAGE_HARD_MAX_CHARS),
  }),
  z.object({
    kind: z.literal('videogram.send'),
    contactId: Id,
    replyTo: Id.nullable(),
    video: z.object({ sha256: Sha256, mime: z.string().max(100), bytes: z.number().int().positive() }),
    durationMs: z.number().int().positive(),
  }),
  z.object({ kind: z.literal('message.read'), messageId: Id, readAt: EpochMs }),
  z.object({ kind: z.literal('purchase'), itemId: Id, priceCents: NonNegativeCents }),
  z.object({ kind: z.literal('progress'), itemId: Id, data: BoundedJsonRecord, updatedAt: EpochMs }),
  z.object({ kind: z.literal('ticket.open'), subject: z.string().min(1).max(200), body: z.string().min(1).max(5000) }),
  z.object({ kind: z.literal('ticket.reply'), ticketId: Id, body: z.string().min(1).max(5000) }),
  /** A copy of the inmate's own data, asked for at the kiosk: built on the server, handed over by staff (never to the kiosk). */
  z.object({ kind: z.literal('export.request') }),
  /** The device hashes the new PIN itself, so the plain PIN never leaves the keypad. */
  z.object({ kind: z.literal('pin.change'), pinHash: SecretHash, pinVersion: z.number().int().nonnegative() }),
  /** "Forgot PIN": the staff code is checked offline on the device and again by the server; it works once. */
  z.object({ kind: z.literal('pin.reset'), resetCode: z.string().min(6).max(32), pinHash: SecretHash }),
]);
export type OutboxOp = z.infer<typeof OutboxOp>;

export const PushItem = z.object({
  /** UUIDv7 made on the device: the idempotency key. A retry with the same id never acts twice. */
  id: Id,
  /** The signed-in inmate who made it; the server checks the device may act for them. */
  inmateId: Id,
  createdAt: EpochMs,
  op: OutboxOp,
  /**
   * The device's side of a message's trail: when the item went into the
   * outbox and when this push sent it. Optional both ways: older devices do
   * not send it, older servers drop it (items are not strict).
   */
  trail: z.object({ queuedAt: EpochMs.optional(), pushedAt: EpochMs.optional() }).optional(),
});
export type PushItem = z.infer<typeof PushItem>;

export const PUSH_BATCH_MAX = 100;
export const PushRequest = z.object({ items: z.array(PushItem).min(1).max(PUSH_BATCH_MAX) }).strict();
export type PushRequest = z.infer<typeof PushRequest>;

export const PushResult = z.discriminatedUnion('status', [
  z.object({ id: Id, status: z.literal('accepted') }),
  /** A final no (insufficient funds, contact blocked, too long…): the device shows the reason, never retries. */
  z.object({ id: Id, status: z.literal('rejected'), reason: z.string().max(100), message: z.string().max(500) }),
  /** Not yet (e.g. the videogram's media is not uploaded): retry later with the same id. */
  z.object({ id: Id, status: z.literal('retry'), reason: z.string().max(100) }),
]);
export type PushResult = z.infer<typeof PushResult>;

export const PushResponse = z.object({ results: z.array(PushResult), serverTime: EpochMs });
export type PushResponse = z.infer<typeof PushResponse>;

/** What the change signal socket sends: the newest seq in the device's scope. */
export const SignalMessage = z.object({ type: z.literal('changed'), seq: z.number().int().nonnegative() });
export type SignalMessage = z.infer<typeof SignalMessage>;

/** Technician actions and diagnostics a device reports; kept by the server as an audit trail. */
export const DeviceReport = z.object({
  items: z
    .array(
      z.object({
        id: Id,
        at: EpochMs,
        kind: z.enum(['audit', 'diagnostics', 'log']),
        technicianId: Id.nullable(),
        action: z.string().max(100),
        detail: BoundedJsonRecord,
      }),
    )
    .min(1)
    .max(200),
});
export type DeviceReport = z.infer<typeof DeviceReport>;

/** Error body of every non-2xx server response. */
export const ServerError = z.object({ error: z.string(), message: z.string() });
export type ServerError = z.infer<typeof ServerError>;
