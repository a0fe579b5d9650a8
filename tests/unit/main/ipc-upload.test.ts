import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KioskBackend } from '../../../electron/host/api/backend';
import {
  connectionIdOf,
  registerKioskIpc,
  saveUpload,
  type InvokeEventLike,
  type IpcRegistrar,
} from '../../../electron/main/ipc';
import { createAppProtocolHandler } from '../../../electron/main/kiosk-protocol';
import { VIDEOGRAM_MAX_BYTES } from '../../../shared/domain/limits';
import type { KioskResult } from '../../../shared/kiosk-api/errors';
import { kioskIpcChannels } from '../../../shared/kiosk-api/ipc-channels';
import { webmWithDuration } from '../../support/webm';
import { sealedMediaFile } from '../../support/sealed-media';

/**
 * Main's byte endpoints with garbage: the `kiosk:upload` IPC handler
 * (not bytes, wrong type, not a video, empty, oversized, untrusted sender)
 * and the kiosk:// media route (malformed and unknown tokens). Every refusal
 * is a typed error and nothing is written.
 */
const APP_ORIGIN = 'kiosk://app';
const trusted: InvokeEventLike = { senderFrame: { url: `${APP_ORIGIN}/index.html` }, sender: { id: 7 } };

function uploadHandler() {
  const dir = join(mkdtempSync(join(tmpdir(), 'ipc-upload-')), 'incoming');
  const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<KioskResult>>();
  const registrar: IpcRegistrar = { handle: (channel, listener) => void handlers.set(channel, listener) };
  const backend: KioskBackend = {
    invoke: () => Promise.resolve({ ok: true, value: null }),
    onEvent: () => () => undefined,
    onConnection: () => () => undefined,
    resolveMedia: () => Promise.resolve(null),
    endConnection: () => undefined,
  };
  registerKioskIpc(registrar, backend, APP_ORIGIN, dir);
  const handler = handlers.get(kioskIpcChannels.upload);
  if (!handler) throw new Error('no upload handler');
  const files = () => (existsSync(dir) ? readdirSync(dir) : []);
  return { upload: (event: InvokeEventLike, ...args: unknown[]) => handler(event, ...args), files, dir };
}

describe('kiosk:upload (Electron main)', () => {
  const video = webmWithDuration(2_000);

  it('stores a real WebM and returns its id (control)', async () => {
    const t = uploadHandler();
    const result = await t.upload(trusted, video, 'video/webm');
    if (!result.ok) throw new Error(result.error.message);
    const { uploadId } = result.value as { uploadId: string };
    expect(t.files()).toEqual([uploadId]);
    expect(readFileSync(join(t.dir, uploadId)).equals(Buffer.from(video))).toBe(true);
  });

  it.each([
    ['a string', 'not bytes'],
    ['a number array', [0x1a, 0x45, 0xdf, 0xa3]],
    ['an object pretending to be bytes', { byteLength: 10, 0: 0x1a }],
    ['null', null],
    ['undefined', undefined],
  ])('refuses %s: validation, nothing written', async (_name, bytes) => {
    const t = uploadHandler();
    expect(await t.upload(trusted, bytes, 'video/webm')).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(t.files()).toEqual([]);
  });

  it.each([['text/html'], ['video/ogg'], [''], [null], [{ toString: (): string => 'video/webm' }]])(
    'refuses the type %j: validation, nothing written',
    async (type) => {
      const t = uploadHandler();
      expect(await t.upload(trusted, video, type)).toMatchObject({ ok: false, error: { code: 'validation' } });
      expect(t.files()).toEqual([]);
    },
  );

  it('refuses bytes that are not a video, and an empty recording: validation, nothing written', async () => {
    const t = uploadHandler();
    const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
    expect(await t.upload(trusted, html, 'video/webm')).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await t.upload(trusted, new Uint8Array(0), 'video/mp4')).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(t.files()).toEqual([]);
  });

  it('refuses a recording over the limit: limit, nothing written', async () => {
    const t = uploadHandler();
    const huge = new Uint8Array(VIDEOGRAM_MAX_BYTES + 1);
    huge.set(video.subarray(0, 4));
    expect(await t.upload(trusted, huge, 'video/webm')).toMatchObject({ ok: false, error: { code: 'limit' } });
    expect(await t.upload(trusted, huge.buffer, 'video/webm')).toMatchObject({ ok: false, error: { code: 'limit' } });
    expect(t.files()).toEqual([]);
  });

  it.each([
    ['another origin', { senderFrame: { url: 'https://evil.example/' }, sender: { id: 7 } }],
    ['a file: page', { senderFrame: { url: 'file:///tmp/x.html' }, sender: { id: 7 } }],
    ['no frame', { senderFrame: null, sender: { id: 7 } }],
  ] as [string, InvokeEventLike][])('refuses an upload from %s: forbidden, nothing written', async (_name, event) => {
    const t = uploadHandler();
    expect(await t.upload(event, video, 'video/webm')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(t.files()).toEqual([]);
  });

  it('saveUpload never writes outside its folder, whatever it is given', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ipc-upload-')), 'incoming');
    const result = saveUpload(dir, video, 'video/webm');
    expect(result.ok).toBe(true);
    expect(readdirSync(join(dir, '..'))).toEqual(['incoming']);
  });
});

describe('kiosk://app/media/:token (Electron main)', () => {
  it('asks core only for well-formed tokens and answers the rest 404 with the CSP', async () => {
    const asked: string[] = [];
    const root = mkdtempSync(join(tmpdir(), 'app-media-'));
    const photo = sealedMediaFile(join(root, 'photo.jpg'), Buffer.from('jpeg'), 'image/jpeg');
    const handler = createAppProtocolHandler(root, "default-src 'none'", (token) => {
      asked.push(token);
      return Promise.resolve(token === 'good-token-0123456789' ? photo : null);
    });
    const ok = await handler(new Request('kiosk://app/media/good-token-0123456789'));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('jpeg');
    for (const url of [
      'kiosk://app/media/short',
      `kiosk://app/media/${'a'.repeat(65)}`,
      'kiosk://app/media/%2e%2e%2fsecret',
      'kiosk://app/media/tok%00en0123456789',
      'kiosk://app/media/unknown-token-0123456789',
    ]) {
      const response = await handler(new Request(url));
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe("default-src 'none'");
    }
    expect(asked).toEqual(['good-token-0123456789', 'unknown-token-0123456789']);
  });

  it('names the window connection the way the IPC bridge does', () => {
    expect(connectionIdOf(7)).toBe('webcontents-7');
  });
});
