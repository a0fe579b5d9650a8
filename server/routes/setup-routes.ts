import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { startSession } from '../accounts/web-session';
import type { ServerContext } from '../domain/context';
import { completeSetup, isSetUp, SetupInput } from '../domain/facility/setup';
import { usableLink } from '../domain/facility/staff-links';
import { AcceptLinkInput, acceptStaffLink, describeStaffLink } from '../domain/facility/staff-accounts';
import { HttpError, parseInput } from '../http/http-error';

const LinkToken = z.object({ token: z.string().min(10).max(200) }).strict();
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

  app.get('/api/setup/status', async () => ({ setUp: setUp || (await isSetUp(ctx.db)) }));
  app.post('/api/setup/link', { config: { rateLimit } }, async (request) => {
    const { token } = parseInput(LinkToken, request.body, 'setup link');
    const link = await usableLink(ctx.db, token, ctx.now());
    if (link.purpose !== 'setup') throw new HttpError(410, 'link_expired', 'This link was used or has expired.');
    return { purpose: link.purpose, expiresAt: link.expires_at };
  });
  app.post('/api/setup', { config: { rateLimit } }, async (request, reply) => {
    const input = parseInput(SetupInput, request.body, 'setup');
    const adminId = await completeSetup(ctx, input);
    setUp = true;
    // The new admin is signed in on this browser at once.
    const csrf = await startSession(ctx, reply, request, { kind: 'staff', accountId: adminId });
    return { status: 'signed-in' as const, csrf, role: 'admin' as const };
  });

  // An invitation or a reset link made on the server host: which account, then a new password.
  app.post('/api/staff/link', { config: { rateLimit } }, async (request) => {
    const { token } = parseInput(LinkToken, request.body, 'staff link');
    return describeStaffLink(ctx, token);
  });
  app.post('/api/staff/link/accept', { config: { rateLimit } }, async (request) => {
    await acceptStaffLink(ctx, parseInput(AcceptLinkInput, request.body, 'staff link'));
    return { ok: true };
  });
}
