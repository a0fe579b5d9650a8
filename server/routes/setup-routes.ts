import type { FastifyInstance } from 'fastify';
import { startSession } from '../accounts/web-session';
import type { ServerContext } from '../domain/context';
import { completeSetup, isSetUp, SetupInput } from '../domain/facility/setup';
import { usableLink } from '../domain/facility/staff-links';
import { AcceptLinkInput, acceptStaffLink, describeStaffLink } from '../domain/facility/staff-accounts';
import { HttpError, parseInput } from '../http/http-error';
import { portalRoute } from '../http/portal-route';

/** Links are 32 random bytes; the limit only keeps a client from hammering the hash lookups. */
const rateLimit = { max: 30, timeWindow: '1 minute' };

/**
 * First start and staff links. Until an admin exists, every other API
 * route answers 503 `setup_required` (only health and these work), so a
 * server started without the demo does nothing until its setup link is used.
 */
export function registerSetupRoutes(app: FastifyInstance, ctx: ServerContext): void {
  let setUp = false;
  app.addHook('onRequest', async (request) => {
    if (setUp) return;
    const route = request.routeOptions.url;
    if (!route?.startsWith('/api/') || route === '/api/health' || route.startsWith('/api/setup')) return;
    // Read until it is true (another process behind the same database may have finished the setup).
    if (await isSetUp(ctx.db)) {
      setUp = true;
      return;
    }
    throw new HttpError(503, 'setup_required', 'Not set up yet: open the setup link printed when the server started.');
  });

  portalRoute(app, 'setup.status', async () => ({ setUp: setUp || (await isSetUp(ctx.db)) }));
  portalRoute(
    app,
    'setup.link',
    async ({ body }) => {
      const link = await usableLink(ctx.db, body.token, ctx.now());
      if (link.purpose !== 'setup') throw new HttpError(410, 'link_expired', 'This link was used or has expired.');
      return { purpose: 'setup' as const, expiresAt: link.expires_at };
    },
    { config: { rateLimit } },
  );
  portalRoute(
    app,
    'setup.create',
    async ({ body }, request, reply) => {
      const adminId = await completeSetup(ctx, parseInput(SetupInput, body, 'setup'));
      setUp = true;
      // The new admin is signed in on this browser at once.
      const csrf = await startSession(ctx, reply, request, { kind: 'staff', accountId: adminId });
      return { status: 'signed-in' as const, csrf, role: 'admin' as const };
    },
    { config: { rateLimit } },
  );

  // An invitation or a reset link made on the server host: which account, then a new password.
  portalRoute(app, 'staff.link', async ({ body }) => describeStaffLink(ctx, body.token), { config: { rateLimit } });
  portalRoute(
    app,
    'staff.link.accept',
    async ({ body }) => {
      await acceptStaffLink(ctx, parseInput(AcceptLinkInput, body, 'staff link'));
      return { ok: true as const };
    },
    { config: { rateLimit } },
  );
}
