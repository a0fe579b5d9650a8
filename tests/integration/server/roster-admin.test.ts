import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app';
import { demoServer, enroll, pullAll } from '../../support/server-harness';
import { signedInFamily, WebBrowser } from '../../support/web-browser';

let server: RunningServer;
beforeAll(async () => {
  server = await demoServer();
});
afterAll(() => server.close());

async function staff(email: string, password: string) {
  const browser = new WebBrowser(server.url);
  expect((await browser.request('POST', '/api/staff/signin', { email, password })).status).toBe(200);
  return browser;
}
const admin = () => staff('admin@riverside.example', 'riverside-admin-1');

async function units() {
  const options = await (await admin()).request('GET', '/api/staff/roster/options');
  return options.body as unknown as { units: { id: string; name: string }[] };
}

async function auditRows(subjectId: string) {
  return server.db
    .selectFrom('audit_log')
    .innerJoin('staff_users', 'staff_users.id', 'audit_log.actor_id')
    .select([
      'audit_log.action',
      'audit_log.old_value as before',
      'audit_log.new_value as after',
      'audit_log.at',
      'staff_users.email',
    ])
    .where('audit_log.target', '=', subjectId)
    .orderBy('audit_log.at')
    .orderBy('audit_log.id')
    .execute();
}

describe('the roster in the staff console', () => {
  it('adds, edits, sets the language and deactivates a person, each change audited (who, when, old → new)', async () => {
    const a = await admin();
    const {
      units: [unitA],
    } = await units();
    const added = await a.request('POST', '/api/staff/inmates', {
      docNumber: 'R-5001',
      firstName: 'Rosa',
      lastName: 'Quintero',
      unitId: unitA?.id,
      language: 'es',
      pin: '2468',
      securityQuestion: '¿Ciudad natal?',
      securityAnswer: 'Ponce',
    });
    expect(added.status).toBe(200);
    const id = String(added.body.id);
    const again = await a.request('POST', '/api/staff/inmates', {
      docNumber: 'R-5001',
      firstName: 'Otra',
      lastName: 'Persona',
      unitId: unitA?.id,
      language: 'en',
      pin: '2468',
      securityQuestion: 'Q?',
      securityAnswer: 'A',
    });
    expect(again.body).toMatchObject({ error: 'doc_on_roster' });
    expect(
      (await a.request('POST', `/api/staff/inmates/${id}`, { lastName: 'Quintero Díaz', language: 'en' })).status,
    ).toBe(200);
    expect((await a.request('POST', `/api/staff/inmates/${id}/status`, { active: false })).status).toBe(200);
    const found = await a.request('GET', '/api/staff/inmates?q=R-500');
    expect(found.body.items).toEqual([
      expect.objectContaining({ id, lastName: 'Quintero Díaz', language: 'en', status: 'inactive' }) as unknown,
    ]);
    const rows = await auditRows(id);
    expect(rows.map((r) => [r.action, r.email])).toEqual([
      ['inmate.add', 'admin@riverside.example'],
      ['inmate.edit', 'admin@riverside.example'],
      ['inmate.deactivate', 'admin@riverside.example'],
    ]);
    expect(JSON.parse(rows[1]?.before ?? '')).toEqual({ lastName: 'Quintero', language: 'es' });
    expect(JSON.parse(rows[1]?.after ?? '')).toEqual({ lastName: 'Quintero Díaz', language: 'en' });
    expect(JSON.parse(rows[2]?.after ?? '')).toEqual({ status: 'inactive' });
    const trail = await a.request('GET', `/api/staff/inmates/${id}/audit`);
    expect(trail.body).toHaveLength(3);
    // A device sees a deactivated person as unable to sign in (released), never an unknown status.
    const device = await enroll(server, { unitIndex: 0 });
    const pulled = await pullAll(server, device);
    expect(pulled.changes).toContainEqual(
      expect.objectContaining({ op: 'upsert', row: expect.objectContaining({ id, status: 'released' }) as unknown }),
    );
  });

  it('moves a person to another unit: the new unit gets their messages, the old unit a tombstone', async () => {
    const a = await admin();
    const { units: list } = await units();
    const [unitA, unitB] = list;
    const person = await server.db
      .selectFrom('inmates')
      .innerJoin('messages', 'messages.inmate_id', 'inmates.id')
      .select(['inmates.id'])
      .where('inmates.unit_id', '=', unitA?.id ?? '')
      .where('inmates.status', '=', 'active')
      .where('messages.direction', '=', 'out')
      .executeTakeFirstOrThrow();
    const oldKiosk = await enroll(server, { unitIndex: 0 });
    const newKiosk = await enroll(server, { unitIndex: 1 });
    const oldBefore = await pullAll(server, oldKiosk);
    const newBefore = await pullAll(server, newKiosk);
    expect(newBefore.changes.some((c) => c.op === 'upsert' && c.table === 'inmates' && c.row.id === person.id)).toBe(
      false,
    );
    expect((await a.request('POST', `/api/staff/inmates/${person.id}`, { unitId: unitB?.id })).status).toBe(200);
    const oldAfter = await pullAll(server, oldKiosk, oldBefore.cursor);
    expect(oldAfter.changes).toContainEqual(expect.objectContaining({ table: 'inmates', op: 'delete', id: person.id }));
    const newAfter = await pullAll(server, newKiosk, newBefore.cursor);
    const tables = new Set(newAfter.changes.filter((c) => c.op === 'upsert').map((c) => c.table));
    expect([...tables]).toEqual(expect.arrayContaining(['inmates', 'accounts', 'messages', 'contacts']));
    const [move] = (await auditRows(person.id)).filter((r) => r.action === 'inmate.move');
    expect(JSON.parse(move?.before ?? '')).toEqual({ unitId: unitA?.id });
    expect(JSON.parse(move?.after ?? '')).toEqual({ unitId: unitB?.id });
    // A unit of no facility of this admin's: refused, nothing changed.
    const wrong = await a.request('POST', `/api/staff/inmates/${person.id}`, {
      unitId: '01900000-0000-7000-8000-000000000000',
    });
    expect(wrong.body).toMatchObject({ error: 'unit_unknown' });
  });

  it('releases after a confirmation naming the person and the amount; the family sees the release card', async () => {
    const a = await admin();
    const person = await server.db
      .selectFrom('inmates')
      .select(['id', 'doc_number', 'first_name', 'last_name'])
      .where('doc_number', '=', '100238')
      .executeTakeFirstOrThrow();
    const family = await signedInFamily(server.url, `release.${Date.now()}@example.com`);
    const contact = await family.request('POST', '/api/family/contacts', { docNumber: '100238', relationship: null });
    await a.request('POST', `/api/staff/contacts/${String(contact.body.id)}`, { approve: true });
    const preview = await a.request('GET', `/api/staff/inmates/${person.id}/release`);
    expect(preview.body).toMatchObject({ firstName: person.first_name, lastName: person.last_name });
    const amount = Number(preview.body.balanceCents);
    const done = await a.request('POST', `/api/staff/inmates/${person.id}/release`, { confirmCents: amount });
    expect(done.body).toMatchObject({ releasedCents: amount });
    const cards = await family.request('GET', '/api/family/release-cards');
    expect(cards.body).toEqual([
      {
        inmateName: `${person.first_name} ${person.last_name}`,
        amountCents: amount,
        cardLastFour: done.body.cardLastFour,
        issuedAt: expect.any(Number) as number,
      },
    ]);
    const [released] = (await auditRows(person.id)).filter((r) => r.action === 'inmate.release');
    expect(JSON.parse(released?.before ?? '')).toMatchObject({ status: 'active', balanceCents: amount });
    // Someone else's family sees nothing of it.
    const stranger = await signedInFamily(server.url, `stranger.${Date.now()}@example.com`);
    expect((await stranger.request('GET', '/api/family/release-cards')).body).toEqual([]);
  });

  it('is for admins only; a reviewer gets 403 on every roster route', async () => {
    const reviewer = await staff('reviewer@riverside.example', 'riverside-review-1');
    const someone = await server.db.selectFrom('inmates').select('id').executeTakeFirstOrThrow();
    const audited = (await auditRows(someone.id)).length;
    for (const [method, path, body] of [
      ['GET', '/api/staff/inmates', undefined],
      ['GET', '/api/staff/roster/options', undefined],
      ['POST', `/api/staff/inmates/${someone.id}`, { language: 'es' }],
      ['POST', `/api/staff/inmates/${someone.id}/status`, { active: false }],
      ['GET', `/api/staff/inmates/${someone.id}/release`, undefined],
      ['POST', '/api/staff/roster', { csv: 'x' }],
    ] as const) {
      expect((await reviewer.request(method, path, body)).status, path).toBe(403);
    }
    expect((await auditRows(someone.id)).length).toBe(audited);
  });
});
