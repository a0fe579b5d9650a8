import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { demoServer, enroll, pullAll, push } from '../../support/server-harness';
import { approvedFamily as approvedFamilyAt, demoStaff } from '../../support/web-browser';
import { otherFacility as otherFacilityOf } from '../../support/other-facility';

/** What reviewers see of what they review (media included), and what each side sees of a review. */
let server: RunningServer;
beforeAll(async () => {
  server = await demoServer();
});
afterAll(() => server.close());

const admin = () => demoStaff.admin(server.url);
const reviewer = () => demoStaff.reviewer(server.url);
const technician = () => demoStaff.technician(server.url);
const approvedFamily = (email: string, docNumber: string) => approvedFamilyAt(server.url, email, docNumber);
const otherFacility = (role?: 'reviewer' | 'technician') => otherFacilityOf(server, role);

const photo = readFileSync(join(import.meta.dirname, '../../../resources/demo/photos/park.jpg'));

describe('reviewers see the media of what they review', () => {
  it("serves a message's photo and videogram (with Range) to the facility's reviewers only", async () => {
    const { browser: f, contactId } = await approvedFamily('media.family@example.com', '100235');
    const sent = await f.request('POST', '/api/family/messages', {
      contactId,
      body: 'A photo for review',
      photos: [{ base64: photo.toString('base64'), alt: 'the park' }],
      ecard: null,
    });
    expect(sent.body).toMatchObject({ status: 'pending_review' });
    const video = readFileSync(join(import.meta.dirname, '../../../resources/demo/videos/kids-say-hi.webm'));
    const response = await fetch(`${server.url}/api/family/videograms?contactId=${contactId}`, {
      method: 'POST',
      headers: {
        'content-type': 'video/webm',
        cookie: [...f.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; '),
        'x-csrf-token': f.cookies.get('ok_csrf') ?? '',
      },
      body: video,
    });
    const videogram = (await response.json()) as { id: string };

    const r = await reviewer();
    const queue = (
      (await r.request('GET', '/api/staff/review')).body as unknown as {
        items: {
          id: string;
          photos: { sha256: string; alt: string; mime: string }[];
          videogram: { video: { sha256: string; mime: string } } | null;
        }[];
      }
    ).items;
    const item = queue.find((m) => m.id === sent.body.id);
    const photoRef = item?.photos[0];
    expect(photoRef).toMatchObject({ alt: 'the park', mime: 'image/jpeg' });
    const videoRef = queue.find((m) => m.id === videogram.id)?.videogram?.video;
    expect(videoRef).toMatchObject({ mime: 'video/webm' });

    const image = await r.raw(`/api/staff/media/${photoRef?.sha256 ?? ''}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await image.arrayBuffer()).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    const part = await r.raw(`/api/staff/media/${videoRef?.sha256 ?? ''}`, { range: 'bytes=0-3' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-3/${video.length}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(video.subarray(0, 4));
    // An admin may look too; a technician may not; nor a family, nor anyone signed out.
    expect((await (await admin()).raw(`/api/staff/media/${photoRef?.sha256 ?? ''}`)).status).toBe(200);
    expect((await (await technician()).raw(`/api/staff/media/${photoRef?.sha256 ?? ''}`)).status).toBe(403);
    expect((await f.raw(`/api/staff/media/${photoRef?.sha256 ?? ''}`)).status).toBe(401);

    // A reviewer of another facility gets nothing of facility A.
    const other = await otherFacility();
    for (const sha of [photoRef?.sha256, videoRef?.sha256])
      expect((await other.reviewer.raw(`/api/staff/media/${sha ?? ''}`)).status).toBe(404);
    // Media no message refers to (a catalog file) is not served through the review route either.
    const book = await server.db
      .selectFrom('catalog')
      .select('files')
      .where('kind', '=', 'book')
      .executeTakeFirstOrThrow();
    const [epub] = JSON.parse(book.files) as { sha256: string }[];
    expect(await server.media.has(epub?.sha256 ?? '')).toBe(true);
    expect((await r.raw(`/api/staff/media/${epub?.sha256 ?? ''}`)).status).toBe(404);
    expect((await r.raw('/api/staff/media/not-a-hash')).status).toBe(400);
  });
});

describe('review visibility on both sides', () => {
  const setPolicy = async (incomingText: boolean) => {
    // The first facility by id: without an order PostgreSQL may return another one after an update.
    const facility = await server.db
      .selectFrom('facilities')
      .select(['id', 'review_policy'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const policy = JSON.parse(facility.review_policy) as Record<string, boolean>;
    await server.db
      .updateTable('facilities')
      .set({ review_policy: JSON.stringify({ ...policy, incomingText }) })
      .where('id', '=', facility.id)
      .execute();
  };

  it("eCards follow the facility's text review policy", async () => {
    const { browser: f, contactId } = await approvedFamily('ecard.family@example.com', '100236');
    const ecard = { templateId: 'birthday', greeting: 'Happy birthday!' };
    try {
      await setPolicy(false);
      const direct = await f.request('POST', '/api/family/messages', { contactId, body: '', photos: [], ecard });
      expect(direct.body).toMatchObject({ status: 'approved' });
      const tablet = await enroll(server, { mode: 'tablet', inmateDoc: '100236' });
      expect(
        (await pullAll(server, tablet)).changes.some(
          (c) => c.table === 'messages' && c.op === 'upsert' && c.row.id === direct.body.id,
        ),
      ).toBe(true);
      await setPolicy(true);
      const reviewed = await f.request('POST', '/api/family/messages', { contactId, body: '', photos: [], ecard });
      expect(reviewed.body).toMatchObject({ status: 'pending_review' });
    } finally {
      await setPolicy(true);
    }
  });

  it('the family sees what they sent rejected with the reason; an inmate sees their own rejected reply with the reason (and the stamp back), the family never sees it', async () => {
    const { browser: f, contactId } = await approvedFamily('rejected.family@example.com', '100238');
    const r = await reviewer();
    const sent = await f.request('POST', '/api/family/messages', {
      contactId,
      body: 'Please send the code words',
      photos: [],
      ecard: null,
    });
    expect(
      (await r.request('POST', `/api/staff/review/${String(sent.body.id)}`, { decision: 'reject', reasonCode: ' ' }))
        .status,
    ).toBe(400);
    await r.request('POST', `/api/staff/review/${String(sent.body.id)}`, {
      decision: 'reject',
      reasonCode: 'coded',
    });
    const familyView = (await f.request('GET', '/api/family/messages')).body as unknown as {
      id: string;
      body: string;
      status: string;
      rejection_reason: string | null;
    }[];
    // The server stores the reason's code; the family reads the facility's label in their language.
    expect(familyView.find((m) => m.id === sent.body.id)).toMatchObject({
      status: 'rejected',
      rejection_reason: 'coded',
      reason_labels: { en: 'Coded or unreadable language', es: 'Lenguaje cifrado o ilegible' },
    });

    const inmateId = (
      await server.db.selectFrom('inmates').select('id').where('doc_number', '=', '100238').executeTakeFirstOrThrow()
    ).id;
    const tablet = await enroll(server, { mode: 'tablet', inmateDoc: '100238' });
    const start = await pullAll(server, tablet);
    expect(start.changes.some((c) => c.table === 'messages' && c.op === 'upsert' && c.row.id === sent.body.id)).toBe(
      false,
    ); // a rejected incoming message never reaches the inmate
    const clientId = uuidv7();
    const replied = await push(server, tablet, [
      { id: clientId, inmateId, op: { kind: 'message.send', contactId, body: 'Meet me at the place', replyTo: null } },
    ]);
    expect(replied.results[0]?.status).toBe('accepted');
    const reply = await server.db
      .selectFrom('messages')
      .select(['id', 'stamp_cents'])
      .where('client_op_id', '=', clientId)
      .executeTakeFirstOrThrow();
    const { balanceCents } = await import('../../../server/domain/ledger/ledger');
    const afterStamp = await balanceCents(server.db, inmateId);
    await r.request('POST', `/api/staff/review/${reply.id}`, {
      decision: 'reject',
      reasonCode: 'third_party',
      note: 'Planning to meet',
    });
    expect(await balanceCents(server.db, inmateId)).toBe(afterStamp + reply.stamp_cents);
    const after = await pullAll(server, tablet, start.cursor);
    const row = after.changes.find((c) => c.table === 'messages' && c.op === 'upsert' && c.row.id === reply.id);
    // The inmate's device gets the label in the inmate's language, then the reviewer's note.
    const language = (
      await server.db.selectFrom('inmates').select('language').where('id', '=', inmateId).executeTakeFirstOrThrow()
    ).language;
    const label = language === 'es' ? 'Mensaje para una tercera persona' : 'Message for a third person';
    expect(row).toMatchObject({
      row: { status: 'rejected', rejectionReason: `${label}: Planning to meet`, direction: 'out' },
    });
    expect(
      ((await f.request('GET', '/api/family/messages')).body as unknown as { body: string }[]).some(
        (m) => m.body === 'Meet me at the place',
      ),
    ).toBe(false);
  });
});
