import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { RunningServer } from '../../../server/app';
import { MessageTrail } from '../../../shared/domain/message-trail';
import { WebBrowser as Browser } from '../../support/web-browser';
import { demoServer, enroll, pullAll, push } from '../../support/server-harness';

/**
 * Staff review at volume against a real server with a hand-driven clock:
 * the undo window, two reviewers, keyword holds both ways, keyset paging,
 * trails (and who may see what), throughput.
 */
let server: RunningServer;
let clock = Date.UTC(2026, 10, 2, 15);
const UNDO_MS = 5_000;
beforeAll(async () => {
  server = await demoServer({ now: () => clock, schedulerMs: 0, reviewUndoMs: UNDO_MS });
  // The policy lets everything through: what is held here is held by the keyword list.
  await server.db
    .updateTable('facilities')
    .set({
      review_policy: JSON.stringify({
        incomingText: false,
        incomingPhotos: false,
        incomingVideograms: false,
        outgoingText: false,
        outgoingVideograms: false,
      }),
    })
    .execute();
});
afterAll(() => server.close());

async function staff(email: string, password: string) {
  const browser = new Browser(server.url);
  expect((await browser.request('POST', '/api/staff/signin', { email, password })).status).toBe(200);
  return browser;
}
const admin = () => staff('admin@riverside.example', 'riverside-admin-1');
const reviewer = () => staff('reviewer@riverside.example', 'riverside-review-1');

async function family(email: string, docNumber: string) {
  const f = new Browser(server.url);
  await f.request('POST', '/api/family/signup', {
    email,
    password: 'correct horse battery',
    displayName: 'Rosa',
    securityQuestion: 'Colour?',
    securityAnswer: 'Blue',
  });
  const first = await f.request('POST', '/api/family/signin', { email, password: 'correct horse battery' });
  await f.request('POST', '/api/family/signin/answer', { challengeId: first.body.challengeId, answer: 'blue' });
  const contact = await f.request('POST', '/api/family/contacts', { docNumber, relationship: null });
  await (await admin()).request('POST', `/api/staff/contacts/${String(contact.body.id)}`, { approve: true });
  return { f, contactId: String(contact.body.id) };
}

const trail = (body: unknown) => MessageTrail.parse(body);
const kinds = (t: MessageTrail) => t.events.map((e) => e.kind);

describe('keyword holds', () => {
  it('hold a message in either direction where the policy lets it through, with the words to highlight', async () => {
    const a = await admin();
    const saved = await a.request('POST', '/api/staff/keywords', { terms: ['droga|drogas', 'la salida'] });
    expect(saved.status).toBe(200);
    expect((await (await reviewer()).request('POST', '/api/staff/keywords', { terms: [] })).status).toBe(403);
    const { f, contactId } = await family(`kw.${uuidv7()}@example.com`, '100234');
    const plain = await f.request('POST', '/api/family/messages', { contactId, body: 'Hola', photos: [], ecard: null });
    expect(plain.body).toMatchObject({ status: 'approved' });
    const held = await f.request('POST', '/api/family/messages', {
      contactId,
      body: 'Las DRO\u200BGAS, en La  Salida',
      photos: [],
      ecard: null,
    });
    expect(held.body).toMatchObject({ status: 'pending_review' });
    const inside = await f.request('POST', '/api/family/messages', {
      contactId,
      body: 'drogadicto no',
      photos: [],
      ecard: null,
    });
    expect(inside.body).toMatchObject({ status: 'approved' });

    const queue = (await (await reviewer()).request('GET', '/api/staff/review?flag=keyword')).body as unknown as {
      items: { id: string; body: string; keyword_hits: { term: string; start: number; end: number }[] }[];
    };
    const item = queue.items.find((m) => m.id === held.body.id);
    expect(item?.keyword_hits.map((h) => [h.term, item.body.slice(h.start, h.end)])).toEqual([
      ['droga', 'DRO\u200BGAS'],
      ['la salida', 'La  Salida'],
    ]);

    // Inmate → family by device push, the same list.
    const inmate = await server.db
      .selectFrom('inmates')
      .select('id')
      .where('doc_number', '=', '100234')
      .executeTakeFirstOrThrow();
    const tablet = await enroll(server, { mode: 'tablet', inmateDoc: '100234' });
    const clientId = uuidv7();
    await push(server, tablet, [
      {
        id: clientId,
        inmateId: inmate.id,
        op: { kind: 'message.send', contactId, body: 'Traigan drogas', replyTo: null },
      },
    ]);
    const out = await server.db
      .selectFrom('messages')
      .select(['status', 'hold_reason'])
      .where('client_op_id', '=', clientId)
      .executeTakeFirstOrThrow();
    expect(out).toEqual({ status: 'pending_review', hold_reason: 'keyword' });
  });
});

describe('decisions', () => {
  it('wait out the undo window before anything is delivered; an undo puts the message back', async () => {
    const { f, contactId } = await family(`undo.${uuidv7()}@example.com`, '100235');
    await (await admin()).request('POST', '/api/staff/keywords', { terms: ['contrabando'] });
    const sent = await f.request('POST', '/api/family/messages', {
      contactId,
      body: 'sin contrabando',
      photos: [],
      ecard: null,
    });
    const id = String(sent.body.id);
    const tablet = await enroll(server, { mode: 'tablet', inmateDoc: '100235' });
    const start = await pullAll(server, tablet);
    const r = await reviewer();
    const decided = await r.request('POST', `/api/staff/review/${id}`, { decision: 'approve' });
    expect(decided.body).toMatchObject({ ok: true, undoUntil: clock + UNDO_MS });
    // Inside the window: not on the device, not in the queue, and the scheduler leaves it alone.
    clock += UNDO_MS - 1;
    expect(await server.finalizeDecisions()).toBe(0);
    const during = await pullAll(server, tablet, start.cursor);
    expect(during.changes.some((c) => c.table === 'messages' && c.op === 'upsert' && c.row.id === id)).toBe(false);
    expect((await r.request('POST', `/api/staff/review/${id}/undo`, {})).status).toBe(200);
    const back = (await r.request('GET', '/api/staff/review')).body as unknown as { items: { id: string }[] };
    expect(back.items.some((m) => m.id === id)).toBe(true);
    clock += UNDO_MS * 2;
    expect(await server.finalizeDecisions()).toBe(0);

    // Decided again and left alone: it takes effect once the window has passed, and cannot be undone after.
    await r.request('POST', `/api/staff/review/${id}`, { decision: 'approve' });
    clock += UNDO_MS;
    expect(await server.finalizeDecisions()).toBe(1);
    expect((await r.request('POST', `/api/staff/review/${id}/undo`, {})).status).toBe(409);
    const after = await pullAll(server, tablet, start.cursor);
    expect(after.changes.some((c) => c.table === 'messages' && c.op === 'upsert' && c.row.id === id)).toBe(true);

    // The trail: received, held by keyword, undone, decided, then delivered once the device pulled past it.
    await pullAll(server, tablet, after.cursor);
    const staffTrail = trail((await r.request('GET', `/api/staff/messages/${id}/trail`)).body);
    expect(kinds(staffTrail)).toEqual(['received', 'held', 'undone', 'decided', 'delivered']);
    expect(staffTrail.events.find((e) => e.kind === 'held')?.detail).toEqual({ by: 'keyword', terms: ['contrabando'] });
    expect(staffTrail.events.find((e) => e.kind === 'decided')?.actor).toBeTruthy();
    // The family: the same story without who reviewed, why it was held, or the undo.
    const familyTrail = trail((await f.request('GET', `/api/family/messages/${id}/trail`)).body);
    expect(kinds(familyTrail)).toEqual(['received', 'held', 'decided', 'delivered']);
    expect(familyTrail.events.every((e) => e.actor === null && e.detail.terms === undefined)).toBe(true);
    expect(familyTrail.events.find((e) => e.kind === 'held')?.detail).toEqual({ by: 'review' });
    // The inmate's device, by the server's id.
    const device = await fetch(`${server.url}/api/sync/messages/trail/${id}`, {
      headers: { authorization: tablet.auth },
    });
    const inmateTrail = trail(await device.json());
    expect(kinds(inmateTrail)).toEqual(['received', 'held', 'decided', 'delivered']);
    expect(inmateTrail.events.every((e) => e.actor === null)).toBe(true);
    // Another family, or another inmate's device, finds nothing.
    const other = await family(`other.${uuidv7()}@example.com`, '100236');
    expect((await other.f.request('GET', `/api/family/messages/${id}/trail`)).status).toBe(404);
    const otherTablet = await enroll(server, { mode: 'tablet', inmateDoc: '100236' });
    const refused = await fetch(`${server.url}/api/sync/messages/trail/${id}`, {
      headers: { authorization: otherTablet.auth },
    });
    expect(refused.status).toBe(404);
  });

  it('two reviewers never decide the same message: the second is told another one has it', async () => {
    await (await admin()).request('POST', '/api/staff/keywords', { terms: ['patio'] });
    const { f, contactId } = await family(`two.${uuidv7()}@example.com`, '100234');
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const sent = await f.request('POST', '/api/family/messages', {
        contactId,
        body: `en el patio ${i}`,
        photos: [],
        ecard: null,
      });
      ids.push(String(sent.body.id));
    }
    const one = await reviewer();
    const two = await admin();
    const [first, second] = ids as [string, string];
    expect((await one.request('POST', `/api/staff/review/${first}/claim`, {})).status).toBe(200);
    const clash = await two.request('POST', `/api/staff/review/${first}/claim`, {});
    expect(clash).toMatchObject({ status: 409, body: { error: 'claimed_by_other' } });
    expect((await two.request('POST', `/api/staff/review/${first}`, { decision: 'approve' })).status).toBe(409);
    // The claimed message is not in the other reviewer's queue.
    const theirs = (await two.request('GET', '/api/staff/review?limit=200')).body as unknown as {
      items: { id: string }[];
    };
    expect(theirs.items.some((m) => m.id === first)).toBe(false);
    // Both decide the same unclaimed message at once: exactly one wins.
    const race = await Promise.all([
      one.request('POST', `/api/staff/review/${second}`, { decision: 'approve' }),
      two.request('POST', `/api/staff/review/${second}`, { decision: 'reject', reasonCode: 'other' }),
    ]);
    expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
    // A rejection names a preset reason code only.
    expect(
      (await one.request('POST', `/api/staff/review/${ids[2]}`, { decision: 'reject', reasonCode: 'made_up' })).status,
    ).toBe(400);
    clock += UNDO_MS;
    await server.finalizeDecisions();
  });
});

describe('the queue at volume', () => {
  it('pages by keyset, oldest first, with counts per kind and the oldest age; filters by direction and contact', async () => {
    await (await admin()).request('POST', '/api/staff/keywords', { terms: ['celda'] });
    const { f, contactId } = await family(`page.${uuidv7()}@example.com`, '100236');
    for (let i = 0; i < 30; i++) {
      clock += 1_000;
      await f.request('POST', '/api/family/messages', { contactId, body: `celda ${i}`, photos: [], ecard: null });
    }
    const r = await reviewer();
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const query: string = `?contactId=${contactId}&direction=in&limit=7${after ? `&after=${after}` : ''}`;
      const page = (await r.request('GET', `/api/staff/review${query}`)).body as unknown as {
        items: { id: string; body: string; created_at: number }[];
        next: string | null;
      };
      seen.push(...page.items.map((m) => m.body));
      after = page.next;
      pages++;
    } while (after);
    expect(pages).toBe(5);
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => `celda ${i}`));
    const summary = (await r.request('GET', '/api/staff/review/summary')).body as unknown as {
      total: number;
      byKind: { text: number };
      oldestAt: number;
      serverTime: number;
    };
    expect(summary.byKind.text).toBeGreaterThanOrEqual(30);
    expect(summary.serverTime - summary.oldestAt).toBeGreaterThan(30_000);
    const outOnly = (await r.request('GET', `/api/staff/review?contactId=${contactId}&direction=out`))
      .body as unknown as { items: unknown[] };
    expect(outOnly.items).toHaveLength(0);
  });

  it('gives admins throughput: decided per reviewer per day, median wait, oldest waiting', async () => {
    const stats = (await (await admin()).request('GET', '/api/staff/review/stats')).body as unknown as {
      days: { day: string; reviewers: { name: string; count: number }[] }[];
      medianWaitMs: number | null;
      oldestWaitingAt: number | null;
      decidedCount: number;
    };
    expect(stats.decidedCount).toBeGreaterThanOrEqual(2);
    expect(stats.days[0]?.reviewers.reduce((sum, r) => sum + r.count, 0)).toBe(stats.decidedCount);
    expect(stats.medianWaitMs).toBeGreaterThan(0);
    expect(stats.oldestWaitingAt).not.toBeNull();
    expect((await (await reviewer()).request('GET', '/api/staff/review/stats')).status).toBe(403);
  });
});

describe('the trail of an inmate message from an offline device', () => {
  it('shows when it was written on the device, pushed much later, and the rejection with its reason code', async () => {
    await (await admin()).request('POST', '/api/staff/keywords', { terms: ['escape'] });
    const { f, contactId } = await family(`offline.${uuidv7()}@example.com`, '100234');
    const inmate = await server.db
      .selectFrom('inmates')
      .select('id')
      .where('doc_number', '=', '100234')
      .executeTakeFirstOrThrow();
    const tablet = await enroll(server, { mode: 'tablet', inmateDoc: '100234' });
    const written = clock - 3 * 60 * 60_000; // written three hours ago, while the device was offline
    const clientId = uuidv7();
    const response = await fetch(`${server.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: tablet.auth },
      body: JSON.stringify({
        items: [
          {
            id: clientId,
            inmateId: inmate.id,
            createdAt: written,
            op: { kind: 'message.send', contactId, body: 'plan the escape', replyTo: null },
            trail: { queuedAt: written, pushedAt: clock - 50 },
          },
        ],
      }),
    });
    expect(response.status).toBe(200);
    const message = await server.db
      .selectFrom('messages')
      .select('id')
      .where('client_op_id', '=', clientId)
      .executeTakeFirstOrThrow();
    const r = await reviewer();
    await r.request('POST', `/api/staff/review/${message.id}`, { decision: 'reject', reasonCode: 'threat' });
    clock += UNDO_MS;
    await server.finalizeDecisions();
    const byOutboxId = await fetch(`${server.url}/api/sync/messages/trail/${clientId}`, {
      headers: { authorization: tablet.auth },
    });
    const seen = trail(await byOutboxId.json());
    expect(kinds(seen)).toEqual(['written', 'queued', 'pushed', 'received', 'held', 'decided']);
    expect(seen.events[0]).toMatchObject({ at: written, source: 'device' });
    expect(seen.events.find((e) => e.kind === 'decided')?.detail).toEqual({ decision: 'reject', reasonCode: 'threat' });
    // The family never sees a rejected reply, nor its trail.
    expect((await f.request('GET', `/api/family/messages/${message.id}/trail`)).status).toBe(404);
  });
});
