import type { FastifyInstance } from 'fastify';
import type { Readable } from 'node:stream';
import { answerChallenge, rememberThisBrowser, signIn } from '../accounts/family-auth';
import { confirmEmail, signUp } from '../accounts/family-signup';
import { requestPasswordReset, resetLink, resetPassword } from '../accounts/password-reset';
import { familyTrail } from '../domain/messages/message-trail-access';
import { withReasonLabels } from '../domain/messages/review-reasons';
import { endAllSessions, endSession, requireSession } from '../accounts/web-session';
import type { ServerContext } from '../domain/context';
import { deposit, familyDeposits, quoteDeposit } from '../domain/ledger/deposits';
import { familyMessages, sendFamilyMessage, sendFamilyVideogram } from '../domain/messages/family-messages';
import { requestContact } from '../domain/people/contacts';
import { familyVideogram } from '../domain/messages/family-videogram';
import { sendMedia } from '../media/serve-media';
import { VIDEOGRAM_MAX_BYTES } from '../../shared/domain/limits';
import { HttpError } from '../http/http-error';
import { portalRoute } from '../http/portal-route';
import type { Mailer } from '../mail/mailer';
import type { MediaStore } from '../media/media-store';
import type { PaymentProvider } from '../payments/payment-provider';

/** The family side of the portal, as a JSON API (sessions, CSRF, lockout: see accounts/); schemas in shared/portal-api. */
export function registerFamilyRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  media: MediaStore,
  payments: PaymentProvider,
  options: { mailer: Mailer; baseUrl: () => string; supportEmail: string | null },
): void {
  // Per client address, in this process (@fastify/rate-limit): a first cheap stop before the database
  // counters (accounts/throttle.ts), which hold across processes and restarts.
  const mailRoute = { config: { rateLimit: { max: 20, timeWindow: '1 minute' } } };
  portalRoute(
    app,
    'family.signup',
    async ({ body }, request) => {
      const { delivery } = await signUp(ctx, options.mailer, options.baseUrl(), body, request.ip);
      // Not awaited, like the reset mail: delivery time must not tell a new address from a known one.
      delivery.catch((error: unknown) => request.log.error({ err: error }, 'sign-up mail was not sent'));
      return { status: 'check-email' as const }; // the same answer for every address
    },
    mailRoute,
  );
  portalRoute(app, 'family.confirm', async ({ body }, request, reply) => {
    const { accountId } = await confirmEmail(ctx, body.token);
    // The browser that followed the link will not be asked the security question it was just given.
    await rememberThisBrowser(ctx, request, reply, accountId);
    return { ok: true as const };
  });
  portalRoute(app, 'family.signin', ({ body }, request, reply) => signIn(ctx, request, reply, body));
  portalRoute(app, 'family.signin.answer', ({ body }, request, reply) => answerChallenge(ctx, request, reply, body));
  portalRoute(app, 'family.signout', async (_input, request, reply) => {
    const session = await requireSession(ctx, request, 'family');
    await endSession(ctx, reply, session.idHash);
    return { ok: true as const };
  });
  portalRoute(app, 'family.signout-everywhere', async (_input, request, reply) => {
    const session = await requireSession(ctx, request, 'family');
    await endAllSessions(ctx, 'family', session.accountId);
    await endSession(ctx, reply, session.idHash);
    return { ok: true as const };
  });
  portalRoute(
    app,
    'family.password.forgot',
    async ({ body }, request) => {
      const { delivery } = await requestPasswordReset(ctx, options.mailer, options.baseUrl(), body.email, request.ip);
      // Not awaited: a slow or failing relay must not tell which addresses have an account.
      delivery.catch((error: unknown) => request.log.error({ err: error }, 'reset mail was not sent'));
      return { ok: true as const }; // the same answer whether or not the address has an account
    },
    mailRoute,
  );
  portalRoute(app, 'family.reset-link', async ({ query }, _request, reply) =>
    reply.header('referrer-policy', 'no-referrer').redirect(resetLink('', query.token)),
  );
  portalRoute(app, 'family.password.reset', async ({ body }) => {
    await resetPassword(ctx, body);
    return { ok: true as const };
  });

  portalRoute(app, 'family.me', async (_input, request) => {
    const { accountId } = await requireSession(ctx, request, 'family');
    const account = await ctx.db
      .selectFrom('family_accounts')
      .select(['id', 'email', 'display_name'])
      .where('id', '=', accountId)
      .executeTakeFirstOrThrow();
    const contacts = await ctx.db
      .selectFrom('contacts')
      .innerJoin('inmates', 'inmates.id', 'contacts.inmate_id')
      .innerJoin('facilities', 'facilities.id', 'inmates.facility_id')
      .select([
        'contacts.id',
        'contacts.status',
        'inmates.first_name',
        'inmates.last_name',
        'inmates.doc_number',
        'facilities.name as facility',
      ])
      .where('contacts.family_id', '=', accountId)
      // Oldest first (ids are UUIDv7): SQLite's order without ORDER BY, which PostgreSQL does not keep.
      .orderBy('contacts.id')
      .execute();
    return { account, contacts };
  });
  portalRoute(app, 'family.contacts.request', async ({ body }, request) => {
    const { accountId } = await requireSession(ctx, request, 'family');
    return requestContact(ctx, accountId, body);
  });
  portalRoute(app, 'family.deposits.quote', async ({ query }, request) => {
    const { accountId } = await requireSession(ctx, request, 'family');
    const quote = await quoteDeposit(ctx, accountId, query.contactId, query.amountCents);
    return {
      amountCents: quote.amountCents,
      feeCents: quote.feeCents,
      creditedCents: quote.creditedCents,
      provider: payments.label,
    };
  });
  portalRoute(app, 'family.deposits.create', async ({ body: input }, request) => {
    const { accountId } = await requireSession(ctx, request, 'family');
    if (input.startAt !== null && input.startAt > ctx.now() + 366 * 86_400_000)
      throw new HttpError(400, 'start_too_far', 'A deposit can be scheduled at most a year ahead.');
    const quote = await quoteDeposit(ctx, accountId, input.contactId, input.amountCents);
    // Only a deposit for now is charged now; scheduled and recurring ones are charged on each run.
    const now = input.recurrence === 'once' && (input.startAt === null || input.startAt <= ctx.now());
    const charge = now
      ? await payments.charge({
          amountCents: quote.amountCents,
          token: input.paymentToken,
          description: 'Trust account deposit',
        })
      : null;
    return deposit(ctx, accountId, { ...input, paymentReference: charge?.reference ?? null });
  });
  portalRoute(app, 'family.deposits.list', async (_input, request) => {
    const { accountId } = await requireSession(ctx, request, 'family');
    return familyDeposits(ctx, accountId);
  });
  // Public: the help page is for people who cannot sign in, too.
  portalRoute(app, 'family.support', async () => {
    const facilities = await ctx.db.selectFrom('facilities').select('name').orderBy('name').execute();
    return { email: options.supportEmail, facilities: facilities.map((f) => f.name) };
  });
  portalRoute(
    app,
    'family.messages.send',
    async ({ body }, request) => {
      const { accountId } = await requireSession(ctx, request, 'family');
      return sendFamilyMessage(ctx, media, accountId, body);
    },
    { bodyLimit: 40 * 1024 * 1024 },
  );
  // eslint-disable-next-line @typescript-eslint/require-await -- Fastify encapsulates only async (or callback) plugins
  void app.register(async (scope) => {
    // The video is the raw request body, streamed to disk, never buffered whole.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    portalRoute(
      scope,
      'family.videograms.send',
      async ({ query }, request) => {
        const { accountId } = await requireSession(ctx, request, 'family');
        const mime = (request.headers['content-type'] ?? '').split(';')[0] ?? '';
        if (mime !== 'video/webm' && mime !== 'video/mp4')
          throw new HttpError(415, 'unsupported_media', 'Videograms are WebM or MP4 files.');
        return sendFamilyVideogram(ctx, media, accountId, {
          contactId: query.contactId,
          deliverAt: query.deliverAt ?? null,
          upload: request.body as Readable,
          mime,
        });
      },
      { bodyLimit: VIDEOGRAM_MAX_BYTES },
    );
  });
  portalRoute(app, 'family.messages.list', async (_input, request) => {
    const { accountId } = await requireSession(ctx, request, 'family');
    return withReasonLabels(ctx, await familyMessages(ctx, accountId));
  });
  // Watching a videogram: only this family's own (another family's is the same 404 as none at all).
  portalRoute(app, 'family.messages.video', async ({ params }, request, reply) => {
    const { accountId } = await requireSession(ctx, request, 'family');
    const blob = await familyVideogram(ctx, accountId, params.id);
    if (!blob || !(await media.has(blob.sha256))) throw new HttpError(404, 'not_found', 'No such videogram.');
    return sendMedia(request, reply, media, blob, 'private, no-store');
  });
  // "Why didn't my message arrive": the trail of one of this family's messages, without who reviewed it.
  portalRoute(app, 'family.messages.trail', async ({ params }, request) => {
    const { accountId } = await requireSession(ctx, request, 'family');
    return familyTrail(ctx, accountId, params.id);
  });
}
