import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app';
import { FileMediaStore } from '../../server/media/file-media-store';
import { enroll, sha256, type TestDevice } from '../support/server-harness';
import { signedInFamily, WebBrowser } from '../support/web-browser';
import { webmWithDuration } from '../support/webm';

/**
 * Issue #12, items 3, 5 and 10 and "text exactly as written", server side:
 * hostile bodies, cookies, paths and files get a 4xx with nothing written,
 * never a 500, and nothing outside the media store is ever served.
 */
let server: RunningServer;
let device: TestDevice;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-edge-'));
  mkdirSync(join(dir, 'portal'));
  writeFileSync(join(dir, 'portal', 'index.html'), '<!doctype html><title>portal</title>');
  server = await startServer({
    dbPath: join(dir, 'facility.db'),
    port: 0,
    seed: 'demo',
    logLevel: 'silent',
    schedulerMs: 0,
    portalDir: join(dir, 'portal'),
  });
  device = await enroll(server);
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const rawPost = (path: string, body: string | Uint8Array, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

/** Every blob file in the media store (not its temp folder). */
const blobs = () =>
  readdirSync(join(dir, 'media'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.parentPath.endsWith('tmp'))
    .map((entry) => entry.name);
const temps = () => readdirSync(join(dir, 'media', 'tmp'));

describe('JSON at the edge', () => {
  it('a reading-progress save nested 1,518 levels is a 400 and nothing is written; sync goes on', async () => {
    const inmateId = (await server.db.selectFrom('inmates').select('id').executeTakeFirstOrThrow()).id;
    const itemId = uuidv7();
    const body = `{"items":[{"id":"${uuidv7()}","inmateId":"${inmateId}","createdAt":${Date.now()},"op":{"kind":"progress","itemId":"${itemId}","data":{"x":${nested(1518)}},"updatedAt":${Date.now()}}}]}`;
    const response = await rawPost('/api/sync/push', body, { authorization: device.auth });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('json_too_deep');
    expect(await server.db.selectFrom('progress').selectAll().where('item_id', '=', itemId).execute()).toEqual([]);
    // A free-form field deeper than its own limit (8) but within the body's is refused too.
    const fieldDeep = body.replace(nested(1518), nested(12));
    expect((await rawPost('/api/sync/push', fieldDeep, { authorization: device.auth })).status).toBe(400);
    const pull = await fetch(`${server.url}/api/sync/pull?cursor=0&limit=50`, {
      headers: { authorization: device.auth },
    });
    expect(pull.status).toBe(200);
  });

  it('deeply nested bodies are a 400 on every route, never a 500', async () => {
    for (const path of ['/api/family/signin', '/api/staff/signin', '/api/family/signup', '/api/devices/enroll'])
      expect((await rawPost(path, nested(5_000))).status).toBe(400);
  });

  it('malformed Unicode is refused with a clear 400, not stored as U+FFFD', async () => {
    const lone = await rawPost('/api/family/signin', '{"email":"a@example.com","password":"x\\ud800y"}');
    expect(lone.status).toBe(400);
    expect(((await lone.json()) as { error: string }).error).toBe('malformed_unicode');
    const bytes = await rawPost('/api/family/signin', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]));
    expect(((await bytes.json()) as { error: string }).error).toBe('malformed_utf8');
    // A whole pair (an emoji, escaped) is fine: it reaches validation like any text.
    const pair = await rawPost(
      '/api/family/signin',
      '{"email":"a@example.com","password":"\\ud83d\\ude00 long enough"}',
    );
    expect(pair.status).toBe(401);
  });
});

describe('cookies and paths', () => {
  it('a malformed cookie is a 401, not a 500, on every request of that browser', async () => {
    for (const cookie of ['ok_session=%E0%A4%A', 'ok_session=%', '=; ;;=x', 'ok_session="unterminated'])
      expect((await fetch(`${server.url}/api/family/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('/portal/%25 and other odd paths are the app shell or a 4xx, never a 500', async () => {
    for (const path of ['/portal/%25', '/portal/%', '/portal/%E0%A4%A', '/portal/..%2F..%2Ffacility.db']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBeLessThan(500);
      expect(await response.text()).not.toContain('SQLite');
    }
  });
});

describe('media files', () => {
  it('a blob replaced by a symlink to an outside file is a 404 (with and without Range), never that file', async () => {
    const secret = join(dir, 'outside-secret.txt');
    writeFileSync(secret, 'TOP SECRET OUTSIDE THE STORE');
    const ref = await server.db
      .selectFrom('media_refs')
      .select('sha256')
      .where('inmate_id', 'is', null)
      .executeTakeFirstOrThrow();
    const store = server.media;
    if (!(store instanceof FileMediaStore)) throw new Error('the test server keeps media in a folder');
    const path = store.path(ref.sha256);
    rmSync(path);
    symlinkSync(secret, path);
    for (const headers of [{}, { range: 'bytes=0-9' }] as Record<string, string>[]) {
      const response = await fetch(`${server.url}/api/sync/media/${ref.sha256}`, {
        headers: { authorization: device.auth, ...headers },
      });
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('SECRET');
    }
  });

  it('a device cannot store arbitrary bytes labelled video/webm', async () => {
    const junk = randomBytes(64 * 1024);
    const hash = sha256(junk);
    const response = await fetch(`${server.url}/api/sync/media/${hash}`, {
      method: 'PUT',
      headers: { authorization: device.auth, 'content-type': 'video/webm' },
      body: junk,
    });
    expect(response.status).toBe(415);
    expect(await server.media.has(hash)).toBe(false);
    expect(temps()).toEqual([]);
    // A real WebM is still taken.
    const video = webmWithDuration(2_000);
    const ok = await fetch(`${server.url}/api/sync/media/${sha256(video)}`, {
      method: 'PUT',
      headers: { authorization: device.auth, 'content-type': 'video/webm' },
      body: video,
    });
    expect(ok.status).toBe(201);
  });

  it('refused family videograms leave no files (5 × 4 MB)', async () => {
    const family = await signedInFamily(server.url, 'videogram.edge@example.com');
    await family.request('POST', '/api/family/contacts', { docNumber: '100234', relationship: null });
    const admin = new WebBrowser(server.url);
    await admin.request('POST', '/api/staff/signin', {
      email: 'admin@riverside.example',
      password: 'riverside-admin-1',
    });
    const pending = (await admin.request('GET', '/api/staff/contacts/pending')).body as unknown as { id: string }[];
    for (const contact of pending) await admin.request('POST', `/api/staff/contacts/${contact.id}`, { approve: true });
    const contactId = (
      (await family.request('GET', '/api/family/me')).body as unknown as { contacts: { id: string }[] }
    ).contacts[0]?.id;
    expect(contactId).toBeDefined();
    const before = blobs().length;
    for (let i = 0; i < 5; i += 1) {
      const bytes = randomBytes(4 * 1024 * 1024);
      const answer = await family.upload(`/api/family/videograms?contactId=${contactId}`, bytes, 'video/webm');
      expect(answer.status).toBe(415);
    }
    // WebM magic but no readable length, and a video too long: refused as well.
    const tooLong = await family.upload(
      `/api/family/videograms?contactId=${contactId}`,
      webmWithDuration(4 * 60_000),
      'video/webm',
    );
    expect(tooLong.status).toBe(400);
    expect(blobs().length).toBe(before);
    expect(temps()).toEqual([]);
  });
});
