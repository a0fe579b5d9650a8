import { mkdtempSync, openSync, readdirSync, statSync, truncateSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { afterAll, describe, expect, it } from 'vitest';
import type { KioskClient } from '../../shared/kiosk-api/client';
import { startServer, type RunningServer } from '../../server/app';
import { kioskStack, until, type KioskStack } from '../support/kiosk-stack';
import { testStore } from '../support/server-harness';
import { webmWithDuration } from '../support/webm';
import { kioskHttpPaths } from '../../shared/kiosk-api/http-paths';

/**
 * A reply typed while the server is down, then the device's database is
 * truncated or scribbled over before it could send it. On restart core
 * detects the damage, rebuilds the cache from the server with the same
 * enrollment, and replays the reply from its journal: delivered exactly once.
 * A draft typed and not sent comes back from the drafts journal as last
 * saved; drafts deleted or used up by a send stay gone.
 */
let stack: KioskStack | null = null;
let server: RunningServer | null = null;
afterAll(async () => {
  await stack?.close();
  await server?.close();
});

async function signIn(client: KioskClient) {
  for (let i = 0; i < 10; i += 1) {
    await stack?.coreReady();
    try {
      const first = await client.call('auth.signIn', { docNumber: '100234', pin: '2468' });
      if (first.kind === 'signed-in') return;
      await client.call('auth.answerSecurityQuestion', { challengeId: first.challengeId, answer: 'rex' });
      return;
    } catch {
      // core went down under the call (it is rebuilding its cache): wait for the next one
    }
  }
  throw new Error('could not sign in');
}

describe.each([
  ['truncated to half', (file: string) => truncateSync(file, Math.floor(statSync(file).size / 2))],
  [
    'scribbled over',
    (file: string) => {
      const fd = openSync(file, 'r+');
      writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, 0);
      closeSync(fd);
    },
  ],
])('a database file %s', (_name, damage) => {
  it('is detected at start, rebuilt from the server, and the unsent reply is replayed once', async () => {
    const store = await testStore(mkdtempSync(join(tmpdir(), 'kiosk-server-')));
    server = await startServer({ ...store, port: 0, seed: 'demo', logLevel: 'silent' });
    const port = Number(new URL(server.url).port);
    stack = await kioskStack({ server });
    await stack.synced();
    const client = await stack.client('corrupt-screen');
    await signIn(client);
    const replyTo =
      (await client.call('inbox.list', { filter: 'all', search: '', offset: 0, limit: 1 })).rows[0]?.id ?? '';

    const contactId = (await client.call('contacts.list', {}))[0]?.id ?? '';

    await server.close(); // the network is down
    const letter = await client.call('drafts.save', { id: null, contactId, body: 'Dear Maria, half a thought' });
    const kept = await client.call('drafts.save', { id: letter.id, contactId, body: 'Dear Maria, the whole letter' });
    const thrownAway = await client.call('drafts.save', { id: null, contactId, body: 'never mind' });
    await client.call('drafts.delete', { id: thrownAway.id });
    await client.call('drafts.save', { id: null, replyTo, body: 'Typed while off' }); // used up by the send below
    const clientId = uuidv7();
    const queued = await client.call('messages.send', { clientId, replyTo, body: 'Typed while offline' });
    expect(queued.status).toBe('queued');
    expect((await client.call('drafts.list', {})).map((d) => d.id)).toEqual([kept.id]);

    await stack.stopCore();
    // Checkpointed or not, damage the main file (and drop the WAL, as a bad card would lose it).
    for (const file of readdirSync(stack.deviceDir))
      if (file.startsWith('device.db-')) truncateSync(join(stack.deviceDir, file), 0);
    damage(join(stack.deviceDir, 'device.db'));

    server = await startServer({ ...store, port, seed: 'demo', logLevel: 'silent' });
    stack.supervisor.start();
    await stack.synced(60_000);
    const onServer = await server.db.selectFrom('messages').select('id').where('client_op_id', '=', clientId).execute();
    expect(onServer).toHaveLength(1);
    // The damaged file is kept aside for the technician, and the device is still enrolled.
    expect(readdirSync(stack.deviceDir).some((file) => file.startsWith('device.db.corrupt-'))).toBe(true);
    const info = await client.call('app.info', {});
    expect(info.deviceMode).toBe('kiosk');
    await signIn(client);
    expect((await client.call('inbox.list', { filter: 'all', search: '', offset: 0, limit: 1 })).total).toBeGreaterThan(
      0,
    );
    // What was typed and not sent is still there, as last saved.
    expect(await client.call('drafts.list', {})).toEqual([kept]);
    await stack.close();
    stack = null;
    await server.close();
    server = null;
  }, 120_000);
});

/**
 * A videogram recorded and queued while the server is down, then the database
 * is scribbled over. The video file itself survives in the media folder but
 * its row went with the old cache: the rebuilt device must put the row back
 * from the journaled item (hash checked), upload the video and deliver the
 * videogram once, instead of retrying "media_missing" forever.
 */
describe('a queued videogram and a corrupt database', () => {
  it('is uploaded and delivered once after the rebuild', async () => {
    const store = await testStore(mkdtempSync(join(tmpdir(), 'kiosk-server-')));
    server = await startServer({ ...store, port: 0, seed: 'demo', logLevel: 'silent' });
    const port = Number(new URL(server.url).port);
    stack = await kioskStack({ server });
    await stack.synced();
    const client = await stack.client('corrupt-video-screen');
    await signIn(client);
    const replyTo =
      (await client.call('inbox.list', { filter: 'all', search: '', offset: 0, limit: 1 })).rows[0]?.id ?? '';

    await server.close();
    const video = webmWithDuration(4_000);
    const upload = await fetch(stack.host.url + kioskHttpPaths.upload, {
      method: 'POST',
      headers: { 'Content-Type': 'video/webm', 'X-Kiosk-Connection': 'corrupt-video-screen' },
      body: video,
    });
    expect(upload.status).toBe(200);
    const { uploadId } = (await upload.json()) as { uploadId: string };
    const clientId = uuidv7();
    const queued = await client.call('videograms.send', { clientId, replyTo, uploadId, durationMs: 4_000 });
    expect(queued.status).toBe('queued');

    await stack.stopCore();
    for (const file of readdirSync(stack.deviceDir))
      if (file.startsWith('device.db-')) truncateSync(join(stack.deviceDir, file), 0);
    const fd = openSync(join(stack.deviceDir, 'device.db'), 'r+');
    writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, 0);
    closeSync(fd);

    server = await startServer({ ...store, port, seed: 'demo', logLevel: 'silent' });
    stack.supervisor.start();
    const db = server.db;
    const onServer = await until(
      () => db.selectFrom('messages').select(['id', 'kind']).where('client_op_id', '=', clientId).execute(),
      (rows) => rows.length > 0,
      30_000,
    );
    expect(onServer).toEqual([{ id: expect.any(String) as string, kind: 'videogram' }]);
    await stack.synced(30_000);
    expect(readdirSync(stack.deviceDir).some((file) => file.startsWith('device.db.corrupt-'))).toBe(true);
    await stack.close();
    stack = null;
    await server.close();
    server = null;
  }, 120_000);
});
