import { HttpError } from '../../http/http-error';
import { checkStoredEpub } from '../../media/epub-intake';
import type { MediaStore } from '../../media/media-store';
import { write, type ServerContext } from '../context';

/** Every catalog item with whether this facility approved it, and at what price. */
export async function facilityCatalog(ctx: ServerContext, facilityId: string) {
  const items = await ctx.db
    .selectFrom('catalog')
    .select(['id', 'kind', 'title', 'author', 'language'])
    .orderBy('title')
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
  return items.map((item) => ({
    ...item,
    approved: approvals.has(item.id),
    priceCents: approvals.get(item.id) ?? null,
  }));
}

/**
 * Approves an item for the facility at a price (or withdraws it). Devices hear
 * of it through the change log; a withdrawn item leaves their catalog, but
 * what inmates already bought stays theirs (entitlements are kept).
 */
export async function setApproval(
  ctx: ServerContext,
  facilityId: string,
  itemId: string,
  approval: { approved: boolean; priceCents: number },
  media?: MediaStore,
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
    const item = await w.trx.selectFrom('catalog').select('id').where('id', '=', itemId).executeTakeFirst();
    if (!item) throw new HttpError(404, 'not_found', 'No such catalog item.');
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
  });
}
