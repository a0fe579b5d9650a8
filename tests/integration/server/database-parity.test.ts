import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app';
import { inmateScope, write } from '../../../server/domain/context';
import { addLedgerEntry, balanceCents } from '../../../server/domain/ledger/ledger';
import { demoServer, testDatabase } from '../../support/server-harness';

/**
 * What must read the same on SQLite and PostgreSQL (this file runs in both
 * vitest projects): integers past 32 bits, sums and counts as numbers, text
 * ordered byte-wise, JSON text back as written.
 */
let server: RunningServer;
beforeAll(async () => {
  server = await demoServer({ schedulerMs: 0 });
});
afterAll(() => server.close());

describe(`the server's database (${testDatabase})`, () => {
  it('money past 2^31 cents sums exactly, as a number; counts are numbers', async () => {
    const inmate = await server.db
      .selectFrom('inmates')
      .select('id')
      .where('doc_number', '=', '100234')
      .executeTakeFirstOrThrow();
    const before = await balanceCents(server.db, inmate.id);
    await write(server.context, async (w) => {
      const { facilityId, unitId } = await inmateScope(w.trx, inmate.id);
      const scope = { facilityId, unitId: unitId ?? null, inmateId: inmate.id };
      for (const amountCents of [2_147_483_647, 2_147_483_647, -1])
        await addLedgerEntry(w, scope, {
          kind: 'deposit',
          amountCents,
          label: { code: 'deposit', from: 'parity' },
          refId: null,
        });
    });
    const balance = await balanceCents(server.db, inmate.id);
    expect(typeof balance).toBe('number');
    expect(balance).toBe(before + 4_294_967_293);
    const count = await server.db
      .selectFrom('ledger')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('description', '=', 'Deposit from parity')
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(3);
    const latest = await server.db
      .selectFrom('ledger')
      .select('at')
      .where('description', '=', 'Deposit from parity')
      .executeTakeFirstOrThrow();
    expect(typeof latest.at).toBe('number');
    expect(Math.abs(latest.at - Date.now())).toBeLessThan(60_000);
  });

  it('orders text byte-wise and returns JSON text exactly as written', async () => {
    const facility = await server.db.selectFrom('facilities').select('id').orderBy('id').executeTakeFirstOrThrow();
    const names = ['b', 'B', 'a', '_', 'Z', 'é', 'aa'];
    const detail = JSON.stringify({ nested: { list: [1, 'two', null], unicode: 'ñ 💬' } });
    await server.db
      .insertInto('announcements')
      .values(
        names.map((title, i) => ({
          id: `parity-${i}`,
          facility_id: facility.id,
          unit_id: null,
          title,
          body: detail,
          language: null,
          posted_at: i,
          expires_at: null,
        })),
      )
      .execute();
    const rows = await server.db
      .selectFrom('announcements')
      .select(['title', 'body'])
      .where('id', 'like', 'parity-%')
      .orderBy('title')
      .execute();
    expect(rows.map((row) => row.title)).toEqual(['B', 'Z', '_', 'a', 'aa', 'b', 'é']);
    expect(rows.every((row) => row.body === detail)).toBe(true);
  });
});
