import type { Database } from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import { expect } from 'vitest';
import { CacheStore } from '../../electron/core/cache/cache-store';
import type { RunningServer } from '../../server/app';
import { write, type Writer } from '../../server/domain/context';
import { addLedgerEntry } from '../../server/domain/ledger/ledger';
import { enroll, pullAll } from './server-harness';

/**
 * What the sync property tests share: random writes made on the server the
 * way staff and family make them, and the end check "this device's cache is
 * what a fresh device of the same unit pulls".
 */
export interface InmateScope {
  readonly facilityId: string;
  readonly unitId: string;
  readonly inmateId: string;
}

export async function inmateScope(server: RunningServer, docNumber: string): Promise<InmateScope> {
  const inmate = await server.db
    .selectFrom('inmates')
    .select(['id', 'facility_id', 'unit_id'])
    .where('doc_number', '=', docNumber)
    .executeTakeFirstOrThrow();
  return { facilityId: inmate.facility_id, unitId: inmate.unit_id, inmateId: inmate.id };
}

export type ServerWrite =
  { kind: 'announce' | 'withdraw' | 'deposit' | 'family' | 'offer' } | { kind: 'review'; approve: boolean };

/**
 * One server-side write in its own transaction. `announcements` is the
 * caller's list of announcements it may withdraw again (oldest first).
 */
export async function serverWrite(
  server: RunningServer,
  scope: InmateScope,
  step: ServerWrite,
  announcements: string[],
): Promise<void> {
  await write(server.context, async (w) => {
    if (step.kind === 'announce') {
      const id = uuidv7();
      await w.trx
        .insertInto('announcements')
        .values({
          id,
          facility_id: scope.facilityId,
          unit_id: null,
          title: `n${id.slice(-4)}`,
          body: '',
          language: null,
          posted_at: w.now,
          expires_at: null,
        })
        .execute();
      await w.changed('announcements', id, { facilityId: scope.facilityId });
      announcements.push(id);
    } else if (step.kind === 'withdraw') {
      const id = announcements.shift();
      if (!id) return;
      await w.trx.deleteFrom('announcements').where('id', '=', id).execute();
      await w.changed('announcements', id, { facilityId: scope.facilityId });
    } else if (step.kind === 'deposit') {
      await addLedgerEntry(w, scope, {
        kind: 'deposit',
        amountCents: 2_000,
        label: { code: 'deposit', from: 'prop' },
        refId: null,
      });
    } else if (step.kind === 'family') {
      // Already approved, so the device gets it at once and has something to mark read.
      const contact = await w.trx
        .selectFrom('contacts')
        .select('id')
        .where('inmate_id', '=', scope.inmateId)
        .where('status', '=', 'approved')
        .executeTakeFirstOrThrow();
      await approvedFamilyMessage(w, scope, contact.id, (id) => `family ${id.slice(-6)}`);
    } else if (step.kind === 'offer') {
      // A new paid book, so a device always has something left to buy however many runs came before.
      const model = await w.trx.selectFrom('catalog').selectAll().where('kind', '=', 'book').executeTakeFirstOrThrow();
      const id = uuidv7();
      await w.trx
        .insertInto('catalog')
        .values({ ...model, id, title: `offer ${id.slice(-6)}`, updated_at: w.now })
        .execute();
      await w.trx
        .insertInto('catalog_approvals')
        .values({ facility_id: scope.facilityId, item_id: id, price_cents: 150, approved_at: w.now })
        .execute();
      await w.changed('catalog', id, { facilityId: scope.facilityId });
    } else if (step.kind === 'review') {
      // A message of this inmate's in review (incoming or outgoing) is decided.
      const pending = await w.trx
        .selectFrom('messages')
        .select('id')
        .where('status', '=', 'pending_review')
        .where('inmate_id', '=', scope.inmateId)
        .executeTakeFirst();
      if (!pending) return;
      await w.trx
        .updateTable('messages')
        .set({ status: step.approve ? 'approved' : 'rejected', updated_at: w.now })
        .where('id', '=', pending.id)
        .execute();
      await w.changed('messages', pending.id, scope);
    }
  });
}

/** Every synced row in a device database, keyed `table:id`; messages read back the way core reads them. */
function deviceRows(db: Database): Map<string, unknown> {
  const rows = new Map<string, unknown>();
  for (const r of db.prepare('SELECT table_name, id, row FROM sync_rows').all() as {
    table_name: string;
    id: string;
    row: string;
  }[])
    rows.set(`${r.table_name}:${r.id}`, JSON.parse(r.row));
  // Columns plus the JSON of the rest, as the inbox sees them (so a local read_at counts too).
  const cache = new CacheStore(db);
  for (const r of db.prepare('SELECT id, inmate_id FROM messages').all() as { id: string; inmate_id: string }[])
    rows.set(`messages:${r.id}`, cache.message(r.id, r.inmate_id));
  return rows;
}

/** Fails unless the device holds exactly the rows a freshly enrolled device of `unitIndex` pulls now. */
export async function expectSameAsFreshDevice(server: RunningServer, db: Database, unitIndex = 0): Promise<void> {
  const fresh = await pullAll(server, await enroll(server, { unitIndex }));
  const expected = new Map(
    fresh.changes.flatMap((c) =>
      c.op === 'upsert' ? [[`${c.table}:${(c.row as { id: string }).id}`, c.row] as const] : [],
    ),
  );
  const actual = deviceRows(db);
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [key, row] of expected) expect(actual.get(key), key).toEqual(row);
}

/** A family message already approved for the inmate (so a device gets it at once), and its change. */
export async function approvedFamilyMessage(
  w: Writer,
  scope: InmateScope,
  contactId: string,
  body: (id: string) => string,
): Promise<string> {
  const id = uuidv7();
  await w.trx
    .insertInto('messages')
    .values({
      id,
      inmate_id: scope.inmateId,
      contact_id: contactId,
      direction: 'in',
      kind: 'text',
      body: body(id),
      photos: '[]',
      ecard: null,
      videogram: null,
      status: 'approved',
      rejection_reason: null,
      client_op_id: null,
      stamp_cents: 0,
      created_at: w.now,
      deliver_at: w.now,
      delivery_announced: 1,
      read_at: null,
      updated_at: w.now,
    })
    .execute();
  await w.changed('messages', id, scope);
  return id;
}
