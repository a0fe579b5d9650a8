import { EventEmitter, once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { KioskBackend } from '../../../electron/host/api/backend';
import { startPreviewHost, type PreviewHost } from '../../../electron/preview/host';
import { VIDEOGRAM_MAX_BYTES } from '../../../shared/domain/limits';
import { kioskHttpPaths } from '../../../shared/kiosk-api/http-paths';
import { webmWithDuration } from '../../support/webm';
import { sealedMediaFile } from '../../support/sealed-media';
import type { MediaFile } from '../../../shared/core-host/messages';

/**
 * The preview host's byte endpoints with garbage thrown at them: /api/upload
 * (oversized, lying about its size, wrong type, not a video, empty, torn
 * mid-way, cross-origin) and /media/:token (malformed, unknown, someone
 * else's, no connection). Every refusal is a typed error and nothing is
 * written. Plus the page bookkeeping: a page whose event socket is gone has
 * its sessions ended; media requests resolve for the page's own connection.
 */
let dir: string;
let uploadDir: string;
let host: PreviewHost;
let photo: MediaFile;
const ended: string[] = [];
const endings = new EventEmitter<{ ended: [string] }>();
const resolved: { token: string; connectionId: string }[] = [];
const GOOD_TOKEN = 'good-token-0123456789';

const backend: KioskBackend = {
  invoke: () => Promise.resolve({ ok: true, value: {} }),
  onEvent: () => () => undefined,
  onConnection: () => () => undefined,
  resolveMedia(token, connectionId) {
    resolved.push({ token, connectionId });
    return Promise.resolve(token === GOOD_TOKEN && connectionId === 'conn-owner' ? photo : null);
  },
  endConnection: (connectionId) => {
    ended.push(connectionId);
    endings.emit('ended', connectionId);
  },
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'preview-garbage-'));
  uploadDir = join(dir, 'incoming');
  mkdirSync(join(dir, 'renderer'), { recursive: true });
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>kiosk</title>');
  photo = sealedMediaFile(join(dir, 'photo.jpg'), Buffer.from('jpeg'), 'image/jpeg');
  host = await startPreviewHost({ backend, rendererDir: join(dir, 'renderer'), uploadDir, pageGoneGraceMs: 100 });
});
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  ended.length = 0;
  resolved.length = 0;
});

const uploads = () => {
  try {
    return readdirSync(uploadDir);
  } catch {
    return [];
  }
};

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request: the test controls headers, and may stream a body in chunks or tear it. */
function raw(
  path: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: Uint8Array | string;
    chunks?: Uint8Array[];
    tearAfterChunks?: boolean;
  } = {},
): Promise<RawResponse | 'torn'> {
  const { port } = new URL(host.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', () => resolve('torn'));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      options.tearAfterChunks || error.code === 'ECONNRESET' || error.code === 'EPIPE'
        ? resolve('torn')
        : reject(error),
    );
    if (options.body !== undefined) req.write(options.body);
    if (options.chunks) {
      for (const chunk of options.chunks) req.write(chunk);
      if (options.tearAfterChunks) {
        setTimeout(() => req.destroy(), 100);
        return;
      }
    }
    req.end();
  });
}

const asResponse = (r: RawResponse | 'torn'): RawResponse => {
  if (r === 'torn') throw new Error('connection torn before an answer');
  return r;
};

const typedError = (r: RawResponse) => JSON.parse(r.body) as { ok: boolean; error: { code: string } };

/** Torn requests are cleaned up when the host notices the tear: nothing may be left in the upload folder. */
async function nothingStored() {
  await vi.waitFor(() => expect(uploads()).toEqual([]), { timeout: 10_000, interval: 20 });
}

describe('POST /api/upload with garbage', () => {
  const video = webmWithDuration(2_000);

  it('accepts a real WebM (control) and stores exactly it', async () => {
    const r = asResponse(
      await raw(kioskHttpPaths.upload, { method: 'POST', headers: { 'Content-Type': 'video/webm' }, body: video }),
    );
    expect(r.status).toBe(200);
    const { uploadId } = JSON.parse(r.body) as { uploadId: string };
    expect(uploads()).toEqual([uploadId]);
    rmSync(join(uploadDir, uploadId));
  });

  it('refuses a declared size over the limit before reading it: 413 limit, nothing written', async () => {
    const r = await raw(kioskHttpPaths.upload, {
      method: 'POST',
      headers: { 'Content-Type': 'video/webm', 'Content-Length': String(VIDEOGRAM_MAX_BYTES + 1) },
      chunks: [video],
      tearAfterChunks: true,
    });
    expect(r).not.toBe('torn');
    expect(asResponse(r).status).toBe(413);
    expect(typedError(asResponse(r)).error.code).toBe('limit');
    await nothingStored();
  });

  it('refuses a streamed body that grows over the limit (no Content-Length): 413, nothing written', async () => {
    const chunk = new Uint8Array(4 * 1024 * 1024);
    chunk.set(video.subarray(0, 4));
    const chunks = Array.from({ length: Math.ceil(VIDEOGRAM_MAX_BYTES / chunk.length) + 1 }, () => chunk);
    const r = await raw(kioskHttpPaths.upload, {
      method: 'POST',
      headers: { 'Content-Type': 'video/webm', 'Transfer-Encoding': 'chunked' },
      chunks,
    });
    if (r !== 'torn') {
      expect(r.status).toBe(413);
      expect(typedError(r).error.code).toBe('limit');
    }
    await nothingStored();
  });

  it.each([
    ['text/plain', 'hello'],
    ['application/json', '{"uploadId":"../../etc/passwd"}'],
    ['image/jpeg', 'jpeg'],
    ['', 'x'],
  ])('refuses Content-Type %j: 415 validation, nothing written', async (type, body) => {
    const headers: Record<string, string> = type ? { 'Content-Type': type } : {};
    const r = asResponse(await raw(kioskHttpPaths.upload, { method: 'POST', headers, body }));
    expect(r.status).toBe(415);
    expect(typedError(r)).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(uploads()).toEqual([]);
  });

  it('refuses bytes that claim to be video but are not: 415 validation, nothing written', async () => {
    const r = asResponse(
      await raw(kioskHttpPaths.upload, {
        method: 'POST',
        headers: { 'Content-Type': 'video/webm' },
        body: '<script>alert(1)</script>'.repeat(100),
      }),
    );
    expect(r.status).toBe(415);
    expect(typedError(r).error.code).toBe('validation');
    expect(uploads()).toEqual([]);
  });

  it('refuses an empty body: 400 validation, nothing written', async () => {
    const r = asResponse(
      await raw(kioskHttpPaths.upload, { method: 'POST', headers: { 'Content-Type': 'video/mp4' }, body: '' }),
    );
    expect(r.status).toBe(400);
    expect(typedError(r).error.code).toBe('validation');
    expect(uploads()).toEqual([]);
  });

  it('leaves nothing behind when the client tears the connection mid-upload', async () => {
    await raw(kioskHttpPaths.upload, {
      method: 'POST',
      headers: { 'Content-Type': 'video/webm', 'Content-Length': String(video.length * 100) },
      chunks: [video, video],
      tearAfterChunks: true,
    });
    await nothingStored();
  });

  it('refuses a cross-origin upload: 403 forbidden, nothing written', async () => {
    const r = asResponse(
      await raw(kioskHttpPaths.upload, {
        method: 'POST',
        headers: { 'Content-Type': 'video/webm', Origin: 'http://evil.example' },
        body: video,
      }),
    );
    expect(r.status).toBe(403);
    expect(typedError(r).error.code).toBe('forbidden');
    expect(uploads()).toEqual([]);
  });
});

describe('GET /media/:token with garbage', () => {
  it('serves the right token to its own connection (control)', async () => {
    const r = asResponse(await raw(`/media/${GOOD_TOKEN}`, { headers: { 'X-Kiosk-Connection': 'conn-owner' } }));
    expect(r.status).toBe(200);
    expect(r.body).toBe('jpeg');
  });

  it.each([
    '/media/short',
    `/media/${'a'.repeat(65)}`,
    '/media/..%2F..%2Fetc%2Fpasswd',
    '/media/%2e%2e%2f%2e%2e%2fdevice.db',
    '/media/good-token-0123456789/extra',
    '/media/good-token-0123456789.jpg',
    '/media/tok%00en0123456789',
    '/media/',
  ])('answers a malformed token %s with a typed 404 and never asks core', async (path) => {
    const r = asResponse(await raw(path, { headers: { 'X-Kiosk-Connection': 'conn-owner' } }));
    expect(r.status).toBe(404);
    if (path.startsWith('/media/') && r.body)
      expect(typedError(r)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(resolved).toEqual([]);
  });

  it('answers an unknown token, or the right token for another connection, with the same typed 404', async () => {
    const unknown = asResponse(
      await raw('/media/unknown-token-0123456789', { headers: { 'X-Kiosk-Connection': 'conn-owner' } }),
    );
    const other = asResponse(await raw(`/media/${GOOD_TOKEN}`, { headers: { 'X-Kiosk-Connection': 'conn-other' } }));
    for (const r of [unknown, other]) {
      expect(r.status).toBe(404);
      expect(typedError(r)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    expect(unknown.body).toBe(other.body); // nothing tells "exists but not yours" from "no such thing"
  });

  it('does not even ask core for a request that names no connection', async () => {
    const r = asResponse(await raw(`/media/${GOOD_TOKEN}`));
    expect(r.status).toBe(404);
    expect(resolved).toEqual([]);
  });
});

describe('pages of the preview (the renderer-crash equivalent)', () => {
  /** Loads the app shell like a browser tab: the host hands the page its cookie. */
  async function loadPage(): Promise<string> {
    const r = asResponse(await raw('/'));
    const setCookie = String(r.headers['set-cookie'] ?? '');
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = /kiosk-page=[\w-]+/.exec(setCookie)?.[0];
    if (!cookie) throw new Error('no page cookie');
    return cookie;
  }

  async function openSocket(cookie: string): Promise<WebSocket> {
    const socket = new WebSocket(host.url.replace(/^http/, 'ws') + kioskHttpPaths.events, {
      origin: host.url,
      headers: { cookie },
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return socket;
  }

  const call = (cookie: string, connectionId: string) =>
    raw(kioskHttpPaths.call('auth.keepAlive'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Kiosk-Connection': connectionId, cookie },
      body: '{}',
    });

  it('gives every load of the app shell a new page cookie', async () => {
    expect(await loadPage()).not.toBe(await loadPage());
  });

  it('ends the sessions of a page whose event socket closed for good (reload, crash, tab closed)', async () => {
    const cookie = await loadPage();
    const socket = await openSocket(cookie);
    await call(cookie, 'conn-page-1');
    const gone = once(endings, 'ended', { signal: AbortSignal.timeout(10_000) });
    socket.close();
    await gone;
    expect(ended).toEqual(['conn-page-1']);
  });

  it('keeps the sessions of a page whose socket reconnects within the grace', async () => {
    const cookie = await loadPage();
    const socket = await openSocket(cookie);
    await call(cookie, 'conn-page-2');
    socket.close();
    const again = await openSocket(cookie);
    await new Promise((r) => setTimeout(r, 400));
    expect(ended).toEqual([]);
    again.close();
    await new Promise((r) => setTimeout(r, 400));
    expect(ended).toEqual(['conn-page-2']);
  });

  it("resolves a media element's request (no header) for its page's connection only", async () => {
    const cookie = await loadPage();
    const socket = await openSocket(cookie);
    await call(cookie, 'conn-owner');
    const r = asResponse(await raw(`/media/${GOOD_TOKEN}`, { headers: { cookie } }));
    expect(r.status).toBe(200);
    expect(resolved).toEqual([{ token: GOOD_TOKEN, connectionId: 'conn-owner' }]);
    const stranger = await loadPage(); // another page (another tab or profile) with no calls of its own
    expect(asResponse(await raw(`/media/${GOOD_TOKEN}`, { headers: { cookie: stranger } })).status).toBe(404);
    socket.close();
  });
});
