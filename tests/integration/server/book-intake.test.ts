import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { RunningServer } from '../../../server/app';
import { bigChapterBook, gigabyteEntryBook, notAZip } from '../../support/books/hostile-books';
import { demoServer } from '../../support/server-harness';
import { WebBrowser as Browser } from '../../support/web-browser';

/**
 * Book intake: the server holds the EPUB limits the devices' reader holds, so
 * staff cannot offer a book every kiosk would refuse (and no kiosk downloads it).
 */
let server: RunningServer;
let admin: Browser;
beforeAll(async () => {
  server = await demoServer();
  admin = new Browser(server.url);
  const signIn = await admin.request('POST', '/api/staff/signin', {
    email: 'admin@riverside.example',
    password: 'riverside-admin-1',
  });
  expect(signIn.status).toBe(200);
});
afterAll(() => server.close());

async function catalogBook(bytes: Uint8Array): Promise<string> {
  const sha256 = await server.media.putBytes(bytes);
  const id = uuidv7();
  await server.db
    .insertInto('catalog')
    .values({
      id,
      kind: 'book',
      title: `Intake ${id}`,
      author: 'Test',
      language: 'en',
      description: '',
      files: JSON.stringify([{ sha256, mime: 'application/epub+zip', bytes: bytes.length, title: 'x', durationMs: 0 }]),
      course: null,
      game_id: null,
      updated_at: Date.now(),
    })
    .execute();
  return id;
}

const approve = (id: string) => admin.request('POST', `/api/staff/catalog/${id}`, { approved: true, priceCents: 0 });

describe('book intake', () => {
  it('refuses to offer a book over the limits or broken, with a code', async () => {
    const cases = [
      { bytes: await gigabyteEntryBook(64 * 1024 * 1024), code: 'book_over_limits' },
      { bytes: bigChapterBook(), code: 'book_over_limits' },
      { bytes: zipSync({ mimetype: strToU8('application/epub+zip') }), code: 'book_broken' },
      { bytes: notAZip(), code: 'book_broken' },
    ];
    for (const { bytes, code } of cases) {
      const response = await approve(await catalogBook(bytes));
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ error: code });
    }
  });

  it('offers a demo book (the seed checked it too)', async () => {
    const book = await server.db
      .selectFrom('catalog')
      .select('id')
      .where('kind', '=', 'book')
      .executeTakeFirstOrThrow();
    expect((await approve(book.id)).status).toBe(200);
  });
});
