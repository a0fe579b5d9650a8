import { HttpError } from '../../http/http-error';
import { checkStoredEpub } from '../../media/epub-intake';
import type { MediaStore } from '../../media/media-store';
import { write, type ServerContext } from '../context';
import { audit, type StaffActor } from '../staff-audit';

/**
 * Every catalog item this facility may offer (the shared catalog and what its
 * own staff uploaded), with whether it approved it, at what price, and how
 * many of its people own it (they keep it after a withdrawal).
 */
export async function facilityCatalog(ctx: ServerContext, facilityId: string) {
  const items = await ctx.db
    .selectFrom('catalog')
    .select(['id', 'kind', 'title', 'author', 'language', 'cover_sha256'])
    .where((eb) => eb.or([eb('added_by_facility', 'is', null), eb('added_by_facility', '=', facilityId)]))
    .orderBy('title')
    .orderBy('id')
    .execute();
  const approvals = new Map(
    (
      await ctx.db
        .selectFrom('catalog_approvals')
        .select(['item_id', 'price_cents'])
        .where('facility_id', '=', facilityId)
        .execute()
    ).map((a) => [a.item_id, a.price_cents]),
  );
  const owners = new Map(
    (
      await ctx.db
        .selectFrom('entitlements')
        .innerJoin('inmates', 'inmates.id', 'entitlements.inmate_id')
        .select(['entitlements.item_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('inmates.facility_id', '=', facilityId)
        .groupBy('entitlements.item_id')
        .execute()
    ).map((o) => [o.item_id, o.n]),
  );
  return items.map(({ cover_sha256, ...item }) => ({
    ...item,
    approved: approvals.has(item.id),
    priceCents: approvals.get(item.id) ?? null,
    owners: owners.get(item.id) ?? 0,
    hasCover: cover_sha256 !== null,
  }));
}

/**
 * Approves an item for the facility at a price (or withdraws it). Devices hear
 * of it through the change log; a withdrawn item leaves their catalog, but
 * what inmates already bought stays theirs (entitlements are kept). With an
 * actor (the staff console), the change is audited: approval and price before and after.
 */
export async function setApproval(
  ctx: ServerContext,
  facilityId: string,
  itemId: string,
  approval: { approved: boolean; priceCents: number },
  media?: MediaStore,
  actor?: StaffActor,
) {
  if (!Number.isSafeInteger(approval.priceCents) || approval.priceCents < 0 || approval.priceCents > 100_000) {
    throw new HttpError(400, 'bad_price', 'Prices are whole cents between $0 and $1,000.');
  }
  // A book is offered only if it keeps the EPUB limits every device's reader holds (checked before the write).
  if (approval.approved && media) {
    const book = await ctx.db
      .selectFrom('catalog')
      .select('files')
      .where('id', '=', itemId)
      .where('kind', '=', 'book')
      .executeTakeFirst();
    for (const file of book ? (JSON.parse(book.files) as { sha256?: string }[]) : []) {
      if (file.sha256 && (await media.has(file.sha256))) await checkStoredEpub(media, file.sha256);
    }
  }
  await write(ctx, async (w) => {
    const item = await w.trx
      .selectFrom('catalog')
      .select(['id', 'added_by_facility'])
      .where('id', '=', itemId)
      .executeTakeFirst();
    if (!item || (item.added_by_facility !== null && item.added_by_facility !== facilityId))
      throw new HttpError(404, 'not_found', 'No such catalog item.');
    const was = await w.trx
      .selectFrom('catalog_approvals')
      .select('price_cents')
      .where('facility_id', '=', facilityId)
      .where('item_id', '=', itemId)
      .executeTakeFirst();
    await w.trx
      .deleteFrom('catalog_approvals')
      .where('facility_id', '=', facilityId)
      .where('item_id', '=', itemId)
      .execute();
    if (approval.approved) {
      await w.trx
        .insertInto('catalog_approvals')
        .values({ facility_id: facilityId, item_id: itemId, price_cents: approval.priceCents, approved_at: w.now })
        .execute();
    }
    await w.changed('catalog', itemId, { facilityId });
    if (actor) {
      const action = !approval.approved ? 'catalog.withdraw' : was ? 'catalog.price' : 'catalog.approve';
      await audit(w, actor, {
        action,
        subject: { type: 'catalog', id: itemId },
        before: { approved: was !== undefined, priceCents: was?.price_cents ?? null },
        after: { approved: approval.approved, priceCents: approval.approved ? approval.priceCents : null },
      });
    }
  });
}
