import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app';
import { decideNow } from '../../support/review';
import { webmWithBlocksUntil, webmWithDuration } from '../../support/webm';
import { demoWithKiosks, push, sha256, type TestDevice } from '../../support/server-harness';

/** Media over the sync API (uploads, ranges, videogram length) and the change signal. */
let server: RunningServer;
let kioskA: TestDevice;
let kioskB: TestDevice;
let daniel: { id: string; contactId: string };

beforeAll(async () => {
  ({ server, kioskA, kioskB, daniel } = await demoWithKiosks());
});
afterAll(() => server.close());

describe('media', () => {
  it('uploads by hash, refuses a mismatch, and serves ranges of what the device may see', async () => {
    const video = webmWithBlocksUntil(12_000);
    const hash = sha256(video);
    const put = (sha: string, body: Uint8Array) =>
      fetch(`${server.url}/api/sync/media/${sha}`, {
        method: 'PUT',
        headers: { authorization: kioskA.auth, 'content-type': 'video/webm' },
        body,
      });
    expect((await put('0'.repeat(64), video)).status).toBe(422);
    expect((await put(hash, video)).status).toBe(201);
    const send = await push(server, kioskA, [
      {
        inmateId: daniel.id,
        op: {
          kind: 'videogram.send',
          contactId: daniel.contactId,
          replyTo: null,
          video: { sha256: hash, mime: 'video/webm', bytes: video.length },
          durationMs: 12_000,
        },
      },
    ]);
    expect(send.results[0]).toMatchObject({ status: 'accepted' });
    // Its stamp is the videogram price, on a line that says videogram (a code the kiosk words), not "Stamp".
    const stamp = await server.db
      .selectFrom('ledger')
      .select(['amount_cents', 'label', 'description'])
      .where('inmate_id', '=', daniel.id)
      .where('kind', '=', 'stamp')
      .orderBy('at', 'desc')
      .executeTakeFirstOrThrow();
    expect(stamp.amount_cents).toBe(-100);
    expect(JSON.parse(stamp.label ?? 'null')).toEqual({ code: 'videogram_stamp' });
    expect(stamp.description).toBe('Videogram stamp');

    const whole = await fetch(`${server.url}/api/sync/media/${hash}`, { headers: { authorization: kioskA.auth } });
    expect(whole.status).toBe(200);
    expect(new Uint8Array(await whole.arrayBuffer())).toEqual(video);
    const part = await fetch(`${server.url}/api/sync/media/${hash}`, {
      headers: { authorization: kioskA.auth, range: 'bytes=10-' },
    });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 10-${video.length - 1}/${video.length}`);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(video.subarray(10));
    const beyond = await fetch(`${server.url}/api/sync/media/${hash}`, {
      headers: { authorization: kioskA.auth, range: `bytes=${video.length + 5}-` },
    });
    expect(beyond.status).toBe(416);
    // The other unit's kiosk may not fetch Daniel's videogram.
    expect(
      (await fetch(`${server.url}/api/sync/media/${hash}`, { headers: { authorization: kioskB.auth } })).status,
    ).toBe(404);
  });

  it('a videogram over three minutes is refused by what the file says, not by what the device claims', async () => {
    const long = webmWithDuration(181_000);
    const hash = sha256(long);
    await fetch(`${server.url}/api/sync/media/${hash}`, {
      method: 'PUT',
      headers: { authorization: kioskA.auth, 'content-type': 'video/webm' },
      body: long,
    });
    const result = await push(server, kioskA, [
      {
        inmateId: daniel.id,
        op: {
          kind: 'videogram.send',
          contactId: daniel.contactId,
          replyTo: null,
          video: { sha256: hash, mime: 'video/webm', bytes: long.length },
          durationMs: 60_000,
        },
      },
    ]);
    expect(result.results[0]).toMatchObject({ status: 'rejected', reason: 'duration_exceeded' });
  });

  it('asks the device to retry a videogram whose video is not uploaded yet', async () => {
    const result = await push(server, kioskA, [
      {
        inmateId: daniel.id,
        op: {
          kind: 'videogram.send',
          contactId: daniel.contactId,
          replyTo: null,
          video: { sha256: 'a'.repeat(64), mime: 'video/webm', bytes: 10 },
          durationMs: 1_000,
        },
      },
    ]);
    expect(result.results[0]).toMatchObject({ status: 'retry', reason: 'media_missing' });
  });
});

describe('change signal', () => {
  it('tells an online device within a second that a reviewer approved a message for it', async () => {
    const facility = await server.db.selectFrom('facilities').select('id').executeTakeFirstOrThrow();
    const pending = await server.db
      .selectFrom('messages')
      .select('id')
      .where('status', '=', 'pending_review')
      .where('direction', '=', 'in')
      .where('inmate_id', '=', daniel.id)
      .executeTakeFirst();
    const target =
      pending ??
      (await server.db
        .selectFrom('messages')
        .select('id')
        .where('status', '=', 'pending_review')
        .where('direction', '=', 'out')
        .where('inmate_id', '=', daniel.id)
        .executeTakeFirstOrThrow());
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/api/sync/signal`, {
      headers: { authorization: kioskA.auth },
    });
    const otherUnit = new WebSocket(`${server.url.replace('http', 'ws')}/api/sync/signal`, {
      headers: { authorization: kioskB.auth },
    });
    await Promise.all([socket, otherUnit].map((ws) => new Promise((resolve) => ws.once('open', resolve))));
    const heardByB: string[] = [];
    otherUnit.on('message', (data: Buffer) => heardByB.push(data.toString()));
    const heard = new Promise<{ at: number; message: unknown }>((resolve) =>
      socket.once('message', (data: Buffer) =>
        resolve({ at: performance.now(), message: JSON.parse(data.toString()) }),
      ),
    );
    const started = performance.now();
    await decideNow(server.context, facility.id, target.id);
    const { at, message } = await heard;
    expect(message).toMatchObject({ type: 'changed' });
    expect(at - started).toBeLessThan(1_000);
    // The server signals in order: once B hears a change of its own unit, announced after the approval,
    // a wrong signal of that approval to B would have come first.
    const barrier = { facilityId: facility.id, unitId: kioskB.unitId, inmateId: null, seq: -1 };
    const heardBarrier = new Promise((resolve) => otherUnit.once('message', resolve));
    server.context.bus.notify(barrier);
    await heardBarrier;
    expect(heardByB).toEqual([JSON.stringify({ type: 'changed', seq: -1 })]);
    const unauthorized = new WebSocket(`${server.url.replace('http', 'ws')}/api/sync/signal`);
    await new Promise((resolve) => unauthorized.once('error', resolve));
    socket.close();
    otherUnit.close();
  });
});
