import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseInput } from '../http/http-error';
import type { FolderMailer } from '../mail/mailer';

/**
 * Demo only: the local mail folder as a "demo mailbox", so a reset link can
 * be followed without an SMTP relay. Registered only in demo mode with no
 * SMTP (see app.ts): it shows every account's reset links to anyone.
 */
export function registerDemoRoutes(app: FastifyInstance, mailer: FolderMailer): void {
  app.get('/api/demo/mail', (request) => {
    const { limit } = parseInput(
      z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict(),
      request.query,
      'mailbox query',
    );
    return { demo: true, mail: mailer.list(limit) };
  });
}
