import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app';
import { TrackUpload, type StaffCatalogItem } from '../../../shared/portal-api/intake';
import { emptySpineBook, notAZip, trickBook } from '../../support/books/hostile-books';
import { taggedMp3 } from '../../support/audio/tagged-mp3';
import { demoServer, enroll, pullAll, push } from '../../support/server-harness';
import { WebBrowser } from '../../support/web-browser';

const resources = join(import.meta.dirname, '../../../resources');
let server: RunningServer;
let admin: WebBrowser;
beforeAll(async () => {
  server = await demoServer();
  admin = new WebBrowser(server.url);
  await admin.request('POST', '/api/staff/signin', { email: 'admin@riverside.example', password: 'riverside-admin-1' });
});
afterAll(() => server.close());

/** Every file under the media folder (temp files included), with its size. */
function mediaFiles(dir = server.context.mediaDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? mediaFiles(path) : [`${path}:${statSync(path).size}`];
  });
}

const item = (body: unknown) => (body as { item: StaffCatalogItem }).item;

/** A small EPUB 3 with a cover image, built here so its metadata is known. */
function bookWithCover(): Uint8Array {
  const cover = readFileSync(join(resources, 'demo/photos/sunset.jpg'));
  return zipSync({
    mimetype: strToU8('application/epub+zip'),
    'META-INF/container.xml': strToU8(
      '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OPS/book.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
    ),
    'OPS/book.opf': strToU8(
      '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">urn:uuid:0190f6a4-0000-7000-8000-00000000beef</dc:identifier><dc:title>La casa del faro</dc:title><dc:creator>Marta Ruiz</dc:creator><dc:language>es-MX</dc:language><dc:description>Una novela corta.</dc:description></metadata><manifest><item id="cover" href="images/cover.jpg" media-type="image/jpeg" properties="cover-image"/><item id="c1" href="text/c1.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c1"/></spine></package>',
    ),
    'OPS/images/cover.jpg': cover,
    'OPS/text/c1.xhtml': strToU8(
      '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>1</title></head><body><p>Había una vez un faro.</p></body></html>',
    ),
  });
}

describe('book intake', () => {
  it('takes a real EPUB, reading title, author, language, description and cover from the book', async () => {
    const demo = await admin.upload(
      '/api/staff/intake/book',
      readFileSync(join(resources, 'demo/books/letters-home.epub')),
      'application/epub+zip',
    );
    expect(demo.status).toBe(200);
    expect(item(demo.body)).toMatchObject({ kind: 'book', title: 'Letters Home', approved: false });
    const built = await admin.upload('/api/staff/intake/book', bookWithCover(), 'application/epub+zip');
    expect(item(built.body)).toMatchObject({
      title: 'La casa del faro',
      author: 'Marta Ruiz',
      language: 'es',
      hasCover: true,
    });
    const cover = await admin.raw(`/api/staff/catalog/${item(built.body).id}/cover`);
    expect(cover.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await cover.arrayBuffer())).toEqual(readFileSync(join(resources, 'demo/photos/sunset.jpg')));
  });

  it('refuses a zip that is not an EPUB, an EPUB with script, one without a spine, and not a zip: nothing left', async () => {
    const before = mediaFiles();
    const cases = [
      { bytes: zipSync({ 'notes.txt': strToU8('just a zip') }), code: 'book_not_epub' },
      { bytes: trickBook('http://127.0.0.1:9'), code: 'book_has_script' },
      { bytes: emptySpineBook(), code: 'book_no_spine' },
      { bytes: notAZip(), code: 'book_broken' },
    ];
    for (const { bytes, code } of cases) {
      const refused = await admin.upload('/api/staff/intake/book', bytes, 'application/epub+zip');
      expect(refused.status, code).toBe(422);
      expect(refused.body.error).toBe(code);
    }
    const wrongType = await admin.upload('/api/staff/intake/book', bookWithCover(), 'application/zip');
    expect(wrongType.status).toBe(415);
    expect(mediaFiles()).toEqual(before);
  });
});

describe('music intake', () => {
  it('reads title, artist, album and duration from the files; the tracks become an album devices can play', async () => {
    const tracks = [];
    for (const n of [1, 2]) {
      const file = taggedMp3({ title: `Canción ${n}`, artist: 'Los Faros', album: 'Mareas', track: n });
      const uploaded = await admin.upload(`/api/staff/intake/track?name=track${n}.mp3`, file, 'audio/mpeg');
      expect(uploaded.status).toBe(200);
      tracks.push(TrackUpload.parse(uploaded.body));
    }
    expect(tracks[0]).toMatchObject({ title: 'Canción 1', artist: 'Los Faros', album: 'Mareas', track: 1 });
    expect(tracks[0]?.durationMs).toBeGreaterThan(1000);
    expect(tracks[0]?.durationMs).toBeLessThan(1300);
    const ogg = await admin.upload(
      '/api/staff/intake/track?name=01-current.ogg',
      readFileSync(join(resources, 'demo/music/river-songs/01-current.ogg')),
      'audio/ogg',
    );
    // No tags in the demo Ogg: the file name stands in for the title.
    expect(ogg.body).toMatchObject({ title: '01-current', durationMs: 14401 });
    const album = await admin.request('POST', '/api/staff/intake/album', {
      title: 'Mareas',
      artist: 'Los Faros',
      language: 'es',
      tracks: [...tracks, TrackUpload.parse(ogg.body)].map((t) => ({ sha256: t.sha256, title: t.title })),
    });
    expect(album.status).toBe(200);
    const id = item(album.body).id;
    expect((await admin.request('POST', `/api/staff/catalog/${id}`, { approved: true, priceCents: 199 })).status).toBe(
      200,
    );
    const device = await enroll(server);
    const pulled = await pullAll(server, device);
    const row = pulled.changes.find((c) => c.op === 'upsert' && c.table === 'catalog' && c.row.id === id);
    expect(row).toMatchObject({ row: { kind: 'album', priceCents: 199, title: 'Mareas' } });
    const files = (row as { row: { files: { sha256: string; durationMs: number }[] } }).row.files;
    expect(files.map((f) => f.durationMs)).toEqual([tracks[0]?.durationMs, tracks[1]?.durationMs, 14401]);
    const blob = await fetch(`${server.url}/api/sync/media/${files[0]?.sha256 ?? ''}`, {
      headers: { authorization: device.auth },
    });
    expect(blob.status).toBe(200);
    // A track nobody uploaded here cannot be put in an album.
    const forged = await admin.request('POST', '/api/staff/intake/album', {
      title: 'Forged',
      artist: '',
      language: 'en',
      tracks: [{ sha256: 'a'.repeat(64), title: 'x' }],
    });
    expect(forged.body).toMatchObject({ error: 'track_not_uploaded' });
  });

  it('refuses a truncated MP3, a truncated Ogg and a file that is not audio, leaving no file behind', async () => {
    const before = mediaFiles();
    const whole = taggedMp3({ title: 'Cut', artist: 'A', album: 'B', track: 1 });
    const ogg = readFileSync(join(resources, 'demo/music/river-songs/02-stones.ogg'));
    for (const [bytes, type, code] of [
      [whole.subarray(0, Math.floor(whole.length * 0.6)), 'audio/mpeg', 'audio_truncated'],
      [ogg.subarray(0, Math.floor(ogg.length / 2)), 'audio/ogg', 'audio_truncated'],
      [readFileSync(join(resources, 'demo/photos/park.jpg')), 'audio/mpeg', 'audio_unreadable'],
      [ogg, 'audio/mpeg', 'audio_unreadable'],
    ] as const) {
      const refused = await admin.upload('/api/staff/intake/track', bytes, type);
      expect(refused.status, code).toBe(422);
      expect(refused.body.error).toBe(code);
    }
    expect((await admin.upload('/api/staff/intake/track', whole, 'audio/flac')).status).toBe(415);
    expect(mediaFiles()).toEqual(before);
  });
});

describe('course intake', () => {
  it('imports the example course (lessons in outline order, answers, pass mark) and refuses a missing lesson', async () => {
    const text = readFileSync(join(resources, 'courses/example-course.json'), 'utf8');
    const added = await admin.request('POST', '/api/staff/intake/course', { course: text });
    expect(item(added.body)).toMatchObject({ kind: 'course', title: 'Writing a good letter' });
    const stored = await server.db
      .selectFrom('catalog')
      .select('course')
      .where('id', '=', item(added.body).id)
      .executeTakeFirstOrThrow();
    const course = JSON.parse(stored.course ?? '') as { passFraction: number; lessons: { id: string }[] };
    expect(course.passFraction).toBe(0.7);
    expect(course.lessons.map((l) => l.id)).toEqual(['start', 'middle', 'end']);
    const before = mediaFiles();
    const count = async () => (await server.db.selectFrom('catalog').select('id').execute()).length;
    const items = await count();
    const json = JSON.parse(text) as { lessons: unknown[]; outline: string[] };
    const missing = JSON.stringify({ ...json, lessons: json.lessons.slice(0, 2) });
    const refused = await admin.request('POST', '/api/staff/intake/course', { course: missing });
    expect(refused.body).toMatchObject({ error: 'course_lesson_missing', params: { lesson: 'end' } });
    const badAnswer = text.replace('"answer": 1', '"answer": 7');
    expect((await admin.request('POST', '/api/staff/intake/course', { course: badAnswer })).body).toMatchObject({
      error: 'course_answer_out_of_range',
    });
    expect((await admin.request('POST', '/api/staff/intake/course', { course: '{"format":' })).body).toMatchObject({
      error: 'course_not_json',
    });
    expect(await count()).toBe(items);
    expect(mediaFiles()).toEqual(before);
  });
});

describe('approval, price and withdrawal', () => {
  it('a bought book stays readable after a withdrawal; each change is audited; reviewers may not', async () => {
    const added = await admin.upload(
      '/api/staff/intake/book',
      readFileSync(join(resources, 'demo/books/river-stories.epub')),
      'application/epub+zip',
    );
    const id = item(added.body).id;
    await admin.request('POST', `/api/staff/catalog/${id}`, { approved: true, priceCents: 0 });
    await admin.request('POST', `/api/staff/catalog/${id}`, { approved: true, priceCents: 150 });
    const inmate = await server.db
      .selectFrom('inmates')
      .select('id')
      .where('doc_number', '=', '100234')
      .executeTakeFirstOrThrow();
    const tablet = await enroll(server, { mode: 'tablet', inmateDoc: '100234' });
    await pullAll(server, tablet);
    const bought = await push(server, tablet, [
      { inmateId: inmate.id, op: { kind: 'purchase', itemId: id, priceCents: 150 } },
    ]);
    expect(bought.results[0]).toMatchObject({ status: 'accepted' });
    const other = await enroll(server, { mode: 'tablet', inmateDoc: '100235' });
    const otherBefore = await pullAll(server, other);
    const mineBefore = await pullAll(server, tablet);
    await admin.request('POST', `/api/staff/catalog/${id}`, { approved: false, priceCents: 0 });
    const mine = await pullAll(server, tablet, mineBefore.cursor);
    const row = mine.changes.find((c) => c.table === 'catalog' && c.op === 'upsert' && c.row.id === id);
    expect(row).toMatchObject({ row: { available: false } });
    const sha = (row as { row: { files: { sha256: string }[] } }).row.files[0]?.sha256 ?? '';
    expect(
      (await fetch(`${server.url}/api/sync/media/${sha}`, { headers: { authorization: tablet.auth } })).status,
    ).toBe(200);
    const theirs = await pullAll(server, other, otherBefore.cursor);
    expect(theirs.changes).toContainEqual(expect.objectContaining({ table: 'catalog', op: 'delete', id }));
    const listed = (await admin.request('GET', '/api/staff/catalog')).body as unknown as StaffCatalogItem[];
    expect(listed.find((i) => i.id === id)).toMatchObject({ approved: false, owners: 1 });
    const audit = await server.db
      .selectFrom('audit_log')
      .select(['action', 'old_value as before', 'new_value as after'])
      .where('target', '=', id)
      .orderBy('at')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['catalog.add', 'catalog.approve', 'catalog.price', 'catalog.withdraw']);
    expect(JSON.parse(audit[2]?.before ?? '')).toEqual({ approved: true, priceCents: 0 });
    expect(JSON.parse(audit[2]?.after ?? '')).toEqual({ approved: true, priceCents: 150 });

    const reviewer = new WebBrowser(server.url);
    await reviewer.request('POST', '/api/staff/signin', {
      email: 'reviewer@riverside.example',
      password: 'riverside-review-1',
    });
    expect((await reviewer.upload('/api/staff/intake/book', bookWithCover(), 'application/epub+zip')).status).toBe(403);
    expect((await reviewer.request('POST', `/api/staff/catalog/${id}`, { approved: true, priceCents: 0 })).status).toBe(
      403,
    );
    expect((await reviewer.request('POST', '/api/staff/intake/course', { course: '{}' })).status).toBe(403);
  });
});
