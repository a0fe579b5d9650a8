import { z } from 'zod';
import { defineRoutes } from './define';

/** One mail in the demo mailbox (the local mail folder): demo mode only, see docs/SERVER.md. */
const DemoMail = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  link: z.string().optional(),
  sentAt: z.number().int(),
});

export const demoRoutes = defineRoutes({
  'demo.mail': {
    method: 'GET',
    path: '/api/demo/mail',
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict(),
    output: z.object({ demo: z.literal(true), mail: z.array(DemoMail) }),
  },
});
