import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskClient } from '../../../shared/kiosk-api/client';
import { FacilityRow } from '../../../shared/sync/rows';
import { sendFamilyMessage } from '../../../server/domain/messages/family-messages';
import { decideNow } from '../../support/review';
import { signIn, stackWithDaniel, until, type KioskStack } from '../../support/kiosk-stack';

/**
 * The device end to end over the preview host's HTTP API: a real server,
 * core in its own process, the encrypted cache, sync. What an inmate does
 * at the kiosk, and what another inmate at the same kiosk must never see
 * (signing in, session events and the cache on disk: inmate-sign-in).
 */
let stack: KioskStack;
/** This file's patience for the device and server to catch up. */
const waitFor = <T>(what: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 15_000) =>
  until(what, ok, timeoutMs);
let daniel: KioskClient;

beforeAll(async () => {
  ({ stack, daniel } = await stackWithDaniel());
  await signIn(daniel, '100234', '2468', 'rex');
}, 60_000);
afterAll(() => stack.close());

describe('messages', () => {
  it('lists, filters and searches the inbox newest first', async () => {
    const page = await daniel.call('inbox.list', { filter: 'all', search: '', offset: 0, limit: 20 });
    expect(page.total).toBeGreaterThan(20);
    expect(page.rows).toHaveLength(20);
    const times = page.rows.map((r) => r.receivedAt);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const unread = await daniel.call('inbox.list', { filter: 'unread', search: '', offset: 0, limit: 200 });
    expect(unread.rows.every((r) => r.unread)).toBe(true);
    const grandma = await daniel.call('inbox.list', {
      filter: 'all',
      search: 'grandma surgery',
      offset: 0,
      limit: 200,
    });
    expect(grandma.rows.length).toBeGreaterThan(0);
    expect(grandma.rows.every((r) => /grandma/i.test(r.preview))).toBe(true);
    // Query syntax typed by a user is just text.
    await expect(
      daniel.call('inbox.list', { filter: 'all', search: '"NEAR(* OR', offset: 0, limit: 5 }),
    ).resolves.toBeDefined();
  });

  it('reads a message, marks it read, and the server hears of it', async () => {
    const unread = await daniel.call('inbox.list', { filter: 'unread', search: '', offset: 0, limit: 1 });
    const row = unread.rows[0];
    expect(row).toBeDefined();
    if (!row) return;
    const message = await daniel.call('messages.get', { id: row.id });
    expect(message.unread).toBe(true);
    await daniel.call('messages.markRead', { id: row.id });
    expect((await daniel.call('messages.get', { id: row.id })).unread).toBe(false);
    await waitFor(
      () => stack.server.db.selectFrom('messages').select('read_at').where('id', '=', row.id).executeTakeFirstOrThrow(),
      (m) => m.read_at !== null,
    );
  });

  it('replies: queued at once, on the server exactly once, then shown in review with the stamp paid', async () => {
    const rules = await daniel.call('compose.rules', {});
    expect(rules).toMatchObject({ maxChars: 2000, stampCostCents: 25 });
    const inbox = await daniel.call('inbox.list', { filter: 'all', search: '', offset: 0, limit: 1 });
    const original = inbox.rows[0];
    if (!original) throw new Error('empty inbox');
    const clientId = uuidv7();
    const sent = await daniel.call('messages.send', {
      clientId,
      replyTo: original.id,
      body: 'Thank you, I love you all.',
    });
    expect(sent.status).toMatch(/queued|sent/);
    // A double tap is the same message.
    await daniel.call('messages.send', { clientId, replyTo: original.id, body: 'Thank you, I love you all.' });
    await waitFor(
      () => daniel.call('messages.outgoing', {}),
      (list) => list.find((m) => m.id === clientId)?.status === 'in_review',
    );
    const onServer = await stack.server.db
      .selectFrom('messages')
      .select(['id', 'status'])
      .where('client_op_id', '=', clientId)
      .execute();
    expect(onServer).toEqual([{ id: expect.any(String) as string, status: 'pending_review' }]);
    await expect(
      daniel.call('messages.send', { clientId: uuidv7(), replyTo: original.id, body: 'x'.repeat(2001) }),
    ).rejects.toMatchObject({ code: 'limit' });
  });

  it('writes a new message to an approved contact: on the server once, and the family reply arrives once', async () => {
    const contacts = await daniel.call('contacts.list', {});
    expect(contacts.length).toBeGreaterThan(0);
    const contact = contacts[0];
    if (!contact) return;
    const onServerContact = await stack.server.db
      .selectFrom('contacts')
      .select(['inmate_id', 'family_id', 'status'])
      .where('id', '=', contact.id)
      .executeTakeFirstOrThrow();
    expect(onServerContact.status).toBe('approved');
    const clientId = uuidv7();
    const body = `New news for ${contact.displayName} ${clientId.slice(-6)}`;
    const sent = await daniel.call('messages.send', { clientId, contactId: contact.id, body });
    expect(sent).toMatchObject({ to: contact.displayName, body, kind: 'text' });
    await daniel.call('messages.send', { clientId, contactId: contact.id, body }); // a double tap is one message
    await waitFor(
      () => daniel.call('messages.outgoing', {}),
      (list) => ['in_review', 'delivered'].includes(list.find((m) => m.id === clientId)?.status ?? ''),
    );
    const onServer = await stack.server.db
      .selectFrom('messages')
      .select(['contact_id', 'inmate_id', 'direction', 'body'])
      .where('client_op_id', '=', clientId)
      .execute();
    expect(onServer).toEqual([
      { contact_id: contact.id, inmate_id: onServerContact.inmate_id, direction: 'out', body },
    ]);

    // The family answers from the portal; after review it reaches the device, once.
    const answer = `Reply to ${clientId.slice(-6)}: we got it!`;
    const reply = await sendFamilyMessage(stack.server.context, stack.server.media, onServerContact.family_id, {
      contactId: contact.id,
      body: answer,
      photos: [],
      ecard: null,
    });
    if (reply.status === 'pending_review') {
      const inmate = await stack.server.db
        .selectFrom('inmates')
        .select('facility_id')
        .where('id', '=', onServerContact.inmate_id)
        .executeTakeFirstOrThrow();
      await decideNow(stack.server.context, inmate.facility_id, reply.id);
    }
    const search = { filter: 'all' as const, search: clientId.slice(-6), offset: 0, limit: 50 };
    await waitFor(
      () => daniel.call('inbox.list', search),
      (page) => page.rows.some((r) => r.id === reply.id),
    );
    // Another sync round must not add it twice: reading it is an upload, so a whole sync (push, then pull)
    // has run after the reply arrived once the device is idle with nothing left to send.
    await daniel.call('messages.markRead', { id: reply.id });
    await stack.synced();
    const page = await daniel.call('inbox.list', search);
    expect(page.rows.filter((r) => r.preview === answer)).toHaveLength(1);
    expect(page.rows.find((r) => r.id === reply.id)?.from).toBe(contact.displayName);
  });

  it('refuses a new message to a contact that is not mine, and needs exactly one recipient', async () => {
    const marcus = await stack.client('marcus-contacts');
    await signIn(marcus, '100235', '1357', 'maple');
    const marcusContacts = await marcus.call('contacts.list', {});
    const danielContacts = await daniel.call('contacts.list', {});
    expect(marcusContacts.some((c) => danielContacts.some((d) => d.id === c.id))).toBe(false);
    const notMine = danielContacts[0]?.id ?? '';
    await expect(
      marcus.call('messages.send', { clientId: uuidv7(), contactId: notMine, body: 'hi' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(daniel.call('messages.send', { clientId: uuidv7(), body: 'to nobody' })).rejects.toMatchObject({
      code: 'validation',
    });
    const inbox = await daniel.call('inbox.list', { filter: 'all', search: '', offset: 0, limit: 1 });
    await expect(
      daniel.call('messages.send', {
        clientId: uuidv7(),
        replyTo: inbox.rows[0]?.id ?? '',
        contactId: notMine,
        body: 'both',
      }),
    ).rejects.toMatchObject({ code: 'validation' });
  });

  it('counts length as the screen does: the limit in emoji and ñ, the same on the server', async () => {
    const contact = (await daniel.call('contacts.list', {}))[0];
    if (!contact) throw new Error('no contact');
    const rules = await daniel.call('compose.rules', {});
    // 2000 emoji are 8000 UTF-16 units: still 2000 characters, within the limit on the device and the server.
    const clientId = uuidv7();
    await daniel.call('messages.send', { clientId, contactId: contact.id, body: '👍🏽'.repeat(rules.maxChars) });
    await expect(
      daniel.call('messages.send', {
        clientId: uuidv7(),
        contactId: contact.id,
        body: 'n\u0303'.repeat(rules.maxChars + 1),
      }),
    ).rejects.toMatchObject({ code: 'limit' });
    await waitFor(
      () => daniel.call('messages.outgoing', {}),
      (list) => ['in_review', 'delivered'].includes(list.find((m) => m.id === clientId)?.status ?? ''),
    );
  });

  it('keeps drafts across sign-outs', async () => {
    const inbox = await daniel.call('inbox.list', { filter: 'all', search: '', offset: 0, limit: 1 });
    const original = inbox.rows[0];
    if (!original) throw new Error('empty inbox');
    const draft = await daniel.call('drafts.save', { id: null, replyTo: original.id, body: 'Half a thought…' });
    await daniel.call('auth.signOut', {});
    await expect(daniel.call('drafts.list', {})).rejects.toMatchObject({ code: 'unauthorized' });
    await signIn(daniel, '100234', '2468', 'rex');
    expect((await daniel.call('drafts.list', {})).find((d) => d.id === draft.id)?.body).toBe('Half a thought…');
  });

  it('keeps the draft of a new message (to a contact) across sign-outs; another inmate cannot read or take it over', async () => {
    const contact = (await daniel.call('contacts.list', {}))[0];
    if (!contact) throw new Error('no contact');
    const draft = await daniel.call('drafts.save', {
      id: null,
      contactId: contact.id,
      body: 'Dear Ana, about the visit',
    });
    expect(draft).toMatchObject({ replyTo: null, contactId: contact.id, to: contact.displayName });
    // Typed on: the same draft, not a second one.
    await daniel.call('drafts.save', {
      id: draft.id,
      contactId: contact.id,
      body: 'Dear Ana, about the visit on Sunday',
    });
    await daniel.call('auth.signOut', {});
    await expect(daniel.call('drafts.list', {})).rejects.toMatchObject({ code: 'unauthorized' });
    await signIn(daniel, '100234', '2468', 'rex');
    const mine = (await daniel.call('drafts.list', {})).filter((d) => d.contactId === contact.id);
    expect(mine).toEqual([
      expect.objectContaining({
        id: draft.id,
        replyTo: null,
        contactId: contact.id,
        to: contact.displayName,
        body: 'Dear Ana, about the visit on Sunday',
      }),
    ]);

    // Another inmate on the same kiosk: not in their list, and neither the draft nor Daniel's contact is theirs.
    const marcus = await stack.client('marcus-drafts');
    await signIn(marcus, '100235', '1357', 'maple');
    expect((await marcus.call('drafts.list', {})).some((d) => d.id === draft.id || d.contactId === contact.id)).toBe(
      false,
    );
    await expect(marcus.call('drafts.save', { id: null, contactId: contact.id, body: 'x' })).rejects.toMatchObject({
      code: 'not_found',
    });
    const marcusContact = (await marcus.call('contacts.list', {}))[0];
    if (marcusContact) {
      await expect(
        marcus.call('drafts.save', { id: draft.id, contactId: marcusContact.id, body: 'overwritten' }),
      ).rejects.toMatchObject({ code: 'not_found' });
    }
    await marcus.call('drafts.delete', { id: draft.id });
    expect((await daniel.call('drafts.list', {})).find((d) => d.id === draft.id)?.body).toBe(
      'Dear Ana, about the visit on Sunday',
    );
    // Exactly one key: neither both nor none.
    await expect(daniel.call('drafts.save', { id: null, body: 'to nobody' })).rejects.toMatchObject({
      code: 'validation',
    });

    // Sending the new message uses its draft up.
    await daniel.call('messages.send', { clientId: uuidv7(), contactId: contact.id, body: 'Dear Ana, see you Sunday' });
    expect((await daniel.call('drafts.list', {})).some((d) => d.id === draft.id)).toBe(false);
  });
});

describe('account, library, support', () => {
  it('shows the balance as of the last sync and the deposits with their fees', async () => {
    const summary = await daniel.call('account.summary', {});
    expect(summary.transactions.some((t) => t.kind === 'deposit')).toBe(true);
    expect(summary.transactions.some((t) => t.kind === 'fee')).toBe(true);
    expect(summary.balanceCents).toBe(summary.transactions.reduce((sum, t) => sum + t.amountCents, 0));
  });

  it('opens a support ticket that reaches the server once', async () => {
    const clientId = uuidv7();
    const ticket = await daniel.call('support.open', {
      clientId,
      subject: 'Tablet screen',
      body: 'The screen flickers.',
    });
    expect(ticket).toMatchObject({ subject: 'Tablet screen', status: 'open' });
    await waitFor(
      () => stack.server.db.selectFrom('tickets').select('id').where('client_op_id', '=', clientId).execute(),
      (rows) => rows.length === 1,
    );
  });

  it("gives the facility's music volume cap (a synced facility setting), the default for older servers", async () => {
    expect(await daniel.call('music.settings', {})).toEqual({ volumeMax: 0.7 }); // the demo facility's own cap
    const { musicVolumeMax, ...older } = FacilityRow.parse({
      ...(await stack.server.db.selectFrom('facilities').select(['id', 'name']).executeTakeFirstOrThrow()),
      timeZone: 'UTC',
      messageMaxChars: 2000,
      stampPriceCents: 25,
      videogramStampPriceCents: 100,
      maxPhotosPerMessage: 5,
      failedSignInLimit: 5,
      lockoutMs: 1,
      idleTimeoutMs: 1,
      maxSessionMs: 1,
      updatedAt: 0,
    });
    expect(older.name).toBeTruthy();
    expect(musicVolumeMax).toBe(0.8);
  });

  it('lists approved games and announcements', async () => {
    const games = await daniel.call('library.catalog', { kind: 'game', search: '' });
    expect(games.map((g) => g.gameId).sort()).toEqual(['2048', 'sudoku']);
    const announcements = await daniel.call('announcements.list', {});
    expect(announcements.length).toBeGreaterThan(0);
    expect(announcements.every((a) => !a.title.startsWith('Horario'))).toBe(true); // Spanish ones are for Spanish readers
  });
});

describe('isolation on a shared kiosk', () => {
  it("another inmate cannot read, reply to, mark or draft on Daniel's messages by id", async () => {
    const danielsMessage = (await daniel.call('inbox.list', { filter: 'all', search: '', offset: 0, limit: 1 }))
      .rows[0];
    if (!danielsMessage) throw new Error('empty inbox');
    const marcus = await stack.client('marcus-screen');
    await signIn(marcus, '100235', '1357', 'maple');
    const denied = { code: 'not_found' };
    await expect(marcus.call('messages.get', { id: danielsMessage.id })).rejects.toMatchObject(denied);
    await expect(marcus.call('messages.markRead', { id: danielsMessage.id })).rejects.toMatchObject(denied);
    await expect(
      marcus.call('messages.send', { clientId: uuidv7(), replyTo: danielsMessage.id, body: 'hi' }),
    ).rejects.toMatchObject(denied);
    await expect(marcus.call('drafts.save', { id: null, replyTo: danielsMessage.id, body: 'x' })).rejects.toMatchObject(
      denied,
    );
    const marcusInbox = await marcus.call('inbox.list', { filter: 'all', search: '', offset: 0, limit: 200 });
    expect(marcusInbox.rows.some((r) => r.id === danielsMessage.id)).toBe(false);
    const danielDraft = (await daniel.call('drafts.list', {}))[0];
    if (danielDraft) {
      await marcus.call('drafts.delete', { id: danielDraft.id });
      expect((await daniel.call('drafts.list', {})).some((d) => d.id === danielDraft.id)).toBe(true);
    }
    const danielTicket = (await daniel.call('support.list', {}))[0];
    if (danielTicket) {
      await expect(
        marcus.call('support.reply', { clientId: uuidv7(), ticketId: danielTicket.id, body: 'x' }),
      ).rejects.toMatchObject(denied);
    }
    expect((await marcus.call('account.summary', {})).balanceCents).not.toBe(
      (await daniel.call('account.summary', {})).balanceCents,
    );
  });
});
