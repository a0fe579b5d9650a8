import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app';
import { CONTRACT_CONFIG_KEY } from '../../../server/http/portal-route';
import { portalRoutes } from '../../../shared/portal-api/contract';
import { demoServer } from '../../support/server-harness';

/** The portal's and staff console's part of the server: what the contract must cover. */
const PORTAL_PATHS = /^\/(api\/(family|staff|demo)|family)(\/|$)/;

interface SeenRoute {
  method: string;
  url: string;
  contract: unknown;
}

/** Each portal route that has no contract entry, or whose entry says another method or path. */
function uncovered(routes: SeenRoute[]): string[] {
  const problems: string[] = [];
  for (const route of routes) {
    if (!PORTAL_PATHS.test(route.url) || route.method === 'HEAD') continue;
    const name = route.contract;
    const spec =
      typeof name === 'string' ? (portalRoutes as Record<string, { method: string; path: string }>)[name] : null;
    if (!spec) problems.push(`${route.method} ${route.url}: no contract entry (register it with portalRoute)`);
    else if (spec.method !== route.method || spec.path !== route.url)
      problems.push(`${route.method} ${route.url}: its entry ${String(name)} says ${spec.method} ${spec.path}`);
  }
  return problems;
}

describe('portal and staff console API contract', () => {
  let server: RunningServer;
  const routes: SeenRoute[] = [];
  beforeAll(async () => {
    server = await demoServer({
      onRoute: (route: RouteOptions) => {
        const methods = Array.isArray(route.method) ? route.method : [route.method];
        const config = route.config as Record<string, unknown> | undefined;
        for (const method of methods) routes.push({ method, url: route.url, contract: config?.[CONTRACT_CONFIG_KEY] });
      },
    });
  });
  afterAll(() => server.close());

  it('every portal and console route registered on the app is registered from its contract entry', () => {
    expect(routes.filter((route) => PORTAL_PATHS.test(route.url)).length).toBeGreaterThan(40);
    expect(uncovered(routes)).toEqual([]);
  });

  it('the check fails for a route added without an entry, or registered under another entry', () => {
    expect(uncovered([{ method: 'GET', url: '/api/family/secret', contract: undefined }])).toHaveLength(1);
    expect(uncovered([{ method: 'POST', url: '/api/staff/me', contract: 'staff.me' }])).toHaveLength(1);
  });

  it('every contract entry is a route the server has', () => {
    const registered = new Set(routes.map((route) => `${route.method} ${route.url}`));
    const missing = Object.entries(portalRoutes)
      .map(([, spec]) => `${spec.method} ${spec.path}`)
      .filter((key) => !registered.has(key));
    expect(missing).toEqual([]);
  });

  it('input is parsed with the contract before the handler runs: a bad field is a 400 naming the route', async () => {
    const response = await fetch(`${server.url}/api/family/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'not-an-email',
        password: 'x',
        displayName: 'A',
        securityQuestion: 'q',
        securityAnswer: 'a',
      }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; params: { what: string } };
    expect(body.error).toBe('validation');
    expect(body.params.what).toBe('family.signup body');
  });

  it('answers are what the contract says (parsed by the same schema the portal uses)', async () => {
    const response = await fetch(`${server.url}/api/family/support`);
    expect(response.status).toBe(200);
    const parsed = portalRoutes['family.support'].output.safeParse(await response.json());
    expect(parsed.success).toBe(true);
    expect(parsed.data?.facilities.length).toBeGreaterThan(0);
  });
});
