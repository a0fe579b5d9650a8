import Database from 'better-sqlite3';
import fc from 'fast-check';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CacheStore } from '../../../electron/core/cache/cache-store';
import { migrate } from '../../../electron/core/db/migrations';
import type { RunningServer } from '../../../server/app';
import { write } from '../../../server/domain/context';
import { addLedgerEntry } from '../../../server/domain/ledger';
import { PullResponse } from '../../../shared/sync/protocol';
import { demoServer, enroll, pullAll, type TestDevice } from '../../support/server-harness';

/**
 * Random server writes interleaved with random partial pulls (any page size,
 * stopping anywhere): a device that applies what it pulled, page by page,
 * always ends with exactly the rows a fresh device pulls.
 */
let server: RunningServer;
let device: TestDevice;
let scope: { facilityId: string; unitId: string; inmateId: string };

beforeAll(async () => {
  server = await demoServer();
  device = await enroll(server, { unitIndex: 0 });
  const inmate = await server.db
    .selectFrom('inmates')
    .select(['id', 'facility_id', 'unit_id'])
    .where('doc_number', '=', '100235')
    .executeTakeFirstOrThrow();
  scope = { facilityId: inmate.facility_id, unitId: inmate.unit_id, inmateId: inmate.id };
});
afterAll(() => server.close());

type Step =
  { kind: 'announce' | 'withdraw' | 'deposit' | 'review' } | { kind: 'pull'; pageSize: number; pages: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constantFrom<Step>({ kind: 'announce' }, { kind: 'withdraw' }, { kind: 'deposit' }, { kind: 'review' }),
  fc.record({
    kind: fc.constant('pull' as const),
    pageSize: fc.integer({ min: 1, max: 50 }),
    pages: fc.integer({ min: 1, max: 3 }),
  }),
);

async function serverWrite(kind: Exclude<Step['kind'], 'pull'>, announcements: string[]): Promise<void> {
  await write(server.context, async (w) => {
    if (kind === 'announce') {
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
    } else if (kind === 'withdraw') {
      const id = announcements.shift();
      if (!id) return;
      await w.trx.deleteFrom('announcements').where('id', '=', id).execute();
      await w.changed('announcements', id, { facilityId: scope.facilityId });
    } else if (kind === 'deposit') {
      await addLedgerEntry(w, scope, { kind: 'deposit', amountCents: 2_000, description: 'prop', refId: null });
    } else {
      // A message appears for the inmate, or one in review is decided (either way).
      const pending = await w.trx
        .selectFrom('messages')
        .select('id')
        .where('status', '=', 'pending_review')
        .where('inmate_id', '=', scope.inmateId)
        .executeTakeFirst();
      if (pending) {
        await w.trx
          .updateTable('messages')
          .set({ status: Math.random() < 0.5 ? 'approved' : 'rejected', updated_at: w.now })
          .where('id', '=', pending.id)
          .execute();
        await w.changed('messages', pending.id, scope);
      }
    }
  });
}

describe('sync convergence (property)', () => {
  it('a device applying random partial pulls between random writes ends equal to a fresh pull', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const db = new Database(':memory:');
        migrate(db);
        const cache = new CacheStore(db);
        let cursor = 0;
        const announcements: string[] = [];
        const pull = async (pageSize: number, pages: number) => {
          for (let p = 0; p < pages; p += 1) {
            const response = await fetch(`${server.url}/api/sync/pull?cursor=${cursor}&limit=${pageSize}`, {
              headers: { authorization: device.auth },
            });
            const page = PullResponse.parse(await response.json());
            db.transaction(() => page.changes.forEach((c) => cache.apply(c)))();
            cursor = page.cursor;
            if (!page.hasMore) return;
          }
        };
        for (const s of steps) {
          if (s.kind === 'pull') await pull(s.pageSize, s.pages);
          else await serverWrite(s.kind, announcements);
        }
        await pull(1000, 1_000);
        const fresh = await pullAll(server, await enroll(server, { unitIndex: 0 }));
        const expected = new Map(
          fresh.changes.flatMap((c) =>
            c.op === 'upsert' ? [[`${c.table}:${(c.row as { id: string }).id}`, c.row] as const] : [],
          ),
        );
        const actual = new Map<string, unknown>();
        for (const r of db.prepare('SELECT table_name, id, row FROM sync_rows').all() as {
          table_name: string;
          id: string;
          row: string;
        }[])
          actual.set(`${r.table_name}:${r.id}`, JSON.parse(r.row));
        // Messages are read back the way core reads them: columns plus the JSON of the rest.
        for (const r of db.prepare('SELECT id, inmate_id FROM messages').all() as { id: string; inmate_id: string }[])
          actual.set(`messages:${r.id}`, cache.message(r.id, r.inmate_id));
        expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
        for (const [key, row] of expected) expect(actual.get(key)).toEqual(row);
        db.close();
      }),
      { numRuns: 15 },
    );
  }, 300_000);
});
