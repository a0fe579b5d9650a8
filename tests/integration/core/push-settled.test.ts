import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../../electron/core/sync/outbox';
import type { RunningServer } from '../../../server/app';
import { memoryEngine } from '../../support/memory-engine';
import { demoServer, enroll } from '../../support/server-harness';

/**
 * A send the server refuses must reach the Sent screen without a pull bringing anything: the engine
 * says when a push's answers were recorded ('settled', which core turns into outbox.changed), and the
 * outbox row carries the refusal's code for the screen to word.
 */
let server: RunningServer;
beforeAll(async () => {
  server = await demoServer();
}, 60_000);
afterAll(() => server.close());

describe('a push the server answers', () => {
  it('is settled (rejected, with its code) and announced in the same sync', async () => {
    const device = await enroll(server);
    const { db, sync } = memoryEngine(server.url, device.auth, { pageSize: 500 });
    await sync.syncNow();
    const inmate = db.prepare("SELECT id FROM sync_rows WHERE table_name = 'inmates' LIMIT 1").get() as
      { id: string } | undefined;
    const outbox = new Outbox(db);
    const id = uuidv7();
    // A contact the server does not know: a final no.
    outbox.add({
      id,
      inmateId: inmate?.id ?? uuidv7(),
      op: { kind: 'message.send', contactId: uuidv7(), replyTo: null, body: 'hello' },
      createdAt: Date.now(),
    });
    const settled: number[] = [];
    sync.on('settled', (count) => settled.push(count));
    await sync.syncNow();
    sync.stop();
    expect(settled).toEqual([1]);
    expect(outbox.get(id)).toMatchObject({ status: 'rejected', result: { reason: 'not_found' } });
  });
});
