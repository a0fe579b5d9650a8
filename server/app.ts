import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { ChangeBus } from './domain/changes';
import type { ServerContext } from './domain/context';
import { createEnrollmentCode } from './domain/devices/devices';
import { announceDueMessages } from './domain/messages/scheduled-delivery';
import { runDueDeposits } from './domain/ledger/scheduled-deposits';
import { openServerDatabase } from './db/database';
import { Lease } from './db/lease';
import type { Database } from './db/schema';
import { installErrorHandler } from './http/http-error';
import { installJsonBodyParser } from './http/json-body';
import { createMailer, FolderMailer, type Mailer } from './mail/mailer';
import { registerPortal } from './http/static-files';
import { FileMediaStore } from './media/file-media-store';
import type { MediaStore } from './media/media-store';
import { registerDeviceRoutes } from './routes/device-routes';
import { registerSyncRoutes } from './routes/sync-routes';
import { registerDemoRoutes } from './routes/demo-routes';
import { registerFamilyRoutes } from './routes/family-routes';
import { registerStaffRoutes } from './routes/staff-routes';
import { registerRosterRoutes } from './routes/roster-routes';
import { registerIntakeRoutes } from './routes/intake-routes';
import { registerReviewRoutes } from './routes/review-routes';
import { registerSetupRoutes } from './routes/setup-routes';
import { registerAdminRoutes } from './routes/admin-routes';
import { issueSetupLink } from './domain/facility/setup';
import { staffLinkUrl } from './domain/facility/staff-links';
import { DEFAULT_UNDO_MS, finalizeDueDecisions } from './domain/messages/review';
import { demoPaymentProvider, type PaymentProvider } from './payments/payment-provider';
import { registerDepositRoutes } from './routes/deposit-routes';
import { ExportJobs } from './domain/export/export-jobs';
import { registerExportRoutes } from './routes/export-routes';
import { ChangeFeed } from './sync/change-feed';
import { ChangeSignal } from './sync/signal';

export interface ServerOptions {
  /** SQLite file of the embedded store; with `databaseUrl`, only where media and mail go by default. */
  dbPath: string;
  /** `postgres://…`: the data lives in PostgreSQL instead (several server processes may share it). */
  databaseUrl?: string;
  /** How often the change log is read for other processes' writes (default: 1 s on SQLite, 5 s on PostgreSQL, which is woken by NOTIFY). */
  signalPollMs?: number;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** 'demo' seeds an empty database with the demo facility. */
  seed?: 'demo' | 'none';
  logLevel?: string;
  /** Content-addressed media; defaults to a `media` folder next to the database. Every process of a facility must share it. */
  mediaDir?: string;
  now?: () => number;
  /** The built family portal and staff console (default: out/portal). */
  portalDir?: string;
  /** SMTP relay for email (`smtp://user:pass@host:587`); without it mail goes to `<db dir>/mail/`. */
  smtpUrl?: string;
  /** The From of every email (default `Open Kiosk <no-reply@localhost>`). */
  mailFrom?: string;
  /** Another mailer altogether (tests); wins over smtpUrl. */
  mailer?: Mailer;
  /** The address families open (links in email), e.g. https://portal.facility.example; default: the listen address. */
  publicUrl?: string;
  /** The support contact shown to families on the help page. */
  supportEmail?: string;
  /**
   * How often due deposits and scheduled deliveries are run (default 5 s). 0: never by timer, for tests
   * that run the scheduler themselves and must not race it.
   */
  schedulerMs?: number;
  /**
   * The demo mailbox (GET /api/demo/mail, shown at /portal/#demo-mail): only
   * in demo mode (`seed: 'demo'`), on a database the demo seed made, and when
   * mail goes to the folder; `false` turns it off even then. Never in
   * production: it shows everyone's reset links.
   */
  demoMailbox?: boolean;
  /**
   * The TLS proxy in front (docs/DEPLOY.md): its addresses or CIDRs (or `true` to trust any hop, only when
   * nothing else can reach the server). Without it every client is the proxy's address and cookies lose Secure.
   */
  trustProxy?: boolean | string | string[];
  /** Where family money comes from (default: the demo provider, which moves none). */
  payments?: PaymentProvider;
  /**
   * How long a reviewer's decision can be undone before it takes effect (default 5 s; decisions are
   * applied every second, or by `finalizeDecisions` when `schedulerMs` is 0). 0: at once, no undo.
   */
  reviewUndoMs?: number;
  /** Told of every route as it is registered (Fastify's onRoute hook): the contract test lists them with it. */
  onRoute?: (route: RouteOptions) => void;
}

export interface RunningServer {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly db: Kysely<Database>;
  readonly context: ServerContext;
  readonly media: MediaStore;
  /** A fresh one-time device enrollment code for the (first) facility. */
  createEnrollmentCode(input?: { facilityId?: string; ttlMs?: number }): Promise<string>;
  /** One pass of the deposit scheduler, exactly as the timer runs it (its payments, mailer and links); for tests. */
  runDueDeposits(): Promise<number>;
  /** Review decisions whose undo window has passed take effect, as the timer does it; for tests. */
  finalizeDecisions(): Promise<number>;
  /** Exports being built and built (issue #18). */
  readonly exports: ExportJobs;
  /** A new one-time setup link while no admin exists (spending any earlier one); null once one does. */
  setupLink(): Promise<string | null>;
  /** 'sqlite' or 'postgres'. */
  readonly databaseKind: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

/**
 * The reference facility server: one SQLite file (or a PostgreSQL database
 * shared by several processes, docs/DEPLOY.md) and one media folder.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  mkdirSync(dirname(options.dbPath), { recursive: true });
  const database = await openServerDatabase(options.databaseUrl ?? options.dbPath);
  const db = database.db;
  const mediaDir = options.mediaDir ?? join(dirname(options.dbPath), 'media');
  const media = new FileMediaStore(mediaDir);
  const context: ServerContext = { db, bus: new ChangeBus(), now: options.now ?? Date.now, mediaDir };

  if (options.seed === 'demo') {
    const { seedDemoFacility } = await import('./demo/seed');
    // Processes starting together on a new database: one seeds, the others find it seeded.
    await database.exclusively('demo-seed', () => seedDemoFacility(context, media));
  }

  const app = Fastify({
    logger: { level: options.logLevel ?? 'info' },
    bodyLimit: 1024 * 1024,
    // Connections a device keeps open must not hold shutdown forever.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // Behind a TLS proxy: its address(es), so request.ip is the client and request.protocol is https.
    trustProxy: options.trustProxy ?? false,
  });
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  await app.register(fastifyCookie);
  // Only the routes that ask for it (config.rateLimit) are limited; keyed by request.ip (see trustProxy).
  await app.register(fastifyRateLimit, { global: false });
  installErrorHandler(app);
  installJsonBodyParser(app);
  // Before every other route: until the setup link is used, only setup and health answer.
  registerSetupRoutes(app, context);
  // A request in flight when the server starts closing is answered on a connection that then closes: left
  // open, a client's keep-alive connection would hold the close for the keep-alive timeout.
  let shuttingDown = false;
  app.addHook('onSend', async (_request, reply, payload) => {
    if (shuttingDown) void reply.header('connection', 'close');
    return payload;
  });

  const facilityName = async () =>
    (await db.selectFrom('facilities').select('name').orderBy('id').executeTakeFirst())?.name ?? null;
  registerDeviceRoutes(app, context, facilityName);
  registerSyncRoutes(app, context, media);
  let publicUrl = '';
  const mailer =
    options.mailer ??
    createMailer({
      ...(options.smtpUrl ? { smtpUrl: options.smtpUrl } : {}),
      ...(options.mailFrom ? { mailFrom: options.mailFrom } : {}),
      mailDir: join(dirname(options.dbPath), 'mail'),
    });
  const payments = options.payments ?? demoPaymentProvider;
  const baseUrl = () => options.publicUrl?.replace(/\/+$/, '') ?? publicUrl;
  registerFamilyRoutes(app, context, media, payments, {
    mailer,
    baseUrl,
    supportEmail: options.supportEmail ?? null,
  });
  // Demo-only routes need demo mode asked for (seed: 'demo'; the CLI's --demo) AND a database the demo seed
  // made: `--demo` on an existing production database adds nothing.
  const seededAsDemo =
    (await db.selectFrom('server_meta').select('value').where('key', '=', 'seeded_as').executeTakeFirst())?.value ===
    'demo';
  const demoMailbox = (options.demoMailbox ?? true) && options.seed === 'demo' && seededAsDemo;
  if (demoMailbox && mailer instanceof FolderMailer) registerDemoRoutes(app, mailer);
  else if (options.seed === 'demo' && !seededAsDemo)
    app.log.warn('demo mode asked for on a database the demo seed did not make: no demo features');
  registerDepositRoutes(app, context);
  const exportJobs = new ExportJobs(context, media);
  registerExportRoutes(app, context, exportJobs, baseUrl);
  registerStaffRoutes(app, context, media);
  registerRosterRoutes(app, context);
  registerIntakeRoutes(app, context, media);
  registerAdminRoutes(app, context, { mailer, baseUrl });
  registerReviewRoutes(app, context, { undoMs: options.reviewUndoMs ?? DEFAULT_UNDO_MS });
  registerPortal(app, options.portalDir ?? resolve(import.meta.dirname, '../out/portal'));

  const pollMs = options.signalPollMs ?? (database.kind === 'postgres' ? 5_000 : 1_000);
  const signal = new ChangeSignal(context, app.server, pollMs);
  const feed = await ChangeFeed.start(context, {
    listenUrl: database.url,
    pollMs,
    onError: (error) => app.log.warn({ err: error }, 'change feed'),
  });
  // Families hear of a declined run by email; a mail that fails is only logged (the run stays declined).
  const dueDeposits = () =>
    runDueDeposits(context, payments, {
      mailer,
      baseUrl,
      onError: (error, runId) => app.log.error({ err: error, runId }, 'declined deposit mail failed'),
    });
  // Scheduled videograms and messages appear on devices at their delivery time. One process at a time runs
  // the scheduler (whichever holds the lease); the runs are idempotent besides, should two ever overlap.
  const schedulerMs = options.schedulerMs ?? 5_000;
  const lease = new Lease(db, 'scheduler', Math.max(15_000, 3 * schedulerMs));
  let pass: Promise<void> | null = null;
  const schedulerPass = async () => {
    if (!(await lease.acquire())) return;
    await announceDueMessages(context).catch((error: unknown) =>
      app.log.error({ err: error }, 'scheduled delivery failed'),
    );
    await dueDeposits().catch((error: unknown) => app.log.error({ err: error }, 'scheduled deposits failed'));
    await exportJobs.claimRequested().catch((error: unknown) => app.log.error({ err: error }, 'exports failed'));
  };
  const scheduler =
    schedulerMs > 0
      ? setInterval(() => {
          pass ??= schedulerPass()
            .catch((error: unknown) => app.log.error({ err: error }, 'scheduler lease failed'))
            .finally(() => (pass = null));
        }, schedulerMs)
      : null;
  scheduler?.unref();
  // Review decisions take effect once their undo window has passed: looked for every second.
  const decisions =
    schedulerMs > 0
      ? setInterval(
          () => {
            finalizeDueDecisions(context).catch((error: unknown) =>
              app.log.error({ err: error }, 'review decisions failed'),
            );
          },
          Math.min(1_000, schedulerMs),
        )
      : null;
  decisions?.unref();

  const address = await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 8470 });
  publicUrl = address.replace('[::1]', '127.0.0.1');
  // Exports a stopped server left half-built are built again (their partial files are discarded).
  exportJobs.resume().catch((error: unknown) => app.log.error({ err: error }, 'resuming exports failed'));
  let closing: Promise<void> | null = null;
  return {
    url: address.replace('[::1]', '127.0.0.1'),
    app,
    db,
    context,
    media,
    async createEnrollmentCode(input = {}) {
      const facilityId =
        input.facilityId ?? (await db.selectFrom('facilities').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
      return (await createEnrollmentCode(context, facilityId, input.ttlMs)).code;
    },
    runDueDeposits: dueDeposits,
    async setupLink() {
      const token = await issueSetupLink(context);
      return token === null ? null : staffLinkUrl(baseUrl(), 'setup', token);
    },
    finalizeDecisions: () => finalizeDueDecisions(context),
    exports: exportJobs,
    databaseKind: database.kind,
    close() {
      // Graceful: stop accepting, let requests in flight finish (each push item is its own transaction), then close the store.
      closing ??= (async () => {
        shuttingDown = true;
        if (scheduler) clearInterval(scheduler);
        if (decisions) clearInterval(decisions);
        await pass;
        if (scheduler) await lease.release().catch(() => undefined);
        signal.close();
        await feed.close();
        await app.close();
        mailer.close();
        await database.close();
      })();
      return closing;
    },
  };
}
