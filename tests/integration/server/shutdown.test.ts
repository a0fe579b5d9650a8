import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { demoServer, enroll } from '../../support/server-harness';

describe('graceful shutdown', () => {
  it('finishes pushes already in flight before the database closes, and refuses new work', async () => {
    const server = await demoServer();
    const device = await enroll(server);
    const inmate = await server.db
      .selectFrom('inmates')
      .select('id')
      .where('doc_number', '=', '100234')
      .executeTakeFirstOrThrow();
    const contact = await server.db
      .selectFrom('contacts')
      .select('id')
      .where('inmate_id', '=', inmate.id)
      .executeTakeFirstOrThrow();
    const ids = Array.from({ length: 40 }, () => uuidv7());
    const push = fetch(`${server.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: device.auth },
      body: JSON.stringify({
        items: ids
          .map((id) => ({
            id,
            inmateId: inmate.id,
            createdAt: Date.now(),
            op: { kind: 'message.read', messageId: uuidv7(), readAt: Date.now() },
          }))
          .concat([
            {
              id: uuidv7(),
              inmateId: inmate.id,
              createdAt: Date.now(),
              op: { kind: 'message.send', contactId: contact.id, replyTo: null, body: 'sent as the server stops' },
            } as never,
          ]),
      }),
    });
    // Close only once the push is being worked on (its first receipt is written), so it is truly in flight.
    for (let i = 0; i < 2_000; i += 1) {
      const started = await server.db
        .selectFrom('outbox_receipts')
        .select('id')
        .where('id', 'in', ids)
        .executeTakeFirst();
      if (started) break;
      await new Promise((r) => setTimeout(r, 1));
    }
    const closing = server.close();
    const response = await push;
    expect(response.status).toBe(200);
    const body = (await response.json()) as { results: { status: string }[] };
    expect(body.results).toHaveLength(41);
    await closing;
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
  });
});
