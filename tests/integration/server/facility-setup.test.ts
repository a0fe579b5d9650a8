import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../server/app';
import { firstAdmin, linkToken, setUpFacility } from '../../support/facility-setup';
import { testStore } from '../../support/server-harness';
import { startServerProcess, type ServerProcess } from '../../support/server-process';
import { WebBrowser } from '../../support/web-browser';

const run = promisify(execFile);
const repo = join(import.meta.dirname, '../../..');
const setupLine = /Setup: (?:done|not done yet[^\n]*\n(\S+))/;

let processes: ServerProcess[] = [];
let servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  await Promise.all(servers.map((s) => s.close()));
  processes = [];
  servers = [];
});

async function freshStore() {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-setup-'));
  return { dir, store: await testStore(dir) };
}

async function cliProcess(dir: string, store: { dbPath: string; databaseUrl?: string }) {
  const server = await startServerProcess(store, { mediaDir: join(dir, 'media'), demo: false, schedulerMs: 0 });
  processes.push(server);
  const [, link] = await server.waitForOutput(setupLine);
  return { server, link: link ?? null };
}

/** `npm run server -- admin reset-password EMAIL`, on the server host. */
function resetCommand(store: { dbPath: string; databaseUrl?: string }, email: string) {
  return run(process.execPath, [
    '--import',
    'tsx',
    join(repo, 'server/cli.ts'),
    '--demo',
    '--no-demo',
    '--db',
    store.dbPath,
    ...(store.databaseUrl ? ['--database-url', store.databaseUrl] : []),
    'admin',
    'reset-password',
    email,
  ]);
}

describe('first start without the demo', () => {
  it('prints a setup link, answers setup_required until it is used, and never prints one again', async () => {
    const { dir, store } = await freshStore();
    const first = await cliProcess(dir, store);
    expect(first.link).toMatch(/\/portal\/#setup\?token=/);
    const anon = new WebBrowser(first.server.url);
    for (const [method, path] of [
      ['GET', '/api/staff/me'],
      ['POST', '/api/staff/signin'],
      ['POST', '/api/devices/enroll/options'],
      ['GET', '/api/family/support'],
    ] as const) {
      const response = await anon.request(method, path, method === 'POST' ? {} : undefined);
      expect(response.status, path).toBe(503);
      expect(response.body.error, path).toBe('setup_required');
    }
    expect((await anon.request('GET', '/api/health')).status).toBe(200);
    expect((await anon.request('POST', '/api/setup/link', { token: linkToken(first.link ?? '') })).status).toBe(200);

    const admin = await setUpFacility(first.server.url, first.link ?? '');
    expect((await admin.request('GET', '/api/staff/me')).body).toEqual({ role: 'admin' });
    expect((await admin.request('GET', '/api/staff/admin/units')).status).toBe(200);
    // The link is spent: the page says so, and setting up again is refused.
    expect((await anon.request('POST', '/api/setup/link', { token: linkToken(first.link ?? '') })).body.error).toBe(
      'link_expired',
    );
    await first.server.stop();

    const second = await cliProcess(dir, store);
    expect(second.link).toBeNull();
    expect(second.server.output()).not.toContain('#setup?token=');
    const signIn = await new WebBrowser(second.server.url).request('POST', '/api/staff/signin', {
      email: firstAdmin.email,
      password: firstAdmin.password,
    });
    expect(signIn.status).toBe(200);
  });

  it('a start before the setup prints a new link and the older one stops working', async () => {
    const { dir, store } = await freshStore();
    const first = await cliProcess(dir, store);
    await first.server.stop();
    const second = await cliProcess(dir, store);
    expect(second.link).not.toBe(first.link);
    const anon = new WebBrowser(second.server.url);
    expect((await anon.request('POST', '/api/setup/link', { token: linkToken(first.link ?? '') })).status).toBe(410);
    expect((await anon.request('POST', '/api/setup/link', { token: linkToken(second.link ?? '') })).status).toBe(200);
  });
});

describe('the setup link', () => {
  it('is single use: sent twice at once, one setup succeeds', async () => {
    const { store } = await freshStore();
    const server = await startServer({ ...store, port: 0, seed: 'none', logLevel: 'silent', schedulerMs: 0 });
    servers.push(server);
    const link = (await server.setupLink()) ?? '';
    const results = await Promise.allSettled([setUpFacility(server.url, link), setUpFacility(server.url, link)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(String((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason)).toMatch(/410|409/);
    expect(await server.db.selectFrom('facilities').select('id').execute()).toHaveLength(1);
    expect(await server.setupLink()).toBeNull();
  });

  it('expires after 24 hours, with nothing created', async () => {
    const { store } = await freshStore();
    let clock = Date.now();
    const server = await startServer({
      ...store,
      port: 0,
      seed: 'none',
      logLevel: 'silent',
      schedulerMs: 0,
      now: () => clock,
    });
    servers.push(server);
    const link = (await server.setupLink()) ?? '';
    clock += 24 * 3_600_000 + 1;
    await expect(setUpFacility(server.url, link)).rejects.toThrow(/410.*link_expired/);
    expect(await server.db.selectFrom('facilities').select('id').execute()).toHaveLength(0);
    expect(await server.db.selectFrom('staff_users').select('id').execute()).toHaveLength(0);
  });

  it('refuses a weak password or an unknown time zone with nothing written', async () => {
    const { store } = await freshStore();
    const server = await startServer({ ...store, port: 0, seed: 'none', logLevel: 'silent', schedulerMs: 0 });
    servers.push(server);
    const token = linkToken((await server.setupLink()) ?? '');
    const anon = new WebBrowser(server.url);
    const facility = { name: 'Lakeside', timeZone: 'America/Chicago', locale: 'en', currency: 'USD' };
    const weak = await anon.request('POST', '/api/setup', {
      token,
      facility,
      admin: { ...firstAdmin, password: 'short' },
    });
    expect(weak.body.error).toBe('weak_password');
    const zone = await anon.request('POST', '/api/setup', {
      token,
      facility: { ...facility, timeZone: 'Mars/Olympus' },
      admin: firstAdmin,
    });
    expect(zone.status).toBe(400);
    expect(await server.db.selectFrom('facilities').select('id').execute()).toHaveLength(0);
    // The link was not spent by the refusals.
    expect((await anon.request('POST', '/api/setup/link', { token })).status).toBe(200);
  });
});

describe('a lost admin password', () => {
  it('is recovered by a one-time link printed on the server host, and by no route over the network', async () => {
    const { store } = await freshStore();
    const server = await startServer({ ...store, port: 0, seed: 'none', logLevel: 'silent', schedulerMs: 0 });
    servers.push(server);
    await setUpFacility(server.url, (await server.setupLink()) ?? '');
    const anon = new WebBrowser(server.url);
    expect((await anon.request('POST', '/api/staff/password/forgot', { email: firstAdmin.email })).status).toBe(404);

    const { stdout } = await resetCommand(store, firstAdmin.email.toUpperCase());
    const link = /(http\S+#staff-link\?token=\S+)/.exec(stdout)?.[1] ?? '';
    const token = linkToken(link);
    expect((await anon.request('POST', '/api/staff/link', { token })).body).toEqual({
      purpose: 'reset',
      email: firstAdmin.email,
    });
    const newPassword = 'a brand new admin password';
    const accept = { token, password: newPassword, securityQuestion: 'Street?', securityAnswer: 'Elm' };
    expect((await anon.request('POST', '/api/staff/link/accept', accept)).status).toBe(200);
    expect((await anon.request('POST', '/api/staff/link/accept', accept)).body.error).toBe('link_expired');
    const signIn = (password: string) =>
      new WebBrowser(server.url).request('POST', '/api/staff/signin', { email: firstAdmin.email, password });
    expect((await signIn(firstAdmin.password)).status).toBe(401);
    expect((await signIn(newPassword)).status).toBe(200);
    const audit = await server.db.selectFrom('audit_log').select(['action', 'actor_id']).orderBy('at').execute();
    expect(audit.find((a) => a.action === 'staff.reset_link')?.actor_id).toBeNull();
    expect(audit.map((a) => a.action)).toContain('staff.password_reset');

    await expect(resetCommand(store, 'nobody@facility.example')).rejects.toMatchObject({ code: 1 });
  });
});
