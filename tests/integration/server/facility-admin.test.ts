import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app';
import { SETTING_BOUNDS } from '../../../shared/domain/facility-settings';
import { demoStaff } from '../../../server/demo/demo-people';
import { linkToken } from '../../support/facility-setup';
import { demoServer, enroll, pullAll, push } from '../../support/server-harness';
import { WebBrowser } from '../../support/web-browser';

let server: RunningServer;
let admin: WebBrowser;
let adminId: string;

async function signedIn(email: string, password: string) {
  const browser = new WebBrowser(server.url);
  const response = await browser.request('POST', '/api/staff/signin', { email, password });
  expect(response.status).toBe(200);
  return browser;
}
const person = (role: string) => demoStaff.find((s) => s.role === role) ?? demoStaff[0]!;
const auditRows = () => server.db.selectFrom('audit_log').selectAll().orderBy('at').orderBy('id').execute();
const storedFacility = () => server.db.selectFrom('facilities').selectAll().executeTakeFirstOrThrow();

/** The newest mailed link to `email` (no SMTP in tests: the mail folder next to the database). */
function mailedLink(email: string): string {
  const dir = join(server.context.mediaDir, '..', 'mail');
  const mails = readdirSync(dir)
    .sort()
    .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as { to: string; link?: string });
  const link = mails.filter((m) => m.to === email && m.link).at(-1)?.link;
  if (!link) throw new Error(`no mail to ${email}`);
  return link;
}

beforeAll(async () => {
  server = await demoServer({ schedulerMs: 0 });
  admin = await signedIn(person('admin').email, person('admin').password);
  adminId = (
    await server.db
      .selectFrom('staff_users')
      .select('id')
      .where('email', '=', person('admin').email)
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => server.close());

describe('facility settings', () => {
  it('refuses every out-of-range value with setting_out_of_range naming the field, and writes nothing', async () => {
    const before = await storedFacility();
    const auditBefore = (await auditRows()).length;
    for (const [field, bounds] of Object.entries(SETTING_BOUNDS)) {
      for (const value of [bounds.min - 1, bounds.max + 1, bounds.min + 0.5, String(bounds.min), null]) {
        const response = await admin.request('POST', '/api/staff/admin/settings', { settings: { [field]: value } });
        expect(response.status, `${field}=${String(value)}`).toBe(400);
        expect(response.body, `${field}=${String(value)}`).toMatchObject({
          error: 'setting_out_of_range',
          params: { field, min: bounds.min, max: bounds.max },
        });
      }
    }
    // One bad value among good ones refuses them all.
    const mixed = await admin.request('POST', '/api/staff/admin/settings', {
      settings: { stampPriceCents: 0, messagesPerDay: 0 },
    });
    expect(mixed.body).toMatchObject({ error: 'setting_out_of_range', params: { field: 'messagesPerDay' } });
    const refusals: [unknown, string][] = [
      [{ settings: { noSuchSetting: 1 } }, 'unknown_setting'],
      [{ settings: { depositMinCents: 30_000, depositMaxCents: 25_000 } }, 'deposit_limits_inverted'],
      [{ feeSchedule: [] }, 'setting_out_of_range'],
      [{ feeSchedule: [{ upToCents: 60_000, feeCents: 100 }] }, 'setting_out_of_range'],
      [{ feeSchedule: [{ upToCents: 10_000, feeCents: -1 }] }, 'setting_out_of_range'],
      [
        {
          feeSchedule: [
            { upToCents: 10_000, feeCents: 100 },
            { upToCents: 5_000, feeCents: 100 },
          ],
        },
        'fee_tiers_out_of_order',
      ],
      [{ reviewMode: 'nobody' }, 'setting_invalid'],
      [{ facility: { timeZone: 'Mars/Olympus' } }, 'setting_invalid'],
      [{ facility: { currency: 'XYZ' } }, 'setting_invalid'],
      [{ facility: { locale: 'fr' } }, 'setting_invalid'],
      [{ facility: { name: '' } }, 'setting_invalid'],
    ];
    for (const [body, code] of refusals) {
      const response = await admin.request('POST', '/api/staff/admin/settings', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error, JSON.stringify(body)).toBe(code);
    }
    const after = await storedFacility();
    expect(after).toEqual(before);
    expect(await auditRows()).toHaveLength(auditBefore);
  });

  it('takes a free stamp and in-range values, audits old → new, and devices get them by sync', async () => {
    const kiosk = await enroll(server, { unitIndex: 0 });
    const { cursor } = await pullAll(server, kiosk);
    const response = await admin.request('POST', '/api/staff/admin/settings', {
      settings: { stampPriceCents: 0, messagesPerDay: SETTING_BOUNDS.messagesPerDay.max, deviceMediaQuotaMb: 2_048 },
      reviewMode: 'keywords',
      facility: { timeZone: 'America/New_York' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ settings: { stampPriceCents: 0 }, reviewMode: 'keywords' });
    const changes = (await auditRows()).filter((a) => a.action === 'settings.change');
    const stamp = changes.find((a) => a.target === 'stampPriceCents');
    expect(stamp).toMatchObject({ actor_id: adminId, old_value: '25', new_value: '0' });
    expect(changes.find((a) => a.target === 'reviewMode')).toMatchObject({
      old_value: '"all"',
      new_value: '"keywords"',
    });
    expect(changes.find((a) => a.target === 'timeZone')?.new_value).toBe('"America/New_York"');
    const pulled = await pullAll(server, kiosk, cursor);
    const facility = pulled.changes.find((c) => c.op === 'upsert' && c.table === 'facilities');
    expect(facility?.op === 'upsert' && facility.row).toMatchObject({
      stampPriceCents: 0,
      deviceMediaQuotaMb: 2_048,
      timeZone: 'America/New_York',
    });
  });

  it('a reviewer and a technician cannot change settings or units, nor see staff', async () => {
    const before = await storedFacility();
    for (const role of ['reviewer', 'technician'] as const) {
      const staff = await signedIn(person(role).email, person(role).password);
      const change = await staff.request('POST', '/api/staff/admin/settings', { settings: { stampPriceCents: 99 } });
      expect(change.status, role).toBe(403);
      expect((await staff.request('POST', '/api/staff/admin/units', { name: 'Unit X' })).status, role).toBe(403);
      expect((await staff.request('GET', '/api/staff/admin/staff')).status, role).toBe(403);
    }
    expect(await storedFacility()).toEqual(before);
  });
});

describe('messages per inmate per day', () => {
  it('an inmate cannot send more than the facility allows today', async () => {
    const inmate = await server.db
      .selectFrom('inmates')
      .select('id')
      .where('doc_number', '=', '100234')
      .executeTakeFirstOrThrow();
    const contact = await server.db
      .selectFrom('contacts')
      .select('id')
      .where('inmate_id', '=', inmate.id)
      .where('status', '=', 'approved')
      .executeTakeFirstOrThrow();
    const kiosk = await enroll(server, { unitIndex: 0 });
    const send = () =>
      push(server, kiosk, [
        { inmateId: inmate.id, op: { kind: 'message.send', contactId: contact.id, replyTo: null, body: 'hello' } },
      ]);
    expect((await send()).results[0]?.status).toBe('accepted');
    const sentToday = await server.db
      .selectFrom('messages')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .where('inmate_id', '=', inmate.id)
      .where('direction', '=', 'out')
      .where('created_at', '>=', Date.now() - 24 * 3_600_000)
      .executeTakeFirstOrThrow();
    const limit = Math.max(SETTING_BOUNDS.messagesPerDay.min, sentToday.n);
    expect(
      (await admin.request('POST', '/api/staff/admin/settings', { settings: { messagesPerDay: limit } })).status,
    ).toBe(200);
    expect((await send()).results[0]).toMatchObject({ status: 'rejected', reason: 'daily_limit' });
  });
});

describe('units and staff', () => {
  it('creates and renames units, invites, changes a role and deactivates, each with an audit row', async () => {
    const unit = await admin.request('POST', '/api/staff/admin/units', { name: 'Unit C — East' });
    expect(unit.status).toBe(200);
    const unitId = String(unit.body.id);
    expect((await admin.request('POST', '/api/staff/admin/units', { name: 'unit c — east' })).body.error).toBe(
      'unit_exists',
    );
    expect((await admin.request('POST', `/api/staff/admin/units/${unitId}`, { name: 'Unit C — West' })).status).toBe(
      200,
    );

    const email = 'new.reviewer@riverside.example';
    const invite = await admin.request('POST', '/api/staff/admin/staff', {
      email,
      displayName: 'New',
      role: 'reviewer',
    });
    expect(invite.status).toBe(200);
    const staffId = String(invite.body.id);
    expect(
      (await admin.request('POST', '/api/staff/admin/staff', { email, displayName: 'Twice', role: 'admin' })).body
        .error,
    ).toBe('email_taken');
    // Invited: no sign-in until the link is followed.
    const password = 'reviewer password 1';
    expect((await new WebBrowser(server.url).request('POST', '/api/staff/signin', { email, password })).status).toBe(
      401,
    );
    const anon = new WebBrowser(server.url);
    const token = linkToken(mailedLink(email));
    expect((await anon.request('POST', '/api/staff/link', { token })).body).toEqual({ purpose: 'invite', email });
    const accepted = await anon.request('POST', '/api/staff/link/accept', {
      token,
      password,
      securityQuestion: 'Pet?',
      securityAnswer: 'Rex',
    });
    expect(accepted.status).toBe(200);
    const reviewer = await signedIn(email, password);
    expect((await reviewer.request('GET', '/api/staff/me')).body).toEqual({ role: 'reviewer' });

    expect((await admin.request('POST', `/api/staff/admin/staff/${staffId}/role`, { role: 'finance' })).status).toBe(
      200,
    );
    expect((await reviewer.request('GET', '/api/staff/me')).body).toEqual({ role: 'finance' });
    expect((await reviewer.request('GET', '/api/staff/admin/settings')).status).toBe(200);
    expect((await admin.request('POST', `/api/staff/admin/staff/${staffId}/deactivate`, {})).status).toBe(200);
    expect((await reviewer.request('GET', '/api/staff/me')).status).toBe(401);
    expect((await new WebBrowser(server.url).request('POST', '/api/staff/signin', { email, password })).status).toBe(
      401,
    );

    const audit = await auditRows();
    const entry = (action: string, target: string) => audit.find((a) => a.action === action && a.target === target);
    expect(entry('unit.create', unitId)).toMatchObject({ actor_id: adminId, new_value: '"Unit C — East"' });
    expect(entry('unit.rename', unitId)).toMatchObject({ old_value: '"Unit C — East"', new_value: '"Unit C — West"' });
    expect(entry('staff.invite', staffId)).toMatchObject({ actor_id: adminId });
    expect(entry('staff.invite_accepted', staffId)).toMatchObject({ actor_id: staffId });
    expect(entry('staff.role', staffId)).toMatchObject({ old_value: '"reviewer"', new_value: '"finance"' });
    expect(entry('staff.deactivate', staffId)).toMatchObject({ actor_id: adminId, new_value: '"deactivated"' });
    for (const row of audit) expect(row.at).toBeGreaterThan(0);
    const trail = await admin.request('GET', '/api/staff/admin/audit');
    expect((trail.body as unknown as { action: string }[]).some((a) => a.action === 'staff.deactivate')).toBe(true);
  });

  it('keeps one active admin: the last cannot be demoted or deactivated', async () => {
    const deactivate = await admin.request('POST', `/api/staff/admin/staff/${adminId}/deactivate`, {});
    expect(deactivate.body.error).toBe('last_admin');
    const demote = await admin.request('POST', `/api/staff/admin/staff/${adminId}/role`, { role: 'reviewer' });
    expect(demote.body.error).toBe('last_admin');
    expect((await admin.request('GET', '/api/staff/me')).body).toEqual({ role: 'admin' });
  });
});
