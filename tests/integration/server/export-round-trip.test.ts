import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../server/app';
import { exportFacility, type ExportResult } from '../../../server/domain/export/facility-export';
import { importFacility } from '../../../server/domain/export/facility-import';
import { demoInmates } from '../../../server/demo/demo-people';
import type { KioskClient } from '../../../shared/kiosk-api/client';
import { kioskStack, signIn, type KioskStack } from '../../support/kiosk-stack';
import { demoServer, sha256, testDatabase, testStore } from '../../support/server-harness';

/**
 * Issue #18's round trip: the demo facility (with a purchase and a passed course lesson made on
 * a device) is exported, imported into a fresh server, and a device enrolled on the new server
 * shows three inmates the same inbox, balance, purchases and course progress, field by field;
 * every blob hashes the same in both media stores.
 */
let source: RunningServer;
let target: RunningServer;
let before: KioskStack;
let after: KioskStack;
let exported: ExportResult;
const three = demoInmates.filter((inmate) => inmate.unit === 0).slice(0, 3);

/** What one inmate sees on a device, without what is bound to the device or session (media tokens). */
async function view(client: KioskClient) {
  const inbox = [];
  for (let offset = 0; ; offset += 50) {
    const page = await client.call('inbox.list', { filter: 'all', search: '', offset, limit: 50 });
    inbox.push(...page.rows);
    if (offset + 50 >= page.total) break;
  }
  const outgoing = await client.call('messages.outgoing', {});
  const account = await client.call('account.summary', {});
  const library = await Promise.all(
    (['book', 'album', 'course', 'game'] as const).map((kind) => client.call('library.catalog', { kind, search: '' })),
  );
  const courses = await Promise.all(
    library[2]?.map((course) => client.call('courses.get', { courseId: course.id })) ?? [],
  );
  const tickets = await client.call('support.list', {});
  return { inbox, outgoing, account, library, courses, tickets };
}

async function makeProgress(client: KioskClient) {
  const courses = await client.call('library.catalog', { kind: 'course', search: '' });
  const course = courses.find((c) => c.title === 'Money basics');
  const lesson = course && (await client.call('courses.get', { courseId: course.id })).lessons[0];
  if (!course || !lesson) throw new Error('no demo course');
  const result = await client.call('courses.submitQuiz', {
    clientId: uuidv7(),
    courseId: course.id,
    lessonId: lesson.id,
    answers: { q1: 0, q2: 1, q3: 0 },
  });
  expect(result.passed).toBe(true);
  const album = (await client.call('library.catalog', { kind: 'album', search: '' })).find((a) => a.priceCents > 0);
  if (!album) throw new Error('no paid album');
  await client.call('library.purchase', { clientId: uuidv7(), itemId: album.id });
}

beforeAll(async () => {
  source = await demoServer();
  before = await kioskStack({ server: source });
  await before.synced();
  const first = three[0];
  if (!first) throw new Error('no demo inmate');
  const client = await before.client('maker');
  await signIn(client, first.doc, first.pin, first.answer);
  await makeProgress(client);
  await before.synced();

  const dir = mkdtempSync(join(tmpdir(), 'kiosk-export-'));
  const facility = await source.db.selectFrom('facilities').select('id').executeTakeFirstOrThrow();
  exported = await exportFacility(source.db, source.media, facility.id, join(dir, 'facility.zip'), { now: Date.now() });

  target = await startServer({
    ...(await testStore(mkdtempSync(join(tmpdir(), 'kiosk-import-')))),
    port: 0,
    seed: 'none',
    logLevel: 'silent',
    reviewUndoMs: 0,
  });
  expect(target.databaseKind).toBe(testDatabase);
  await importFacility(target.db, target.media, join(dir, 'facility.zip'));
  after = await kioskStack({ server: target });
  await after.synced();
}, 240_000);

afterAll(async () => {
  await after?.close();
  await before?.close();
  await target?.close();
  await source?.close();
});

describe('a facility moved to another server', () => {
  it.each(three.map((inmate) => [inmate.doc, inmate] as const))(
    'shows inmate %s the same inbox, balance, purchases, course progress and tickets',
    async (doc, inmate) => {
      const old = await before.client(`old-${doc}`);
      const moved = await after.client(`new-${doc}`);
      await signIn(old, inmate.doc, inmate.pin, inmate.answer);
      await signIn(moved, inmate.doc, inmate.pin, inmate.answer);
      const was = await view(old);
      const is = await view(moved);
      expect(was.inbox.length).toBeGreaterThan(0);
      expect(is.inbox).toEqual(was.inbox);
      expect(is.outgoing).toEqual(was.outgoing);
      expect(is.account).toEqual(was.account);
      expect(is.library).toEqual(was.library);
      expect(is.courses).toEqual(was.courses);
      expect(is.tickets).toEqual(was.tickets);
    },
  );

  it('the first inmate kept the purchase and the passed lesson made before the move', async () => {
    const first = three[0];
    if (!first) throw new Error('no demo inmate');
    const moved = await after.client('check-progress');
    await signIn(moved, first.doc, first.pin, first.answer);
    const { courses, library } = await view(moved);
    expect(courses.some((course) => course.completedLessonIds.length > 0)).toBe(true);
    expect(library[1]?.some((album) => album.owned && album.priceCents > 0)).toBe(true);
  });

  it('holds every blob of the facility with the same bytes', async () => {
    expect(exported.manifest.media.length).toBeGreaterThan(0);
    for (const blob of exported.manifest.media) {
      const original = await source.media.readAll(blob.sha256);
      const copy = await target.media.readAll(blob.sha256);
      expect(sha256(copy)).toBe(sha256(original));
      expect(sha256(copy)).toBe(blob.sha256);
    }
  });
});

describe('an export asked for at the kiosk', () => {
  it('is built on the server for staff to hand over, and nothing of it lands on the device', async () => {
    const first = three[0];
    if (!first) throw new Error('no demo inmate');
    const client = await before.client('asks-for-export');
    await signIn(client, first.doc, first.pin, first.answer);
    const clientId = uuidv7();
    await client.call('account.requestExport', { clientId });
    await client.call('account.requestExport', { clientId }); // a repeated tap asks once
    await before.synced();
    const inmate = await source.db
      .selectFrom('inmates')
      .select('id')
      .where('doc_number', '=', first.doc)
      .executeTakeFirstOrThrow();
    const asked = await source.db.selectFrom('export_jobs').selectAll().where('subject_id', '=', inmate.id).execute();
    expect(asked.map((job) => [job.status, job.requested_by_kind])).toEqual([['requested', 'inmate']]);
    expect(await source.exports.claimRequested()).toBe(1);
    expect(await source.exports.claimRequested()).toBe(0);
    await source.exports.settled(asked[0]?.id ?? '');
    const job = await source.db
      .selectFrom('export_jobs')
      .selectAll()
      .where('subject_id', '=', inmate.id)
      .executeTakeFirstOrThrow();
    expect(job.status).toBe('ready');
    const onDevice = readdirSync(before.deviceDir, { recursive: true }).map(String);
    expect(onDevice.filter((name) => name.endsWith('.zip') || name.endsWith('manifest.json'))).toEqual([]);
  });
});
