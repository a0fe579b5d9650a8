import type { FastifyInstance } from 'fastify';
import { portalRoute } from '../http/portal-route';
import type { FolderMailer } from '../mail/mailer';

/**
 * Demo only: the local mail folder as a "demo mailbox", so a reset link can
 * be followed without an SMTP relay. Registered only in demo mode with no
 * SMTP (see app.ts): it shows every account's reset links to anyone.
 */
export function registerDemoRoutes(app: FastifyInstance, mailer: FolderMailer): void {
  portalRoute(app, 'demo.mail', async ({ query }) =>
    Promise.resolve({ demo: true as const, mail: mailer.list(query.limit) }),
  );
}
