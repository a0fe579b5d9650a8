import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app';
import { demoServer, enroll, push, sha256 } from '../../support/server-harness';
import { signedInFamily, WebBrowser } from '../../support/web-browser';

const video = readFileSync(join(import.meta.dirname, '../../../resources/demo/videos/kids-say-hi.webm'));

let server: RunningServer;
beforeAll(async () => {
  server = await demoServer();
});
afterAll(() => server.close());

async function approvedContact(email: string, docNumber: string) {
  const family = await signedInFamily(server.url, email);
  const contact = await family.request('POST', '/api/family/contacts', { docNumber, relationship: null });
  const admin = new WebBrowser(server.url);
  await admin.request('POST', '/api/staff/signin', { email: 'admin@riverside.example', password: 'riverside-admin-1' });
  await admin.request('POST', `/api/staff/contacts/${String(contact.body.id)}`, { approve: true });
  return { family, contactId: String(contact.body.id), admin };
}

describe('videogram replies in the family portal', () => {
  it("a family watches the inmate's videogram with Range once it is approved; another family of the same inmate gets 404", async () => {
    const { family, contactId, admin } = await approvedContact('watch.a@example.com', '100234');
    const other = await approvedContact('watch.b@example.com', '100234');
    const inmate = await server.db
      .selectFrom('inmates')
      .select('id')
      .where('doc_number', '=', '100234')
      .executeTakeFirstOrThrow();

    // The inmate records a reply on their tablet: the video goes up, then the outbox item.
    const tablet = await enroll(server, { mode: 'tablet', inmateDoc: '100234' });
    const hash = sha256(video);
    const put = await fetch(`${server.url}/api/sync/media/${hash}`, {
      method: 'PUT',
      headers: { authorization: tablet.auth, 'content-type': 'video/webm' },
      body: video,
    });
    expect([200, 201]).toContain(put.status); // 200: the demo seed already holds this clip
    const pushed = await push(server, tablet, [
      {
        inmateId: inmate.id,
        op: {
          kind: 'videogram.send',
          contactId,
          replyTo: null,
          video: { sha256: hash, mime: 'video/webm', bytes: video.length },
          durationMs: 10_000,
        },
      },
    ]);
    expect(pushed.results[0]?.status).toBe('accepted');
    const row = await server.db
      .selectFrom('messages')
      .select(['id', 'status'])
      .where('contact_id', '=', contactId)
      .where('kind', '=', 'videogram')
      .executeTakeFirstOrThrow();
    const path = `/api/family/messages/${row.id}/video`;

    if (row.status === 'pending_review') {
      // In review: not even its own family may watch it yet.
      expect((await family.raw(path)).status).toBe(404);
      const decided = await admin.request('POST', `/api/staff/review/${row.id}`, { decision: 'approve' });
      expect(decided.status).toBe(200);
    }
    const listed = (await family.request('GET', '/api/family/messages')).body as unknown as {
      id: string;
      kind: string;
    }[];
    expect(listed.find((m) => m.id === row.id)?.kind).toBe('videogram');

    const whole = await family.raw(path);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await whole.arrayBuffer()).equals(video)).toBe(true);
    const part = await family.raw(path, { range: 'bytes=100-199' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${video.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(video.subarray(100, 200))).toBe(true);

    // Another family (a contact of the same inmate), nobody signed in, and a made-up id: nothing.
    expect((await other.family.raw(path)).status).toBe(404);
    expect((await new WebBrowser(server.url).raw(path)).status).toBe(401);
    expect((await family.raw('/api/family/messages/0190a1b2-c3d4-7e5f-8a9b-000000000001/video')).status).toBe(404);
  });
});
