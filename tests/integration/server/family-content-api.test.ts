import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app';
import { sendFamilyMessage } from '../../../server/domain/messages/family-messages';
import { ECARD_TEMPLATE_IDS } from '../../../shared/domain/ecards';
import { demoServer, enroll, pullAll } from '../../support/server-harness';
import { portalPeople, rows } from '../../support/web-browser';

/** Content over the portal API: the roster and catalog, family videograms, eCards. */
let server: RunningServer;
beforeAll(async () => {
  server = await demoServer();
});
afterAll(() => server.close());

const { family, staff } = portalPeople(() => server.url);

describe('roster and catalog', () => {
  it('imports a CSV roster: a dry run names each bad row by code, a commit with a bad row writes nothing', async () => {
    const admin = await staff('admin@riverside.example', 'riverside-admin-1');
    const bad = [
      'doc_number,first_name,last_name,unit,language,pin,security_question,security_answer',
      '300001,Ana,Pérez,Unit A — North,es,4455,"¿Color favorito?",Azul',
      '300002,,Nolast,Unit A — North,en,4455,Q?,A',
      '300003,Bo,Smith,Unit Z,en,12,Q?,A',
      '100234,Dup,Licate,Unit A — North,en,4455,Q?,A',
      '"300004","Cy","O\'Neil, Jr.",Unit B — South,en,987654,"Pet, first?",Rex',
    ].join('\n');
    const problems = (body: unknown) =>
      (body as { rows: { row: number; problems: { code: string }[] }[] }).rows.map((r) => [
        r.row,
        r.problems.map((p) => p.code),
      ]);
    const dry = await admin.request('POST', '/api/staff/roster', { csv: bad });
    expect(dry.body).toMatchObject({ committed: false, imported: 0, fileProblem: null });
    expect(problems(dry.body)).toEqual([
      [2, []],
      [3, ['name_required']],
      [4, ['unit_unknown', 'pin_invalid']],
      [5, ['doc_on_roster']],
      [6, []],
    ]);
    const refused = await admin.request('POST', '/api/staff/roster', { csv: bad, commit: true });
    expect(refused.body).toMatchObject({ committed: false, imported: 0 });
    const docs = () =>
      server.db
        .selectFrom('inmates')
        .select(['doc_number', 'last_name'])
        .where('doc_number', 'in', ['300001', '300004'])
        .orderBy('doc_number')
        .execute();
    expect(await docs()).toEqual([]);
    const good = bad
      .split('\n')
      .filter((_, i) => i === 0 || i === 1 || i === 5)
      .join('\n');
    expect((await admin.request('POST', '/api/staff/roster', { csv: good, commit: true })).body).toMatchObject({
      committed: true,
      imported: 2,
    });
    expect(await docs()).toEqual([
      { doc_number: '300001', last_name: 'Pérez' },
      { doc_number: '300004', last_name: "O'Neil, Jr." },
    ]);
    const again = await admin.request('POST', '/api/staff/roster', { csv: good, commit: true });
    expect(again.body).toMatchObject({ committed: false, imported: 0 });
    expect(problems(again.body)).toEqual([
      [2, ['doc_on_roster']],
      [3, ['doc_on_roster']],
    ]);
    expect((await admin.request('POST', '/api/staff/roster', { csv: 'doc,name\n1,x' })).body).toMatchObject({
      fileProblem: { code: 'columns_missing' },
    });
  });

  it('approving or withdrawing a catalog item reaches devices; a reviewer may not', async () => {
    const admin = await staff('admin@riverside.example', 'riverside-admin-1');
    const catalog = rows((await admin.request('GET', '/api/staff/catalog')).body) as unknown as {
      id: string;
      approved: boolean;
      title: string;
    }[];
    const book = catalog.find((c) => c.title === 'Cuentos del mar');
    expect(book?.approved).toBe(true);
    const device = await enroll(server);
    const before = await pullAll(server, device);
    const cursor = before.cursor;
    expect(
      (await admin.request('POST', `/api/staff/catalog/${book?.id ?? ''}`, { approved: false, priceCents: 0 })).status,
    ).toBe(200);
    const after = await pullAll(server, device, cursor);
    expect(after.changes).toEqual([
      expect.objectContaining({ table: 'catalog', op: 'delete', id: book?.id }) as unknown,
    ]);
    await admin.request('POST', `/api/staff/catalog/${book?.id ?? ''}`, { approved: true, priceCents: 349 });
    const again = await pullAll(server, device, after.cursor);
    expect(again.changes[0]).toMatchObject({ table: 'catalog', op: 'upsert', row: { priceCents: 349 } });
    const reviewer = await staff('reviewer@riverside.example', 'riverside-review-1');
    expect((await reviewer.request('GET', '/api/staff/catalog')).status).toBe(403);
  });
});

describe('family videograms', () => {
  it('verifies the length from the file, holds a scheduled one until its time, and refuses over three minutes', async () => {
    const { announceDueMessages } = await import('../../../server/domain/messages/scheduled-delivery');
    const f = await family('video@example.com');
    const contact = await f.request('POST', '/api/family/contacts', { docNumber: '100234', relationship: null });
    const admin = await staff('admin@riverside.example', 'riverside-admin-1');
    await admin.request('POST', `/api/staff/contacts/${String(contact.body.id)}`, { approve: true });
    const video = readFileSync(join(import.meta.dirname, '../../../resources/demo/videos/kids-say-hi.webm'));
    const later = Date.now() + 3_600_000;
    const sent = await f.upload(
      `/api/family/videograms?contactId=${String(contact.body.id)}&deliverAt=${later}`,
      video,
      'video/webm',
    );
    expect(sent.body).toMatchObject({ status: 'pending_review', deliverAt: later });
    expect(Math.abs(Number(sent.body.durationMs) - 10_023)).toBeLessThan(200);
    await admin.request('POST', `/api/staff/review/${String(sent.body.id)}`, { decision: 'approve' });
    const device = await enroll(server);
    const visible = async () =>
      (await pullAll(server, device)).changes.some(
        (c) => c.op === 'upsert' && c.table === 'messages' && c.row.id === sent.body.id,
      );
    expect(await visible()).toBe(false); // approved, but not due yet
    await server.db
      .updateTable('messages')
      .set({ deliver_at: Date.now() - 1 })
      .where('id', '=', String(sent.body.id))
      .execute();
    expect(await announceDueMessages(server.context)).toBeGreaterThanOrEqual(1);
    expect(await visible()).toBe(true);

    const { webmWithDuration } = await import('../../support/webm');
    const long = await f.upload(
      `/api/family/videograms?contactId=${String(contact.body.id)}`,
      webmWithDuration(181_000),
      'video/webm',
    );
    expect(long).toMatchObject({ status: 400, body: { error: 'duration_exceeded' } });
    const notVideo = await f.upload(
      `/api/family/videograms?contactId=${String(contact.body.id)}`,
      Buffer.from('hello'),
      'video/webm',
    );
    expect(notVideo).toMatchObject({ status: 415 });
  });
});

describe('eCards', () => {
  it('refuses an unknown eCard template with nothing written, and takes every template in the shared list', async () => {
    const carla = await family('carla.ecards@example.com');
    const contact = await carla.request('POST', '/api/family/contacts', { docNumber: '100238', relationship: null });
    const admin = await staff('admin@riverside.example', 'riverside-admin-1');
    await admin.request('POST', `/api/staff/contacts/${String(contact.body.id)}`, { approve: true });
    const count = async () =>
      (
        await server.db
          .selectFrom('messages')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('contact_id', '=', String(contact.body.id))
          .executeTakeFirstOrThrow()
      ).n;
    const send = (templateId: string) =>
      carla.request('POST', '/api/family/messages', {
        contactId: contact.body.id,
        body: '',
        photos: [],
        ecard: { templateId, greeting: 'Hi!' },
      });

    for (const templateId of ['halloween', '', 'BIRTHDAY', '../birthday']) {
      const refused = await send(templateId);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ error: 'validation' });
    }
    expect(await count()).toBe(0);

    // The domain refuses it too, for any caller besides the route.
    const row = await server.db
      .selectFrom('contacts')
      .select('family_id')
      .where('id', '=', String(contact.body.id))
      .executeTakeFirstOrThrow();
    await expect(
      sendFamilyMessage(server.context, server.media, row.family_id, {
        contactId: String(contact.body.id),
        body: '',
        photos: [],
        ecard: { templateId: 'halloween', greeting: '' },
      }),
    ).rejects.toMatchObject({ status: 400, code: 'unknown_template' });
    expect(await count()).toBe(0);

    for (const templateId of ECARD_TEMPLATE_IDS) expect((await send(templateId)).status).toBe(200);
    expect(await count()).toBe(ECARD_TEMPLATE_IDS.length);
  });
});
