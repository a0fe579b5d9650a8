import { TicketRow } from '../../../shared/sync/rows';
import { HttpError } from '../../http/http-error';
import { inmateScope, write, type ServerContext } from '../context';

type Reply = TicketRow['replies'][number];

/** Stored replies are written by this server; parsed with the sync schema so a bad row shows, not crashes. */
function replies(text: string): Reply[] {
  const parsed = TicketRow.shape.replies.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : [];
}

/** The facility's support tickets that are not closed, oldest activity first, with the whole thread. */
export async function openTickets(ctx: ServerContext, facilityId: string, limit = 100) {
  const rows = await ctx.db
    .selectFrom('tickets')
    .innerJoin('inmates', 'inmates.id', 'tickets.inmate_id')
    .select([
      'tickets.id',
      'tickets.subject',
      'tickets.status',
      'tickets.replies',
      'tickets.created_at',
      'tickets.updated_at',
      'inmates.doc_number',
      'inmates.first_name',
      'inmates.last_name',
    ])
    .where('inmates.facility_id', '=', facilityId)
    .where('tickets.status', '!=', 'closed')
    .orderBy('tickets.updated_at')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...row, replies: replies(row.replies) }));
}

/**
 * Staff answer a ticket (and may close it in the same step), or only close
 * it. The ticket row changes in the change log, so the inmate's devices
 * receive the reply with their next pull (at once when online).
 */
export async function answerTicket(
  ctx: ServerContext,
  facilityId: string,
  ticketId: string,
  input: { body: string | null; close: boolean },
): Promise<{ status: 'answered' | 'closed' }> {
  const body = input.body?.trim() ?? '';
  if (!body && !input.close) throw new HttpError(400, 'empty', 'The reply is empty.');
  return write(ctx, async (w) => {
    const ticket = await w.trx
      .selectFrom('tickets')
      .innerJoin('inmates', 'inmates.id', 'tickets.inmate_id')
      .select(['tickets.inmate_id', 'tickets.replies', 'tickets.status', 'inmates.facility_id'])
      .where('tickets.id', '=', ticketId)
      .executeTakeFirst();
    if (!ticket || ticket.facility_id !== facilityId) throw new HttpError(404, 'not_found', 'No such ticket.');
    if (ticket.status === 'closed') throw new HttpError(409, 'closed', 'This ticket is closed.');
    const thread = replies(ticket.replies);
    if (body) thread.push({ from: 'staff', body: body.slice(0, 5000), at: w.now });
    const status = input.close ? ('closed' as const) : ('answered' as const);
    await w.trx
      .updateTable('tickets')
      .set({ replies: JSON.stringify(thread), status, updated_at: w.now })
      .where('id', '=', ticketId)
      .execute();
    await w.changed('tickets', ticketId, await inmateScope(w.trx, ticket.inmate_id));
    return { status };
  });
}
