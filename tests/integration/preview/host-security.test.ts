import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessBackend } from '../../support/in-process-backend';
import { createCore, type Core } from '../../../electron/core/core';
import { createLogger } from '../../../electron/core/log';
import { startPreviewHost, type PreviewHost } from '../../../electron/preview/host';

let dir: string;
let core: Core;
let host: PreviewHost;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'preview-host-'));
  mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(join(dir, 'renderer', 'assets', 'app.js'), '1');
  writeFileSync(join(dir, 'secret.txt'), 'secret');
  core = createCore(
    { dataDir: join(dir, 'data'), databaseKeyHex: randomBytes(32).toString('hex'), serverUrl: null, appVersion: '1' },
    createLogger('test', () => undefined),
  );
  host = await startPreviewHost({
    backend: inProcessBackend(core),
    rendererDir: join(dir, 'renderer'),
    maxBodyBytes: 1024,
  });
});

afterAll(async () => {
  await host.close();
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw request, so the test controls the Host header and the exact path bytes. */
function raw(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { port } = new URL(host.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

const call = (name: string, body: string, headers: Record<string, string> = {}) =>
  raw(`/api/call/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });

describe('preview host', () => {
  it('listens on loopback only', () => {
    expect(new URL(host.url).hostname).toBe('127.0.0.1');
  });

  it('sends the CSP with the app shell, assets and API answers', async () => {
    for (const response of [await raw('/'), await raw('/assets/app.js'), await call('app.info', '{}')]) {
      expect(response.status).toBe(200);
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      expect(response.headers['content-security-policy']).not.toContain('unsafe');
    }
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/%252e%252e/secret.txt',
  ])('never serves files outside the renderer: %s', async (path) => {
    const response = await raw(path);
    expect(response.body).not.toContain('secret');
  });

  it('answers unknown assets with 404, not the app shell', async () => {
    expect((await raw('/assets/missing.js')).status).toBe(404);
  });

  it('refuses requests for another Host (DNS rebinding)', async () => {
    const response = await raw('/', { headers: { Host: 'evil.example' } });
    expect(response.status).toBe(421);
  });

  it('refuses cross-origin calls', async () => {
    const response = await call('app.setLanguage', '{"language":"es"}', { Origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(core.appInfo.info().language).toBe('en');
  });

  it('refuses bodies that are not JSON, malformed or too large, changing nothing', async () => {
    expect(
      (await raw('/api/call/app.info', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' }))
        .status,
    ).toBe(415);
    const malformed = await call('app.setLanguage', '{"language":');
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body)).toMatchObject({ ok: false, error: { code: 'validation' } });
    const huge = await call('app.setLanguage', JSON.stringify({ language: 'es', pad: 'x'.repeat(4096) })).catch(() => ({
      status: 413,
    }));
    expect(huge.status).toBe(413);
    expect(core.appInfo.info().language).toBe('en');
  });

  it('answers a typed 400 for schema errors and 404 for unknown calls', async () => {
    const bad = await call('app.setLanguage', '{"language":"fr"}');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'validation' } });
    const unknown = await call('app.launchMissiles', '{}');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    expect((await raw('/api/call/app.info')).status).not.toBe(200);
  });

  it('refuses event sockets from other origins', async () => {
    const socket = new WebSocket(host.url.replace('http', 'ws') + '/api/events', { origin: 'https://evil.example' });
    const outcome = await new Promise<string>((resolve) => {
      socket.once('open', () => resolve('open'));
      socket.once('error', () => resolve('refused'));
    });
    expect(outcome).toBe('refused');
  });
});
