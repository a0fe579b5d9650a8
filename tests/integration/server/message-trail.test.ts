import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { RunningServer } from '../../../server/app';
import { MessageTrail } from '../../../shared/domain/message-trail';
import { syncPaths } from '../../../shared/sync/protocol';
import { confirmSignUp, WebBrowser as Browser } from '../../support/web-browser';
import { demoServer, enroll, pullAll, push, type TestDevice } from '../../support/server-harness';

/**
 * "Why didn't my message arrive", party by party, against a real server: a normal delivery (through to
 * read), a message held by the word list and then refused, each seen by staff, the family, the inmate's
 * device, a technician at a device, and people it is not theirs to see. (The undo window, the offline
 * device and an outgoing refusal: tests/integration/server/review-volume.test.ts.)
 */
let server: RunningServer;
let technicianId: string;
beforeAll(async () => {
  server = await demoServer();
  // The policy lets everything through: what is held here is held by the word list.
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
  technicianId = (await server.db.selectFrom('technicians').select('id').executeTakeFirstOrThrow()).id;
  const admin = await staff('admin@riverside.example', 'riverside-admin-1');
  expect((await admin.request('POST', '/api/staff/keywords', { terms: ['túnel'] })).status).toBe(200);
});
afterAll(() => server.close());

async function staff(email: string, password: string) {
  const browser = new Browser(server.url);
  expect((await browser.request('POST', '/api/staff/signin', { email, password })).status).toBe(200);
  return browser;
}
async function family(docNumber: string) {
  const email = `trail.${uuidv7()}@example.com`;
  const f = new Browser(server.url);
  await f.request('POST', '/api/family/signup', {
    email,
    password: 'correct horse battery',
    displayName: 'Rosa',
    securityQuestion: 'Colour?',
    securityAnswer: 'Blue',
  });
  await confirmSignUp(server.url, email);
  const first = await f.request('POST', '/api/family/signin', { email, password: 'correct horse battery' });
  await f.request('POST', '/api/family/signin/answer', { challengeId: first.body.challengeId, answer: 'blue' });
  const contact = await f.request('POST', '/api/family/contacts', { docNumber, relationship: null });
  const admin = await staff('admin@riverside.example', 'riverside-admin-1');
  await admin.request('POST', `/api/staff/contacts/${String(contact.body.id)}`, { approve: true });
  return { f, contactId: String(contact.body.id) };
}
const kinds = (trail: MessageTrail) => trail.events.map((e) => e.kind);
const asStaff = async (id: string) =>
  MessageTrail.parse(
    (
      await (
        await staff('admin@riverside.example', 'riverside-admin-1')
      ).request('GET', `/api/staff/messages/${id}/trail`)
    ).body,
  );
const asFamily = async (f: Browser, id: string) => f.request('GET', `/api/family/messages/${id}/trail`);
const fromDevice = (device: TestDevice, id: string, technician?: string) =>
  fetch(`${server.url}${technician === undefined ? syncPaths.messageTrail : syncPaths.technicianTrail}/${id}`, {
    headers: { authorization: device.auth, ...(technician === undefined ? {} : { 'x-technician': technician }) },
  });
const inmateId = async (doc: string) =>
  (await server.db.selectFrom('inmates').select('id').where('doc_number', '=', doc).executeTakeFirstOrThrow()).id;
/** Nobody but staff learns who reviewed or which listed words matched. */
const nothingOfReview = (trail: MessageTrail) =>
  trail.events.every((e) => e.actor === null && e.detail.terms === undefined);

describe('a normal delivery', () => {
  it('is received, passes, is delivered to the device and read; each party sees it, no one else', async () => {
    const { f, contactId } = await family('100234');
    const sent = await f.request('POST', '/api/family/messages', {
      contactId,
      body: 'Nos vemos el domingo',
      photos: [],
      ecard: null,
    });
    const id = String(sent.body.id);
    const tablet = await enroll(server, { mode: 'tablet', inmateDoc: '100234' });
    const first = await pullAll(server, tablet);
    await pullAll(server, tablet, first.cursor); // the device says it applied the first page: delivered
    const pushed = await push(server, tablet, [
      { inmateId: await inmateId('100234'), op: { kind: 'message.read', messageId: id, readAt: Date.now() } },
    ]);
    expect(pushed.results[0]).toMatchObject({ status: 'accepted' });

    const everything = ['received', 'passed', 'delivered', 'read'];
    expect(kinds(await asStaff(id))).toEqual(everything);
    const familyTrail = MessageTrail.parse((await asFamily(f, id)).body);
    expect(kinds(familyTrail)).toEqual(everything);
    const inmateTrail = MessageTrail.parse(await (await fromDevice(tablet, id)).json());
    expect(kinds(inmateTrail)).toEqual(everything);
    const technicianTrail = MessageTrail.parse(await (await fromDevice(tablet, id, technicianId)).json());
    expect(kinds(technicianTrail)).toEqual(everything);
    expect([familyTrail, inmateTrail, technicianTrail].every(nothingOfReview)).toBe(true);

    // Another family, another inmate's device (and its technician) find nothing.
    expect((await asFamily((await family('100235')).f, id)).status).toBe(404);
    const other = await enroll(server, { mode: 'tablet', inmateDoc: '100235' });
    expect((await fromDevice(other, id)).status).toBe(404);
    expect((await fromDevice(other, id, technicianId)).status).toBe(404);
  });
});

describe('a message held by the word list, then refused', () => {
  it('staff see the words and the reviewer; the technician why it waits; the inmate nothing; the family a review', async () => {
    const { f, contactId } = await family('100236');
    const sent = await f.request('POST', '/api/family/messages', {
      contactId,
      body: 'El TUNEL está listo',
      photos: [],
      ecard: null,
    });
    expect(sent.body).toMatchObject({ status: 'pending_review' });
    const id = String(sent.body.id);
    const tablet = await enroll(server, { mode: 'tablet', inmateDoc: '100236' });

    // While it waits: the inmate's device does not know it exists; a technician there sees it is held by the list.
    expect((await fromDevice(tablet, id)).status).toBe(404);
    const waiting = MessageTrail.parse(await (await fromDevice(tablet, id, technicianId)).json());
    expect(waiting).toMatchObject({ status: 'pending_review', direction: 'in' });
    expect(waiting.events.find((e) => e.kind === 'held')?.detail).toEqual({ by: 'keyword' });
    expect(nothingOfReview(waiting)).toBe(true);

    const reviewer = await staff('reviewer@riverside.example', 'riverside-review-1');
    expect(
      (await reviewer.request('POST', `/api/staff/review/${id}`, { decision: 'reject', reasonCode: 'threat' })).status,
    ).toBe(200);

    const staffTrail = await asStaff(id);
    expect(kinds(staffTrail)).toEqual(['received', 'held', 'decided']);
    expect(staffTrail.events.find((e) => e.kind === 'held')?.detail).toEqual({ by: 'keyword', terms: ['túnel'] });
    expect(staffTrail.events.find((e) => e.kind === 'decided')?.actor).toBeTruthy();
    const technicianTrail = MessageTrail.parse(await (await fromDevice(tablet, id, technicianId)).json());
    expect(kinds(technicianTrail)).toEqual(['received', 'held', 'decided']);
    expect(technicianTrail.events.find((e) => e.kind === 'decided')?.detail).toEqual({
      decision: 'reject',
      reasonCode: 'threat',
    });
    expect(nothingOfReview(technicianTrail)).toBe(true);
    // A refused incoming message never reaches the inmate: neither does its trail.
    expect((await fromDevice(tablet, id)).status).toBe(404);
    // The family: held for review and refused with its reason, not by whom nor for which words.
    const familyTrail = MessageTrail.parse((await asFamily(f, id)).body);
    expect(kinds(familyTrail)).toEqual(['received', 'held', 'decided']);
    expect(familyTrail.events.find((e) => e.kind === 'held')?.detail).toEqual({ by: 'review' });
    expect(nothingOfReview(familyTrail)).toBe(true);
  });

  it('a technician lookup names an active technician of the device facility', async () => {
    const tablet = await enroll(server, { mode: 'tablet', inmateDoc: '100234' });
    const id = uuidv7();
    expect((await fromDevice(tablet, id, uuidv7())).status).toBe(403);
    expect((await fromDevice(tablet, id, 'not-an-id')).status).toBe(400);
    await server.db.updateTable('technicians').set({ active: 0 }).where('id', '=', technicianId).execute();
    expect((await fromDevice(tablet, id, technicianId)).status).toBe(403);
    await server.db.updateTable('technicians').set({ active: 1 }).where('id', '=', technicianId).execute();
    expect((await fromDevice(tablet, id, technicianId)).status).toBe(404);
    // Without the device's credential, nothing.
    const anonymous = await fetch(`${server.url}${syncPaths.technicianTrail}/${id}`, {
      headers: { 'x-technician': technicianId },
    });
    expect(anonymous.status).toBe(401);
  });
});
