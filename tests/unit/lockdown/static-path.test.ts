import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveStaticPath } from '../../../electron/host/lockdown/static-path';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'static-path-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'assets', 'app.js'), '');
  writeFileSync(join(base, 'secret.txt'), 'secret');
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'escape.txt'));
  symlinkSync(base, join(root, 'up'));
  symlinkSync(join(root, 'assets', 'app.js'), join(root, 'inside-link.js'));
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('resolveStaticPath', () => {
  it('serves files inside the root', () => {
    expect(resolveStaticPath(root, '/index.html')).toBe(join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/app.js')).toBe(join(root, 'assets', 'app.js'));
    expect(resolveStaticPath(root, '/./assets//app.js')).toBe(join(root, 'assets', 'app.js'));
  });

  it('follows a symlink that stays inside the root', () => {
    expect(resolveStaticPath(root, '/inside-link.js')).toBe(join(root, 'assets', 'app.js'));
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '..',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/%252e%252e/secret.txt',
    '/..%2fsecret.txt',
    '/..%5csecret.txt',
    '/..\\secret.txt',
    '/assets\\..\\..\\secret.txt',
  ])('refuses traversal %s', (path) => {
    expect(resolveStaticPath(root, path)).toBeNull();
  });

  it.each(['/etc/passwd', '//etc/passwd', 'C:/Windows/win.ini', '/C:/Windows/win.ini', 'c:\\windows\\win.ini'])(
    'treats absolute paths as relative or refuses them: %s',
    (path) => {
      const resolved = resolveStaticPath(root, path);
      // Either refused, or (for a leading slash) looked up inside root where it does not exist.
      expect(resolved === null || resolved.startsWith(root)).toBe(true);
      expect(resolved).toBeNull();
    },
  );

  it('refuses symlinks that point outside the root', () => {
    expect(resolveStaticPath(root, '/assets/escape.txt')).toBeNull();
    expect(resolveStaticPath(root, '/up/secret.txt')).toBeNull();
  });

  it('refuses NUL bytes and malformed encoding', () => {
    expect(resolveStaticPath(root, '/index.html%00.png')).toBeNull();
    expect(resolveStaticPath(root, '/%E0%A4%A')).toBeNull();
  });

  it('returns null for missing files', () => {
    expect(resolveStaticPath(root, '/missing.js')).toBeNull();
  });
});
