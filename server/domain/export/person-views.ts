import { sql, type Kysely } from 'kysely';
import type { Database, Row } from '../../db/schema';

/**
 * What a person's export holds: for an inmate or a family account, exactly what that person
 * may see (the rules the device's pull and the family's message list follow), in a reader's
 * shape (camelCase, JSON columns parsed). Never a secret's hash, a payment token, a staff
 * member's id, a review's keyword hits, or another person's messages.
 */
export type PersonRow = Record<string, unknown>;
export interface PersonView {
  readonly name: string;
  rows(): AsyncIterable<PersonRow>;
}
type Db = Kysely<Database>;

const PAGE = 500;
const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/** Rows of a query a page at a time, in `id` order. */
async function* paged<T extends { id: string }>(page: (after: string) => Promise<T[]>): AsyncGenerator<T> {
  let after = '';
  for (;;) {
    const rows = await page(after);
    yield* rows;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]?.id ?? after;
  }
}

function messageShape(row: Row<'messages'> & { contact_name: string; inmate_name: string }, ownSide: 'in' | 'out') {
  return {
    id: row.id,
    inmateId: row.inmate_id,
    inmateName: row.inmate_name,
    contactId: row.contact_id,
    contactName: row.contact_name,
    direction: row.direction,
    kind: row.kind,
    body: row.body,
    photos: parse(row.photos),
    ecard: parse(row.ecard),
    videogram: parse(row.videogram),
    status: row.status,
    // The reason (and the reviewer's words) reach whoever wrote the message, as on their own screens.
    rejectionReason: row.direction === ownSide ? row.rejection_reason : null,
    reasonNote: row.direction === ownSide ? row.reason_note : null,
    stampCents: row.stamp_cents,
    createdAt: row.created_at,
    deliverAt: row.deliver_at,
    readAt: row.read_at,
  };
}

function messagesOf(db: Db, who: { inmateId: string; now: number } | { familyId: string }): PersonView {
  return {
    name: 'messages',
    async *rows() {
      const ownSide = 'inmateId' in who ? 'out' : 'in';
      const rows = paged((after) => {
        let query = db
          .selectFrom('messages')
          .innerJoin('contacts', 'contacts.id', 'messages.contact_id')
          .innerJoin('inmates', 'inmates.id', 'messages.inmate_id')
          .selectAll('messages')
          .select(['contacts.display_name as contact_name'])
          .select(sql<string>`inmates.first_name || ' ' || inmates.last_name`.as('inmate_name'))
          .where('messages.id', '>', after)
          .orderBy('messages.id')
          .limit(PAGE);
        if ('inmateId' in who)
          // Incoming only once approved and due, as the device shows them; outgoing all, with their status.
          query = query
            .where('messages.inmate_id', '=', who.inmateId)
            .where((eb) =>
              eb.or([
                eb('messages.direction', '=', 'out'),
                eb.and([
                  eb('messages.status', 'in', ['approved', 'delivered']),
                  eb('messages.deliver_at', '<=', who.now),
                ]),
              ]),
            );
        // A family's own messages with their status; replies only once staff let them through.
        else
          query = query
            .where('contacts.family_id', '=', who.familyId)
            .where((eb) =>
              eb.or([eb('messages.direction', '=', 'in'), eb('messages.status', 'in', ['approved', 'delivered'])]),
            );
        return query.execute();
      });
      for await (const row of rows) yield messageShape(row, ownSide);
    },
  };
}

/** An inmate's export: themself, contacts, messages, ledger, purchases with receipts, courses, tickets. */
export function inmateViews(db: Db, inmateId: string, now: number): PersonView[] {
  const mine = <T extends 'contacts' | 'ledger' | 'entitlements' | 'tickets'>(table: T) =>
    paged((after) =>
      db
        .selectFrom(table as 'contacts')
        .selectAll()
        .where('inmate_id', '=', inmateId)
        .where('id', '>', after)
        .orderBy('id')
        .limit(PAGE)
        .execute(),
    ) as unknown as AsyncIterable<Row<T>>;
  return [
    {
      name: 'person',
      async *rows() {
        const inmate = await db
          .selectFrom('inmates')
          .innerJoin('facilities', 'facilities.id', 'inmates.facility_id')
          .select([
            'inmates.id',
            'doc_number',
            'first_name',
            'last_name',
            'language',
            'status',
            'facilities.name as facility',
            'time_zone',
          ])
          .where('inmates.id', '=', inmateId)
          .executeTakeFirstOrThrow();
        yield { kind: 'inmate', ...inmate };
      },
    },
    {
      name: 'contacts',
      async *rows() {
        for await (const c of mine('contacts'))
          yield { id: c.id, displayName: c.display_name, relationship: c.relationship, status: c.status };
      },
    },
    messagesOf(db, { inmateId, now }),
    {
      name: 'ledger',
      async *rows() {
        for await (const l of mine('ledger'))
          yield {
            id: l.id,
            kind: l.kind,
            amountCents: l.amount_cents,
            label: parse(l.label),
            at: l.at,
            refId: l.ref_id,
          };
      },
    },
    {
      name: 'purchases',
      async *rows() {
        for await (const e of mine('entitlements')) {
          const item = await db
            .selectFrom('catalog')
            .select(['title', 'kind', 'author'])
            .where('id', '=', e.item_id)
            .executeTakeFirst();
          const receipt = await db
            .selectFrom('ledger')
            .select(['id', 'amount_cents', 'at'])
            .where('ref_id', '=', e.id)
            .executeTakeFirst();
          yield {
            id: e.id,
            itemId: e.item_id,
            title: item?.title ?? null,
            kind: item?.kind ?? null,
            author: item?.author ?? null,
            pricePaidCents: e.price_paid_cents,
            acquiredAt: e.acquired_at,
            receipt: receipt ? { ledgerLineId: receipt.id, amountCents: receipt.amount_cents, at: receipt.at } : null,
          };
        }
      },
    },
    {
      name: 'courses',
      async *rows() {
        const rows = await db
          .selectFrom('progress')
          .innerJoin('catalog', 'catalog.id', 'progress.item_id')
          .select(['progress.id', 'progress.item_id', 'progress.data', 'progress.updated_at', 'catalog.title'])
          .where('progress.inmate_id', '=', inmateId)
          .where('catalog.kind', '=', 'course')
          .orderBy('progress.id')
          .execute();
        for (const p of rows) {
          const data = (parse(p.data) ?? {}) as { completedLessonIds?: unknown; certificateIssuedAt?: unknown };
          yield {
            id: p.id,
            courseId: p.item_id,
            title: p.title,
            completedLessonIds: Array.isArray(data.completedLessonIds) ? data.completedLessonIds : [],
            certificateIssuedAt: typeof data.certificateIssuedAt === 'number' ? data.certificateIssuedAt : null,
            updatedAt: p.updated_at,
          };
        }
      },
    },
    {
      name: 'tickets',
      async *rows() {
        for await (const t of mine('tickets'))
          yield {
            id: t.id,
            subject: t.subject,
            status: t.status,
            replies: parse(t.replies),
            createdAt: t.created_at,
            updatedAt: t.updated_at,
          };
      },
    },
  ];
}

/** A family account's export: the account, its contacts (one per inmate), messages both ways, deposits. */
export function familyViews(db: Db, familyId: string): PersonView[] {
  return [
    {
      name: 'person',
      async *rows() {
        const family = await db
          .selectFrom('family_accounts')
          .select(['id', 'email', 'display_name', 'created_at'])
          .where('id', '=', familyId)
          .executeTakeFirstOrThrow();
        yield { kind: 'family', ...family };
      },
    },
    {
      name: 'contacts',
      async *rows() {
        const rows = await db
          .selectFrom('contacts')
          .innerJoin('inmates', 'inmates.id', 'contacts.inmate_id')
          .innerJoin('facilities', 'facilities.id', 'inmates.facility_id')
          .select([
            'contacts.id',
            'contacts.relationship',
            'contacts.status',
            'inmates.first_name',
            'inmates.last_name',
            'inmates.doc_number',
            'facilities.name as facility',
          ])
          .where('contacts.family_id', '=', familyId)
          .orderBy('contacts.id')
          .execute();
        for (const c of rows)
          yield {
            id: c.id,
            inmateName: `${c.first_name} ${c.last_name}`,
            docNumber: c.doc_number,
            facility: c.facility,
            relationship: c.relationship,
            status: c.status,
          };
      },
    },
    messagesOf(db, { familyId }),
    {
      name: 'deposits',
      async *rows() {
        const rows = await db
          .selectFrom('deposit_receipts')
          .innerJoin('inmates', 'inmates.id', 'deposit_receipts.inmate_id')
          .select([
            'deposit_receipts.id',
            'amount_cents',
            'fee_cents',
            'deposit_receipts.status',
            'at',
            'schedule_id',
            'inmates.first_name',
            'inmates.last_name',
          ])
          .where('family_id', '=', familyId)
          .orderBy('deposit_receipts.id')
          .execute();
        for (const d of rows)
          yield {
            id: d.id,
            to: `${d.first_name} ${d.last_name}`,
            amountCents: d.amount_cents,
            feeCents: d.fee_cents,
            status: d.status,
            at: d.at,
            scheduleId: d.schedule_id,
          };
      },
    },
    {
      name: 'scheduled_deposits',
      async *rows() {
        const rows = await db
          .selectFrom('scheduled_deposits')
          .select(['id', 'inmate_id', 'amount_cents', 'next_at', 'recurrence', 'active'])
          .where('family_id', '=', familyId)
          .orderBy('id')
          .execute();
        for (const s of rows)
          yield {
            id: s.id,
            inmateId: s.inmate_id,
            amountCents: s.amount_cents,
            nextAt: s.next_at,
            recurrence: s.recurrence,
            active: s.active === 1,
          };
      },
    },
  ];
}
