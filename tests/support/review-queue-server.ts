/**
 * A facility server for the review-queue e2e: the demo facility plus `count`
 * messages waiting for review, seeded through the database the way the
 * domain writes them (held by policy, oldest first, both directions, every
 * kind of contact the demo has). Prints "review server ready <url>".
 *
 *   tsx tests/support/review-queue-server.ts <dbPath> <port> <count> <undoMs>
 */
import { uuidv7 } from 'uuidv7';
import { startServer } from '../../server/app';
import { write } from '../../server/domain/context';
import { recordEvents } from '../../server/domain/messages/message-events';

const [dbPath = '', port = '0', count = '300', undoMs = '4000'] = process.argv.slice(2);
const server = await startServer({
  dbPath,
  port: Number(port),
  seed: 'demo',
  logLevel: 'warn',
  reviewUndoMs: Number(undoMs),
  schedulerMs: 1_000,
});
const contacts = await server.db
  .selectFrom('contacts')
  .innerJoin('inmates', 'inmates.id', 'contacts.inmate_id')
  .select(['contacts.id', 'contacts.inmate_id'])
  .where('contacts.status', '=', 'approved')
  .execute();
const start = Date.now() - Number(count) * 60_000;
await write(server.context, async (w) => {
  for (let i = 0; i < Number(count); i++) {
    const contact = contacts[i % contacts.length];
    if (!contact) throw new Error('the demo has no approved contacts');
    const id = uuidv7();
    await w.trx
      .insertInto('messages')
      .values({
        id,
        inmate_id: contact.inmate_id,
        contact_id: contact.id,
        direction: i % 3 === 0 ? 'out' : 'in',
        kind: 'text',
        body: `Queue item ${String(i + 1).padStart(3, '0')}: see you on visiting day.`,
        photos: '[]',
        ecard: null,
        videogram: null,
        status: 'pending_review',
        hold_reason: 'policy',
        rejection_reason: null,
        client_op_id: null,
        stamp_cents: 0,
        created_at: start + i * 60_000,
        deliver_at: start + i * 60_000,
        delivery_announced: 1,
        read_at: null,
        updated_at: start + i * 60_000,
      })
      .execute();
    await recordEvents(w.trx, id, [
      { at: start + i * 60_000, kind: 'received' },
      { at: start + i * 60_000, kind: 'held', detail: { by: 'policy' } },
    ]);
  }
});
process.stdout.write(`review server ready ${server.url}\n`);
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
