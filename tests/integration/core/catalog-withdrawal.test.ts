import { afterAll, beforeAll, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { setApproval } from '../../../server/domain/catalog/catalog';
import { kioskStack, signIn, until, type KioskStack } from '../../support/kiosk-stack';

/**
 * Purchases are never lost: when the facility withdraws a catalog item, the
 * inmate who bought it keeps opening it on the device; others no longer see
 * it. Real server, core in its own process, sync over HTTP.
 */
let stack: KioskStack;
/** This file's patience for the device and server to catch up. */
const waitFor = <T>(what: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000) =>
  until(what, ok, timeoutMs);

beforeAll(async () => {
  stack = await kioskStack();
  await stack.synced();
}, 60_000);
afterAll(() => stack.close());

it('a bought book still opens after the facility withdraws it; nobody else sees it any more', async () => {
  const daniel = await stack.client('daniel-withdrawal');
  const marcus = await stack.client('marcus-withdrawal');
  await signIn(daniel, '100234', '2468', 'rex');
  const books = await daniel.call('library.catalog', { kind: 'book', search: '' });
  const book = books.find((b) => !b.owned && b.priceCents > 0);
  if (!book) throw new Error('the demo has no priced book Daniel does not own');
  await daniel.call('library.purchase', { clientId: uuidv7(), itemId: book.id });
  await waitFor(
    () =>
      stack.server.db
        .selectFrom('entitlements')
        .innerJoin('inmates', 'inmates.id', 'entitlements.inmate_id')
        .select('entitlements.id')
        .where('inmates.doc_number', '=', '100234')
        .where('entitlements.item_id', '=', book.id)
        .execute(),
    (rows) => rows.length === 1,
  );
  await stack.synced();

  const facility = await stack.server.db.selectFrom('facilities').select('id').executeTakeFirstOrThrow();
  await setApproval(stack.server.context, facility.id, book.id, { approved: false, priceCents: 0 });

  await signIn(marcus, '100235', '1357', 'maple');
  await waitFor(
    () => marcus.call('library.catalog', { kind: 'book', search: '' }),
    (list) => !list.some((b) => b.id === book.id),
  );
  await expect(marcus.call('library.bookUrl', { itemId: book.id })).rejects.toMatchObject({ code: 'forbidden' });
  await expect(marcus.call('library.purchase', { clientId: uuidv7(), itemId: book.id })).rejects.toMatchObject({
    code: 'not_found',
  });
  // Daniel still has it, listed and openable.
  const mine = await daniel.call('library.catalog', { kind: 'book', search: '' });
  expect(mine.find((b) => b.id === book.id)).toMatchObject({ owned: true });
  expect((await daniel.call('library.bookUrl', { itemId: book.id })).url).toMatch(/^\/media\//);
}, 60_000);
