import { describe, expect, it } from 'vitest';
import { isAllowedNavigation, isTrustedSender, windowOpenAction } from '../../../electron/host/lockdown/navigation';

const app = 'kiosk://app';

describe('navigation policy', () => {
  it.each(['kiosk://app/index.html', 'kiosk://app/', 'kiosk://app/index.html#inbox'])(
    'allows the app itself: %s',
    (url) => {
      expect(isAllowedNavigation(url, app)).toBe(true);
    },
  );

  it.each([
    'https://example.com/',
    'http://127.0.0.1:8080/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<h1>hi</h1>',
    'kiosk://other/index.html',
    'kiosk-media://app/x',
    'kiosk://user:pass@app/index.html',
    'chrome://settings',
    'devtools://devtools/bundled/inspector.html',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAllowedNavigation(url, app)).toBe(false);
  });

  it('denies every window.open', () => {
    expect(windowOpenAction()).toEqual({ action: 'deny' });
  });
});

describe('IPC sender check', () => {
  it('trusts the app origin only', () => {
    expect(isTrustedSender('kiosk://app/index.html', app)).toBe(true);
    expect(isTrustedSender('https://evil.example/', app)).toBe(false);
    expect(isTrustedSender('about:blank', app)).toBe(false);
    expect(isTrustedSender('null', app)).toBe(false);
    expect(isTrustedSender(null, app)).toBe(false);
    expect(isTrustedSender(undefined, app)).toBe(false);
  });
});
