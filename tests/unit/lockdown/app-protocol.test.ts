import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../../electron/main/kiosk-protocol';

let base: string;
let handler: (request: Request) => Promise<Response>;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'app-protocol-'));
  mkdirSync(join(base, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(base, 'renderer', 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(join(base, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'secret');
  handler = createAppProtocolHandler(join(base, 'renderer'), "default-src 'none'");
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('kiosk:// protocol handler', () => {
  it('serves the app shell and assets with the CSP', async () => {
    const shell = await handler(new Request('http://app/'.replace('http', 'kiosk')));
    expect(shell.status).toBe(200);
    expect(shell.headers.get('content-type')).toContain('text/html');
    expect(shell.headers.get('content-security-policy')).toBe("default-src 'none'");
    const js = await handler(new Request('kiosk://app/assets/app.js'));
    expect(await js.text()).toBe('console.log(1)');
  });

  it.each([
    'kiosk://app/../secret.txt',
    'kiosk://app/%2e%2e/secret.txt',
    'kiosk://app/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'kiosk://other/index.html',
    'kiosk://app/missing.js',
  ])('answers 404 with the CSP for %s', async (url) => {
    const response = await handler(new Request(url));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'");
  });
});
