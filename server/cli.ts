/**
 * `npm run server`: the reference facility server on 127.0.0.1 with the demo
 * facility when its database is new. Config from flags or the environment:
 *
 *   tsx server/cli.ts [--db FILE] [--host 127.0.0.1] [--port 8470] [--log-level info] [--no-demo]
 *   KIOSK_SERVER_DB, KIOSK_SERVER_HOST, KIOSK_SERVER_PORT, LOG_LEVEL
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startServer } from './app';

const { values } = parseArgs({
  options: {
    db: {
      type: 'string',
      default: process.env.KIOSK_SERVER_DB ?? resolve(import.meta.dirname, '../.data/server/facility.db'),
    },
    host: { type: 'string', default: process.env.KIOSK_SERVER_HOST ?? '127.0.0.1' },
    port: { type: 'string', default: process.env.KIOSK_SERVER_PORT ?? '8470' },
    'log-level': { type: 'string', default: process.env.LOG_LEVEL ?? 'info' },
    'no-demo': { type: 'boolean', default: false },
  },
});

const config = z
  .object({
    db: z.string().min(1),
    host: z.string().min(1),
    port: z.coerce.number().int().min(0).max(65_535),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    demo: z.boolean(),
  })
  .parse({
    db: values.db,
    host: values.host,
    port: values.port,
    logLevel: values['log-level'],
    demo: !values['no-demo'],
  });

const server = await startServer({
  dbPath: resolve(config.db),
  host: config.host,
  port: config.port,
  seed: config.demo ? 'demo' : 'none',
  logLevel: config.logLevel,
});
process.stdout.write(`Facility server: ${server.url} (database ${resolve(config.db)})\n`);
if (config.demo)
  process.stdout.write(`Device enrollment code (one use, 24 h): ${await server.createEnrollmentCode()}\n`);

const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
