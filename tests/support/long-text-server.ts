/**
 * A facility server for the page-width e2e: the demo facility plus user text
 * that does not break (`LONG`, 2,000 characters without a space) everywhere a
 * person can write it: a message waiting for review and one delivered to the
 * family, the name on a contact request and on the contact whose message
 * waits, a support ticket's subject and reply. Written through the database
 * the way the domain writes them. Prints "long text server ready <url>".
 *
 *   tsx tests/support/long-text-server.ts <dbPath> <port>
 */
import { uuidv7 } from 'uuidv7';
import { startServer } from '../../server/app';
import { write } from '../../server/domain/context';
import { recordEvents } from '../../server/domain/messages/message-events';

const LONG = 'M'.repeat(2_000);
const [dbPath = '', port = '0'] = process.argv.slice(2);
const server = await startServer({ dbPath, port: Number(port), seed: 'demo', logLevel: 'warn' });
const maria = await server.db
  .selectFrom('family_accounts')
  .select('id')
  .where('email', '=', 'maria.reyes@example.com')
  .executeTakeFirstOrThrow();
const contact = await server.db
  .selectFrom('contacts')
  .select(['id', 'inmate_id'])
  .where('family_id', '=', maria.id)
  .where('status', '=', 'approved')
  .executeTakeFirstOrThrow();
const otherInmate = await server.db
  .selectFrom('inmates')
  .select('id')
  .where('id', '!=', contact.inmate_id)
  .where((eb) =>
    eb.not(
      eb.exists(
        eb
          .selectFrom('contacts')
          .select('id')
          .where('family_id', '=', maria.id)
          .whereRef('inmate_id', '=', 'inmates.id'),
      ),
    ),
  )
  .executeTakeFirstOrThrow();
const now = Date.now();
const message = (direction: 'in' | 'out', status: 'pending_review' | 'approved') => ({
  id: uuidv7(),
  inmate_id: contact.inmate_id,
  contact_id: contact.id,
  direction,
  kind: 'text' as const,
  body: LONG,
  photos: '[]',
  ecard: null,
  videogram: null,
  status,
  hold_reason: status === 'pending_review' ? ('policy' as const) : null,
  rejection_reason: null,
  client_op_id: null,
  stamp_cents: 0,
  created_at: now,
  deliver_at: now,
  delivery_announced: 1,
  read_at: null,
  updated_at: now,
});
await write(server.context, async (w) => {
  await w.trx.updateTable('contacts').set({ display_name: LONG }).where('id', '=', contact.id).execute();
  await w.trx
    .insertInto('contacts')
    .values({
      id: uuidv7(),
      inmate_id: otherInmate.id,
      family_id: maria.id,
      display_name: LONG,
      relationship: LONG.slice(0, 100),
      status: 'pending',
      updated_at: now,
    })
    .execute();
  for (const row of [message('in', 'pending_review'), message('out', 'approved')]) {
    await w.trx.insertInto('messages').values(row).execute();
    await recordEvents(w.trx, row.id, [{ at: now, kind: 'received' }]);
  }
  await w.trx
    .insertInto('tickets')
    .values({
      id: uuidv7(),
      inmate_id: contact.inmate_id,
      client_op_id: null,
      subject: LONG.slice(0, 200),
      status: 'open',
      replies: JSON.stringify([{ from: 'inmate', body: LONG, at: now }]),
      created_at: now,
      updated_at: now,
    })
    .execute();
});
process.stdout.write(`long text server ready ${server.url}\n`);
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
