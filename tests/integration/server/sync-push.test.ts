import { uuidv7 } from 'uuidv7';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app';
import { balanceCents } from '../../../server/domain/ledger/ledger';
import { webmWithDuration } from '../../support/webm';
import { demoWithKiosks, enroll, push, sha256, type TestDevice } from '../../support/server-harness';

/** Pushes from devices: idempotent, by the rules, with money that is there; limits and revoked devices. */
let server: RunningServer;
let kioskA: TestDevice;
let daniel: { id: string; contactId: string };

beforeAll(async () => {
  ({ server, kioskA, daniel } = await demoWithKiosks());
});
afterAll(() => server.close());

describe('push', () => {
  it('is idempotent: the same id twice makes one message and one stamp charge', async () => {
    const before = await balanceCents(server.db, daniel.id);
    const id = uuidv7();
    const op = {
      kind: 'message.send' as const,
      contactId: daniel.contactId,
      replyTo: null,
      body: 'Thank you for the photos!',
    };
    const first = await push(server, kioskA, [{ id, inmateId: daniel.id, op }]);
    const second = await push(server, kioskA, [{ id, inmateId: daniel.id, op }]);
    // Concurrent duplicates too.
    const racing = await Promise.all([
      push(server, kioskA, [{ id, inmateId: daniel.id, op }]),
      push(server, kioskA, [{ id, inmateId: daniel.id, op }]),
    ]);
    expect(first.results).toEqual([{ id, status: 'accepted' }]);
    expect(second.results).toEqual(first.results);
    expect(racing.map((r) => r.results)).toEqual([first.results, first.results]);
    const copies = await server.db.selectFrom('messages').select('id').where('client_op_id', '=', id).execute();
    expect(copies).toHaveLength(1);
    expect(await balanceCents(server.db, daniel.id)).toBe(before - 25);
  });

  it('rejects what breaks the rules with a reason, and keeps that answer', async () => {
    const tooLong = await push(server, kioskA, [
      {
        inmateId: daniel.id,
        op: { kind: 'message.send', contactId: daniel.contactId, replyTo: null, body: 'x'.repeat(2001) },
      },
    ]);
    expect(tooLong.results[0]).toMatchObject({ status: 'rejected', reason: 'too_long' });
    const otherUnit = await server.db
      .selectFrom('inmates')
      .select('id')
      .where('doc_number', '=', '200101')
      .executeTakeFirstOrThrow();
    const forbidden = await push(server, kioskA, [
      { inmateId: otherUnit.id, op: { kind: 'message.send', contactId: daniel.contactId, replyTo: null, body: 'hi' } },
    ]);
    expect(forbidden.results[0]).toMatchObject({ status: 'rejected', reason: 'forbidden' });
  });

  it('refuses to spend money that is not there, and changes nothing', async () => {
    const poor = await server.db
      .selectFrom('inmates')
      .select('id')
      .where('doc_number', '=', '100235')
      .executeTakeFirstOrThrow();
    const item = await server.db.selectFrom('catalog_approvals').select(['item_id']).executeTakeFirstOrThrow();
    // An expensive price for this item, so the account cannot cover it.
    await server.db
      .updateTable('catalog_approvals')
      .set({ price_cents: 10_000_000 })
      .where('item_id', '=', item.item_id)
      .execute();
    const before = await balanceCents(server.db, poor.id);
    const result = await push(server, kioskA, [
      { inmateId: poor.id, op: { kind: 'purchase', itemId: item.item_id, priceCents: 10_000_000 } },
    ]);
    expect(result.results[0]).toMatchObject({ status: 'rejected', reason: 'insufficient_funds' });
    expect(await balanceCents(server.db, poor.id)).toBe(before);
    expect(await server.db.selectFrom('entitlements').select('id').where('inmate_id', '=', poor.id).execute()).toEqual(
      [],
    );
    await server.db
      .updateTable('catalog_approvals')
      .set({ price_cents: 0 })
      .where('item_id', '=', item.item_id)
      .execute();
  });

  it('a purchase is kept once, whatever the retries (and is never charged twice)', async () => {
    const item = await server.db
      .selectFrom('catalog_approvals')
      .select(['item_id', 'price_cents'])
      .executeTakeFirstOrThrow();
    const op = { kind: 'purchase' as const, itemId: item.item_id, priceCents: item.price_cents };
    await push(server, kioskA, [{ inmateId: daniel.id, op }]);
    await push(server, kioskA, [{ inmateId: daniel.id, op }]); // a second purchase of the same item
    const owned = await server.db
      .selectFrom('entitlements')
      .select('id')
      .where('inmate_id', '=', daniel.id)
      .where('item_id', '=', item.item_id)
      .execute();
    expect(owned).toHaveLength(1);
  });

  it('progress: of two saves made in the same millisecond the later one stays, and an older one loses', async () => {
    const book = await server.db
      .selectFrom('catalog')
      .select('id')
      .where('kind', '=', 'book')
      .executeTakeFirstOrThrow();
    const save = (chapter: number, updatedAt: number) => ({
      inmateId: daniel.id,
      op: { kind: 'progress' as const, itemId: book.id, data: { chapter }, updatedAt },
    });
    const at = Date.now();
    // One batch, in the device's order (its outbox sends oldest first; uuidv7 ids order a tie).
    await push(server, kioskA, [save(3, at), save(4, at)]);
    await push(server, kioskA, [save(2, at - 1)]); // from a device whose clock is behind
    const row = await server.db
      .selectFrom('progress')
      .select(['data', 'updated_at'])
      .where('id', '=', `${daniel.id}:${book.id}`)
      .executeTakeFirstOrThrow();
    expect({ data: JSON.parse(row.data) as unknown, at: row.updated_at }).toEqual({ data: { chapter: 4 }, at });
  });
});

describe('limits and revoked devices', () => {
  it('accepts a videogram of exactly 180 s and refuses 181 s', async () => {
    for (const [ms, expected] of [
      [180_000, 'accepted'],
      [181_000, 'rejected'],
    ] as const) {
      const video = webmWithDuration(ms);
      const hash = sha256(video);
      await fetch(`${server.url}/api/sync/media/${hash}`, {
        method: 'PUT',
        headers: { authorization: kioskA.auth, 'content-type': 'video/webm' },
        body: video,
      });
      const result = await push(server, kioskA, [
        {
          inmateId: daniel.id,
          op: {
            kind: 'videogram.send',
            contactId: daniel.contactId,
            replyTo: null,
            video: { sha256: hash, mime: 'video/webm', bytes: video.length },
            durationMs: ms,
          },
        },
      ]);
      expect(result.results[0]?.status, `${ms} ms`).toBe(expected);
    }
  });

  it('a revoked device gets 401 everywhere, including the change signal', async () => {
    const device = await enroll(server);
    await server.db.updateTable('devices').set({ revoked_at: Date.now() }).where('id', '=', device.deviceId).execute();
    expect(
      (await fetch(`${server.url}/api/sync/pull?cursor=0`, { headers: { authorization: device.auth } })).status,
    ).toBe(401);
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/sync/signal`, {
      headers: { authorization: device.auth },
    });
    await new Promise((resolve) => ws.once('error', resolve));
  });

  it('refuses oversized bodies with 413 and writes nothing', async () => {
    const before = await server.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const response = await fetch(`${server.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: kioskA.auth },
      body: JSON.stringify({ items: [], pad: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(response.status).toBe(413);
    const after = await server.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
