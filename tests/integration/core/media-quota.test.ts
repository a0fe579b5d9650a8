import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskClient } from '../../../shared/kiosk-api/client';
import type { CoreLogLine } from '../../support/core-log';
import { kioskStack, type KioskStack } from '../../support/kiosk-stack';

/**
 * The media cache is trimmed to the device's quota after each sync, in
 * production wiring (core process, preview host): videos watched by an inmate
 * who left are evicted, the one still on another screen is kept.
 */
const QUOTA = 400_000; // bytes; each demo video is 200–310 kB, any two are over it
let stack: KioskStack;

function mediaFiles(): { name: string; size: number }[] {
  const dir = join(stack.deviceDir, 'media');
  return readdirSync(dir).flatMap((sub) =>
    statSync(join(dir, sub)).isDirectory()
      ? readdirSync(join(dir, sub)).map((name) => ({ name, size: statSync(join(dir, sub, name)).size }))
      : [],
  );
}

const totalBytes = (files: { size: number }[]) => files.reduce((sum, f) => sum + f.size, 0);
const isTrim = (line: CoreLogLine) => line.message === 'media cache trimmed';

async function signIn(client: KioskClient) {
  const first = await client.call('auth.signIn', { docNumber: '100234', pin: '2468' });
  if (first.kind !== 'signed-in')
    await client.call('auth.answerSecurityQuestion', { challengeId: first.challengeId, answer: 'rex' });
}

async function watchAll(client: KioskClient, connectionId: string): Promise<{ sha: string; url: string }[]> {
  const list = await client.call('inbox.list', { filter: 'videogram', search: '', offset: 0, limit: 10 });
  const watched: { sha: string; url: string }[] = [];
  for (const row of list.rows) {
    const message = await client.call('messages.get', { id: row.id });
    if (!message.videogram) continue;
    const response = await fetch(stack.host.url + message.videogram.url, {
      headers: { 'X-Kiosk-Connection': connectionId },
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(response.status).toBe(200);
    const { createHash } = await import('node:crypto');
    watched.push({ sha: createHash('sha256').update(bytes).digest('hex'), url: message.videogram.url });
  }
  return watched;
}

beforeAll(async () => {
  stack = await kioskStack({ mediaQuotaBytes: QUOTA });
  await stack.synced();
}, 60_000);
afterAll(() => stack.close());

describe('media quota', () => {
  it('evicts least recently used media after a sync, keeping what a screen shows now', async () => {
    const first = await stack.client('gc-screen-1');
    await signIn(first);
    const watched = await watchAll(first, 'gc-screen-1');
    expect(watched.length).toBeGreaterThanOrEqual(3);
    const before = mediaFiles();
    expect(totalBytes(before)).toBeGreaterThan(QUOTA);

    // The same inmate has the least recently watched video open on a second screen; the first screen signs out.
    const second = await stack.client('gc-screen-2');
    await signIn(second);
    const kept = watched[0];
    if (!kept) throw new Error('nothing watched');
    const list = await second.call('inbox.list', { filter: 'videogram', search: '', offset: 0, limit: 10 });
    const shown = await second.call('messages.get', { id: list.rows[0]?.id ?? '' });
    expect(shown.videogram?.url).toBeDefined();
    // Any sync from here on (the ticket below, the minute timer, a change signal) may run the trim, so
    // core's log is watched from before the sign-out. Core logs each trim once it has finished deleting: listing the
    // folder while a trim runs would catch files mid-removal.
    let from = stack.coreLog.lines.length;
    await first.call('auth.signOut', {});

    // An ordinary sync (a ticket) runs the trim.
    await second.call('support.open', { clientId: uuidv7(), subject: 'Video', body: 'Plays fine.' });
    const deadline = Date.now() + 20_000;
    for (;;) {
      const trim = await stack.coreLog.waitFor(isTrim, from, Math.max(0, deadline - Date.now()));
      from = stack.coreLog.lines.indexOf(trim) + 1;
      if (totalBytes(mediaFiles()) <= QUOTA) break;
    }
    const after = mediaFiles();
    expect(totalBytes(after)).toBeLessThanOrEqual(QUOTA);
    expect(after.map((f) => f.name)).toContain(kept.sha);
    // Evicted media comes back on demand.
    const again = await fetch(stack.host.url + (watched[1]?.url ?? ''), {
      headers: { 'X-Kiosk-Connection': 'gc-screen-1' },
    });
    expect(again.status).toBe(404); // that screen's URLs ended with its session
    const replay = await watchAll(second, 'gc-screen-2');
    expect(replay.map((w) => w.sha).sort()).toEqual(watched.map((w) => w.sha).sort());
  });
});
