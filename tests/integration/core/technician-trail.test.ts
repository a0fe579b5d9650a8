import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskClient } from '../../../shared/kiosk-api/client';
import { kioskStack, signIn, until, type KioskStack } from '../../support/kiosk-stack';

/**
 * A technician at the device looks a message up by its id from the diagnostics screen: the trail comes
 * from the facility through the device's own server connection, as a technician may see it (why it was
 * held, not who reviewed it), and the lookup is on the technician audit record.
 */
let stack: KioskStack;
let tech: KioskClient;
let inmate: KioskClient;
beforeAll(async () => {
  stack = await kioskStack();
  await stack.synced();
  tech = await stack.client('tech-screen');
  inmate = await stack.client('inmate-screen');
  await signIn(inmate, '100234', '2468', 'rex');
  const result = await tech.call('technician.signIn', { login: 'Sam Ortiz', secret: 'tech-2468' });
  if (!result.ok) throw new Error(`technician sign-in failed: ${result.problem}`);
}, 60_000);
afterAll(() => stack.close());

describe('the technician message lookup', () => {
  it("finds an inmate's reply by its outbox id: written and pushed here, held at the facility, no reviewer", async () => {
    const inbox = await inmate.call('inbox.list', { filter: 'all', search: '', offset: 0, limit: 1 });
    const original = inbox.rows[0];
    if (!original) throw new Error('empty inbox');
    const clientId = uuidv7();
    await inmate.call('messages.send', { clientId, replyTo: original.id, body: 'See you Sunday.' });
    await until(
      () => inmate.call('messages.outgoing', {}),
      (list) => list.find((m) => m.id === clientId)?.status === 'in_review',
      20_000,
    );
    const found = await tech.call('technician.messageTrail', { id: clientId });
    if (!found.ok) throw new Error(`lookup failed: ${found.problem}`);
    expect(found).toMatchObject({ fromServer: true, direction: 'out', status: 'pending_review' });
    expect(found.events.map((e) => e.kind)).toEqual(['written', 'queued', 'pushed', 'received', 'held']);
    expect(found.events.find((e) => e.kind === 'held')?.detail).toEqual({ by: 'policy' });
    expect(found.events.every((e) => e.actor === null && e.detail.terms === undefined)).toBe(true);

    // Reviewed at the facility: the technician sees the decision and its reason code, not the reviewer.
    const message = await stack.server.db
      .selectFrom('messages')
      .select('id')
      .where('client_op_id', '=', clientId)
      .executeTakeFirstOrThrow();
    const reviewer = await stack.server.db
      .selectFrom('staff_users')
      .select('id')
      .where('email', '=', 'reviewer@riverside.example')
      .executeTakeFirstOrThrow();
    await stack.server.db
      .insertInto('message_events')
      .values({
        id: uuidv7(),
        message_id: message.id,
        at: Date.now(),
        kind: 'decided',
        source: 'server',
        actor_id: reviewer.id,
        detail: JSON.stringify({ decision: 'reject', reasonCode: 'threat' }),
      })
      .execute();
    const byServerId = await tech.call('technician.messageTrail', { id: message.id });
    if (!byServerId.ok) throw new Error(`lookup failed: ${byServerId.problem}`);
    expect(byServerId.events.at(-1)).toMatchObject({
      kind: 'decided',
      actor: null,
      detail: { decision: 'reject', reasonCode: 'threat' },
    });
  });

  it('says not_found for an id the facility does not know for this device, and is on the audit record', async () => {
    const unknown = uuidv7();
    expect(await tech.call('technician.messageTrail', { id: unknown })).toEqual({ ok: false, problem: 'not_found' });
    const audit = await tech.call('technician.audit', {});
    expect(audit.filter((a) => a.action === 'message-trail').length).toBeGreaterThanOrEqual(3);
  });

  it('is for the technician who signed in on this screen only', async () => {
    await expect(inmate.call('technician.messageTrail', { id: uuidv7() })).rejects.toMatchObject({
      code: 'unauthorized',
    });
    const other = await stack.client('other-screen');
    await expect(other.call('technician.messageTrail', { id: uuidv7() })).rejects.toMatchObject({
      code: 'unauthorized',
    });
  });
});
