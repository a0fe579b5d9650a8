import type { Kysely } from 'kysely';
import { reviewReasons } from '../domain/messages/review-reasons';
import { SecretHash } from '../../shared/sync/secret-hash';
import type { SyncRow, SyncTable } from '../../shared/sync/rows';
import type { Language } from '../../shared/domain/language';
import type { Database, Row } from '../db/schema';
import { facilitySettings } from '../domain/facility-settings';
import { LedgerLabel, labelForKind } from '../../shared/domain/ledger-label';
import type { Device } from '../domain/devices/devices';

/** The device a pull is for, and the moment it is made (scheduled messages appear at their time). */
export interface PullContext {
  readonly db: Kysely<Database>;
  readonly device: Device;
  readonly allowedInmates: ReadonlySet<string>;
  readonly now: number;
}

type Loader<T extends SyncTable> = (ctx: PullContext, ids: string[]) => Promise<Map<string, SyncRow<T>>>;

// Stored JSON is written by this server from schema-checked data; the pull response is parsed again on the device.
const json = (text: string): never => JSON.parse(text) as never;
const secret = (text: string) => SecretHash.parse(JSON.parse(text));
const mine = (ctx: PullContext, inmateId: string) => ctx.allowedInmates.has(inmateId);

/** The synced tables stored as one server row per device row, under the same id. */
type ById = Exclude<SyncTable, 'accounts' | 'catalog'>;

/**
 * The loader of a table kept one to one: its rows with these ids that this device may see
 * (`visible`), in the device's shape (`shape`).
 */
function byId<T extends ById>(
  table: T,
  visible: (ctx: PullContext, row: Row<T>) => boolean,
  shape: (row: Row<T>) => SyncRow<T>,
): Loader<T> {
  // Widened to the union of such tables, which Kysely can type, then narrowed back to this table's rows.
  const source: ById = table;
  return async (ctx, ids) => {
    const rows = (await ctx.db.selectFrom(source).selectAll().where('id', 'in', ids).execute()) as (Row<T> & {
      id: string;
    })[];
    return new Map(rows.filter((row) => visible(ctx, row)).map((row) => [row.id, shape(row)]));
  };
}

/**
 * For each synced table: the current rows with these ids that this device
 * may see, in the shape of shared/sync/rows.ts. A row that exists but is
 * not for this device (an incoming message still in review, another unit's
 * inmate) is left out, and the pull sends a tombstone for it instead.
 */
/**
 * A rejection's words for the inmate: the facility's label of the stored
 * reason code in the inmate's language, then the reviewer's note. A code the
 * facility never had (older rows kept free text) is sent as it is.
 */
async function reasonWords(
  ctx: PullContext,
  rows: { id: string; inmate_id: string; rejection_reason: string | null; reason_note: string | null }[],
): Promise<Map<string, string>> {
  const rejected = rows.filter((row) => row.rejection_reason);
  if (rejected.length === 0) return new Map();
  const reasons = await reviewReasons(ctx, ctx.device.facility_id);
  const inmates = await ctx.db
    .selectFrom('inmates')
    .select(['id', 'language'])
    .where('id', 'in', [...new Set(rejected.map((row) => row.inmate_id))])
    .execute();
  const language = new Map(inmates.map((inmate) => [inmate.id, inmate.language]));
  const words = new Map<string, string>();
  for (const row of rejected) {
    const reason = reasons.find((r) => r.code === row.rejection_reason);
    if (!reason) continue;
    const label = language.get(row.inmate_id) === 'es' ? reason.labelEs : reason.labelEn;
    words.set(row.id, (row.reason_note ? `${label}: ${row.reason_note}` : label).slice(0, 500));
  }
  return words;
}

const messageRows = byId(
  'messages',
  // Incoming messages reach the inmate only once approved and due; outgoing ones always (with their status).
  (ctx, row) =>
    mine(ctx, row.inmate_id) &&
    (row.direction === 'out' ||
      ((row.status === 'approved' || row.status === 'delivered') && row.deliver_at <= ctx.now)),
  (row) => ({
    id: row.id,
    inmateId: row.inmate_id,
    contactId: row.contact_id,
    direction: row.direction,
    kind: row.kind,
    body: row.body,
    photos: json(row.photos),
    ecard: row.ecard ? json(row.ecard) : null,
    videogram: row.videogram ? json(row.videogram) : null,
    status: row.status,
    rejectionReason: row.rejection_reason,
    clientOpId: row.client_op_id,
    stampCents: row.stamp_cents,
    createdAt: row.created_at,
    deliverAt: row.deliver_at,
    readAt: row.read_at,
    updatedAt: row.updated_at,
  }),
);

export const loaders: { [T in SyncTable]: Loader<T> } = {
  facilities: byId(
    'facilities',
    (ctx, row) => row.id === ctx.device.facility_id,
    (row) => ({
      id: row.id,
      name: row.name,
      timeZone: row.time_zone,
      ...facilitySettings(row),
      updatedAt: row.updated_at,
    }),
  ),
  units: byId(
    'units',
    (ctx, row) => row.facility_id === ctx.device.facility_id,
    (row) => ({ id: row.id, facilityId: row.facility_id, name: row.name }),
  ),
  inmates: byId(
    'inmates',
    (ctx, row) => mine(ctx, row.id),
    (row) => ({
      id: row.id,
      facilityId: row.facility_id,
      unitId: row.unit_id,
      docNumber: row.doc_number,
      firstName: row.first_name,
      lastName: row.last_name,
      language: row.language as Language,
      // A deactivated person cannot sign in on any device: to devices that is the same as released.
      status: row.status === 'active' ? ('active' as const) : ('released' as const),
      pinHash: secret(row.pin_hash),
      pinVersion: row.pin_version,
      securityQuestion: row.security_question,
      securityAnswerHash: secret(row.security_answer_hash),
      pinReset: row.pin_reset
        ? (() => {
            const reset = JSON.parse(row.pin_reset) as { codeHash: unknown; expiresAt: number };
            return { codeHash: SecretHash.parse(reset.codeHash), expiresAt: reset.expiresAt };
          })()
        : null,
      updatedAt: row.updated_at,
    }),
  ),
  contacts: byId(
    'contacts',
    (ctx, row) => mine(ctx, row.inmate_id) && row.status !== 'pending',
    (row) => ({
      id: row.id,
      inmateId: row.inmate_id,
      displayName: row.display_name,
      relationship: row.relationship,
      status: row.status === 'approved' ? ('approved' as const) : ('blocked' as const),
      updatedAt: row.updated_at,
    }),
  ),
  async messages(ctx, ids) {
    const rows = await messageRows(ctx, ids);
    const rejected = [...rows.values()].filter((row) => row.rejectionReason);
    if (rejected.length === 0) return rows;
    const raw = await ctx.db
      .selectFrom('messages')
      .select(['id', 'inmate_id', 'rejection_reason', 'reason_note'])
      .where(
        'id',
        'in',
        rejected.map((row) => row.id),
      )
      .execute();
    const words = await reasonWords(ctx, raw);
    for (const [id, row] of rows) {
      const reason = words.get(id);
      if (reason) rows.set(id, { ...row, rejectionReason: reason });
    }
    return rows;
  },
  ledger: byId(
    'ledger',
    (ctx, row) => mine(ctx, row.inmate_id),
    (row) => ({
      id: row.id,
      inmateId: row.inmate_id,
      kind: row.kind,
      amountCents: row.amount_cents,
      label: row.label ? LedgerLabel.parse(JSON.parse(row.label)) : labelForKind(row.kind),
      at: row.at,
    }),
  ),
  async accounts(ctx, ids) {
    const allowed = ids.filter((id) => mine(ctx, id));
    if (allowed.length === 0) return new Map();
    const accounts = await ctx.db.selectFrom('accounts').selectAll().where('inmate_id', 'in', allowed).execute();
    const sums = await ctx.db
      .selectFrom('ledger')
      .select([
        'inmate_id',
        (eb) => eb.fn.sum<number>('amount_cents').as('balance'),
        (eb) => eb.fn.max<number>('at').as('as_of'),
      ])
      .where('inmate_id', 'in', allowed)
      .groupBy('inmate_id')
      .execute();
    const byInmate = new Map(sums.map((row) => [row.inmate_id, row]));
    return new Map(
      accounts.map((row) => {
        const sum = byInmate.get(row.inmate_id);
        return [
          row.inmate_id,
          {
            id: row.inmate_id,
            balanceCents: sum?.balance ?? 0,
            asOf: Math.max(sum?.as_of ?? 0, row.updated_at),
            releaseCard: { status: row.release_card_status, lastFour: row.release_card_last_four },
          },
        ];
      }),
    );
  },
  async catalog(ctx, ids) {
    const rows = await ctx.db
      .selectFrom('catalog')
      .leftJoin('catalog_approvals', (join) =>
        join
          .onRef('catalog_approvals.item_id', '=', 'catalog.id')
          .on('catalog_approvals.facility_id', '=', ctx.device.facility_id),
      )
      .selectAll('catalog')
      .select('catalog_approvals.price_cents')
      .where('catalog.id', 'in', ids)
      .execute();
    // A withdrawn item stays on the devices of inmates who bought it: purchases are never lost.
    const withdrawn = rows.filter((row) => row.price_cents === null).map((row) => row.id);
    const owned = new Map<string, number>();
    if (withdrawn.length > 0) {
      const entitlements = await ctx.db
        .selectFrom('entitlements')
        .select(['item_id', 'inmate_id', 'price_paid_cents'])
        .where('item_id', 'in', withdrawn)
        .execute();
      for (const e of entitlements)
        if (mine(ctx, e.inmate_id)) owned.set(e.item_id, Math.max(owned.get(e.item_id) ?? 0, e.price_paid_cents));
    }
    return new Map(
      rows
        .filter((row) => row.price_cents !== null || owned.has(row.id))
        .map((row) => [
          row.id,
          {
            id: row.id,
            kind: row.kind,
            title: row.title,
            author: row.author,
            language: row.language as Language,
            description: row.description,
            priceCents: row.price_cents ?? owned.get(row.id) ?? 0,
            files: json(row.files),
            course: row.course ? json(row.course) : null,
            gameId: row.game_id,
            available: row.price_cents !== null,
            updatedAt: row.updated_at,
          },
        ]),
    );
  },
  scheduled_deposits: byId(
    'scheduled_deposits',
    (ctx, row) => mine(ctx, row.inmate_id) && row.active === 1,
    (row) => ({
      id: row.id,
      inmateId: row.inmate_id,
      fromName: row.from_name,
      amountCents: row.amount_cents,
      nextAt: row.next_at,
      recurrence: row.recurrence,
    }),
  ),
  entitlements: byId(
    'entitlements',
    (ctx, row) => mine(ctx, row.inmate_id),
    (row) => ({
      id: row.id,
      inmateId: row.inmate_id,
      itemId: row.item_id,
      clientOpId: row.client_op_id,
      pricePaidCents: row.price_paid_cents,
      acquiredAt: row.acquired_at,
    }),
  ),
  progress: byId(
    'progress',
    (ctx, row) => mine(ctx, row.inmate_id),
    (row) => ({
      id: row.id,
      inmateId: row.inmate_id,
      itemId: row.item_id,
      data: json(row.data),
      updatedAt: row.updated_at,
    }),
  ),
  tickets: byId(
    'tickets',
    (ctx, row) => mine(ctx, row.inmate_id),
    (row) => ({
      id: row.id,
      inmateId: row.inmate_id,
      clientOpId: row.client_op_id,
      subject: row.subject,
      status: row.status,
      createdAt: row.created_at,
      replies: json(row.replies),
      updatedAt: row.updated_at,
    }),
  ),
  announcements: byId(
    'announcements',
    (ctx, row) =>
      row.facility_id === ctx.device.facility_id &&
      (row.unit_id === null || row.unit_id === ctx.device.unit_id) &&
      (row.expires_at === null || row.expires_at > ctx.now),
    (row) => ({
      id: row.id,
      facilityId: row.facility_id,
      unitId: row.unit_id,
      title: row.title,
      body: row.body,
      language: row.language as Language | null,
      postedAt: row.posted_at,
      expiresAt: row.expires_at,
    }),
  ),
  technicians: byId(
    'technicians',
    (ctx, row) => row.facility_id === ctx.device.facility_id,
    (row) => ({
      id: row.id,
      facilityId: row.facility_id,
      name: row.name,
      secretHash: secret(row.secret_hash),
      active: row.active === 1,
    }),
  ),
};
