/**
 * `npm run server`: the reference facility server on 127.0.0.1 (with `--demo`,
 * as `npm run server` passes: the demo facility when its database is new).
 * Config from flags or the environment:
 *
 *   tsx server/cli.ts [--db FILE | --database-url postgres://user:pass@host/db] [--media-dir DIR]
 *                     [--host 127.0.0.1] [--port 8470] [--log-level info] [--demo] [--scheduler-ms 5000] [--signal-poll-ms N] [--review-undo-ms 5000]
 *                     [--trust-proxy 127.0.0.1,10.0.0.0/8]
 *                     [--smtp-url smtp://user:pass@relay:587] [--mail-from 'Facility <no-reply@…>']
 *                     [--public-url https://portal.example] [--support-email help@…]
 *   KIOSK_SERVER_DB, DATABASE_URL, KIOSK_MEDIA_DIR, KIOSK_SERVER_HOST, KIOSK_SERVER_PORT, LOG_LEVEL,
 *   KIOSK_SCHEDULER_MS, KIOSK_SIGNAL_POLL_MS, SMTP_URL, MAIL_FROM, KIOSK_PUBLIC_URL, SUPPORT_EMAIL,
 *   KIOSK_DEMO=1, KIOSK_TRUST_PROXY
 *
 *   tsx server/cli.ts [--db … | --database-url …] [--media-dir DIR] export [--facility ID | --inmate DOC | --family EMAIL] FILE
 *   tsx server/cli.ts [--db … | --database-url …] [--media-dir DIR] import FILE
 *     A facility's export, or its import into an empty database (docs/DEPLOY.md, "Changing vendor").
 *
 * With a PostgreSQL URL several processes may serve the same facilities; they
 * must share the media folder (docs/DEPLOY.md). The SQLite file's folder
 * still holds the mail folder when no SMTP relay is set.
 *
 * Demo mode is never the default: demo-only features (the demo mailbox) need
 * `--demo` and a database the demo seed made. `--no-demo` is accepted and
 * changes nothing.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startServer } from './app';
import { isPostgresUrl } from './db/database';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    facility: { type: 'string', default: '' },
    inmate: { type: 'string', default: '' },
    family: { type: 'string', default: '' },
    db: {
      type: 'string',
      default: process.env.KIOSK_SERVER_DB ?? resolve(import.meta.dirname, '../.data/server/facility.db'),
    },
    'database-url': { type: 'string', default: process.env.DATABASE_URL ?? '' },
    'media-dir': { type: 'string', default: process.env.KIOSK_MEDIA_DIR ?? '' },
    'scheduler-ms': { type: 'string', default: process.env.KIOSK_SCHEDULER_MS ?? '5000' },
    'signal-poll-ms': { type: 'string', default: process.env.KIOSK_SIGNAL_POLL_MS ?? '' },
    'review-undo-ms': { type: 'string', default: process.env.KIOSK_REVIEW_UNDO_MS ?? '5000' },
    host: { type: 'string', default: process.env.KIOSK_SERVER_HOST ?? '127.0.0.1' },
    port: { type: 'string', default: process.env.KIOSK_SERVER_PORT ?? '8470' },
    'log-level': { type: 'string', default: process.env.LOG_LEVEL ?? 'info' },
    demo: { type: 'boolean', default: process.env.KIOSK_DEMO === '1' },
    'no-demo': { type: 'boolean', default: false },
    'trust-proxy': { type: 'string', default: process.env.KIOSK_TRUST_PROXY ?? '' },
    'smtp-url': { type: 'string', default: process.env.SMTP_URL ?? '' },
    'mail-from': { type: 'string', default: process.env.MAIL_FROM ?? '' },
    'public-url': { type: 'string', default: process.env.KIOSK_PUBLIC_URL ?? '' },
    'support-email': { type: 'string', default: process.env.SUPPORT_EMAIL ?? '' },
  },
});

const config = z
  .object({
    db: z.string().min(1),
    databaseUrl: z.union([z.literal(''), z.string().refine(isPostgresUrl, 'a postgres:// or postgresql:// URL')]),
    mediaDir: z.string(),
    schedulerMs: z.coerce.number().int().min(0).max(3_600_000),
    signalPollMs: z.union([z.literal(''), z.coerce.number().int().min(50).max(60_000)]),
    /** How long a review decision can be undone before it takes effect (0: at once). */
    reviewUndoMs: z.coerce.number().int().min(0).max(60_000),
    host: z.string().min(1),
    port: z.coerce.number().int().min(0).max(65_535),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    demo: z.boolean(),
    smtpUrl: z.union([z.literal(''), z.url({ protocol: /^smtps?$/ })]),
    mailFrom: z.string().max(200),
    publicUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]),
    supportEmail: z.union([z.literal(''), z.email()]),
    /** Addresses or CIDRs of the TLS proxy in front, comma-separated (docs/DEPLOY.md). */
    trustProxy: z.string().max(1000),
  })
  .parse({
    db: values.db,
    databaseUrl: values['database-url'],
    mediaDir: values['media-dir'],
    schedulerMs: values['scheduler-ms'],
    signalPollMs: values['signal-poll-ms'],
    reviewUndoMs: values['review-undo-ms'],
    host: values.host,
    port: values.port,
    logLevel: values['log-level'],
    demo: values.demo && !values['no-demo'],
    smtpUrl: values['smtp-url'],
    mailFrom: values['mail-from'],
    publicUrl: values['public-url'],
    supportEmail: values['support-email'],
    trustProxy: values['trust-proxy'],
  });

const command = positionals[0];
if (command === 'export' || command === 'import') {
  const { runExportCommand } = await import('./export-cli');
  process.exit(
    await runExportCommand(command, positionals.slice(1), values.facility, {
      ...config,
      inmate: values.inmate,
      family: values.family,
    }),
  );
} else if (command !== undefined) {
  process.stderr.write(`Unknown command ${command}: the server takes no arguments but export FILE or import FILE.\n`);
  process.exit(1);
}

const server = await startServer({
  dbPath: resolve(config.db),
  ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
  ...(config.mediaDir ? { mediaDir: resolve(config.mediaDir) } : {}),
  schedulerMs: config.schedulerMs,
  ...(config.signalPollMs === '' ? {} : { signalPollMs: config.signalPollMs }),
  reviewUndoMs: config.reviewUndoMs,
  host: config.host,
  port: config.port,
  seed: config.demo ? 'demo' : 'none',
  logLevel: config.logLevel,
  ...(config.smtpUrl ? { smtpUrl: config.smtpUrl } : {}),
  ...(config.mailFrom ? { mailFrom: config.mailFrom } : {}),
  ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
  ...(config.supportEmail ? { supportEmail: config.supportEmail } : {}),
  ...(config.trustProxy
    ? {
        trustProxy: config.trustProxy
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean),
      }
    : {}),
});
/** The database named without its password. */
function databaseName(): string {
  if (!config.databaseUrl) return resolve(config.db);
  const url = new URL(config.databaseUrl);
  url.password = '';
  return url.toString();
}
process.stdout.write(`Facility server: ${server.url} (database ${databaseName()})\n`);
process.stdout.write(
  config.smtpUrl
    ? 'Email: SMTP relay configured\n'
    : `Email: no SMTP_URL, mail is written to ${resolve(config.db, '../mail')}${config.demo ? ' (demo mailbox: /portal/#demo-mail)' : ''}\n`,
);
if (config.demo)
  process.stdout.write(`Device enrollment code (one use, 24 h): ${await server.createEnrollmentCode()}\n`);

const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
