import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Id } from '../../shared/domain/ids';
import { ECARD_TEMPLATE_IDS } from '../../shared/domain/ecards';
import { answerChallenge, signIn } from '../accounts/family-auth';
import { confirmEmail, signUp } from '../accounts/family-signup';
import { requestPasswordReset, resetLink, resetPassword } from '../accounts/password-reset';
import { familyTrail } from '../domain/messages/message-trail-access';
import { withReasonLabels } from '../domain/messages/review-reasons';
import { endAllSessions, endSession, requireSession } from '../accounts/web-session';
import type { ServerContext } from '../domain/context';
import { deposit, familyDeposits, quoteDeposit } from '../domain/ledger/deposits';
import { familyMessages, sendFamilyMessage, sendFamilyVideogram } from '../domain/messages/family-messages';
import { requestContact } from '../domain/people/contacts';
import { MESSAGE_HARD_MAX_CHARS, VIDEOGRAM_MAX_BYTES } from '../../shared/domain/limits';
import type { Readable } from 'node:stream';
import { HttpError, parseInput } from '../http/http-error';
import type { Mailer } from '../mail/mailer';
import type { MediaStore } from '../media/media-store';
import type { PaymentProvider } from '../payments/payment-provider';

const Email = z.email().max(200);

/** The family side of the portal, as a JSON API (sessions, CSRF, lockout: see accounts/). */
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
  app.post('/api/family/signup', mailRoute, async (request) => {
    const input = parseInput(
      z
        .object({
          email: Email,
          password: z.string().max(200),
          displayName: z.string().trim().min(1).max(100),
          securityQuestion: z.string().trim().min(5).max(200),
          securityAnswer: z.string().trim().min(1).max(200),
        })
        .strict(),
      request.body,
      'sign-up',
    );
    const { delivery } = await signUp(ctx, options.mailer, options.baseUrl(), input, request.ip);
    // Not awaited, like the reset mail: delivery time must not tell a new address from a known one.
    delivery.catch((error: unknown) => request.log.error({ err: error }, 'sign-up mail was not sent'));
    return { status: 'check-email' as const }; // the same answer for every address
  });
  app.post('/api/family/confirm', async (request) => {
    const { token } = parseInput(z.object({ token: z.string().min(20).max(100) }).strict(), request.body, 'confirm');
    await confirmEmail(ctx, token);
    return { ok: true };
  });
  app.post('/api/family/signin', async (request, reply) =>
    signIn(
      ctx,
      request,
      reply,
      parseInput(z.object({ email: Email, password: z.string().max(200) }).strict(), request.body, 'sign-in'),
    ),
  );
  app.post('/api/family/signin/answer', async (request, reply) =>
    answerChallenge(
      ctx,
      request,
      reply,
      parseInput(
        z.object({ challengeId: z.string().max(100), answer: z.string().max(200) }).strict(),
        request.body,
        'answer',
      ),
    ),
  );
  app.post('/api/family/signout', async (request, reply) => {
    const session = await requireSession(ctx, request, 'family');
    await endSession(ctx, reply, session.idHash);
    return { ok: true };
  });
  app.post('/api/family/signout-everywhere', async (request, reply) => {
    const session = await requireSession(ctx, request, 'family');
    await endAllSessions(ctx, 'family', session.accountId);
    await endSession(ctx, reply, session.idHash);
    return { ok: true };
  });
  app.post('/api/family/password/forgot', mailRoute, async (request) => {
    const { email } = parseInput(z.object({ email: Email }).strict(), request.body, 'email');
    const { delivery } = await requestPasswordReset(ctx, options.mailer, options.baseUrl(), email, request.ip);
    // Not awaited: a slow or failing relay must not tell which addresses have an account.
    delivery.catch((error: unknown) => request.log.error({ err: error }, 'reset mail was not sent'));
    return { ok: true }; // the same answer whether or not the address has an account
  });
  // Links mailed before the reset page moved into the portal: the token goes on in the fragment.
  app.get('/family/reset', (request, reply) => {
    const { token } = parseInput(
      z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) }).strict(),
      request.query,
      'reset link',
    );
    return reply.header('referrer-policy', 'no-referrer').redirect(resetLink('', token));
  });
  app.post('/api/family/password/reset', async (request) => {
    await resetPassword(
      ctx,
      parseInput(
        z.object({ token: z.string().min(20).max(100), newPassword: z.string().max(200) }).strict(),
        request.body,
        'reset',
      ),
    );
    return { ok: true };
  });

  app.get('/api/family/me', async (request) => {
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
  app.post('/api/family/contacts', async (request) => {
    const { accountId } = await requireSession(ctx, request, 'family');
    const input = parseInput(
      z.object({ docNumber: z.string().trim().min(3).max(20), relationship: z.string().max(100).nullable() }).strict(),
      request.body,
      'contact',
    );
    return requestContact(ctx, accountId, input);
  });
  app.get('/api/family/deposits/quote', async (request) => {
    const { accountId } = await requireSession(ctx, request, 'family');
    const { contactId, amountCents } = parseInput(
      z.object({ contactId: Id, amountCents: z.coerce.number().int() }),
      request.query,
      'quote',
    );
    const quote = await quoteDeposit(ctx, accountId, contactId, amountCents);
    return {
      amountCents: quote.amountCents,
      feeCents: quote.feeCents,
      creditedCents: quote.creditedCents,
      provider: payments.label,
    };
  });
  app.post('/api/family/deposits', async (request) => {
    const { accountId } = await requireSession(ctx, request, 'family');
    const input = parseInput(
      z
        .object({
          contactId: Id,
          amountCents: z.number().int(),
          recurrence: z.enum(['once', 'weekly', 'monthly']),
          startAt: z.number().int().min(0).nullable(),
          paymentToken: z.string().min(1).max(200),
        })
        .strict(),
      request.body,
      'deposit',
    );
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
  app.get('/api/family/deposits', async (request) => {
    const { accountId } = await requireSession(ctx, request, 'family');
    return familyDeposits(ctx, accountId);
  });
  // Public: the help page is for people who cannot sign in, too.
  app.get('/api/family/support', async () => {
    const facilities = await ctx.db.selectFrom('facilities').select('name').orderBy('name').execute();
    return { email: options.supportEmail, facilities: facilities.map((f) => f.name) };
  });
  app.post('/api/family/messages', { bodyLimit: 40 * 1024 * 1024 }, async (request) => {
    const { accountId } = await requireSession(ctx, request, 'family');
    const input = parseInput(
      z
        .object({
          contactId: Id,
          body: z.string().max(MESSAGE_HARD_MAX_CHARS),
          photos: z.array(z.object({ base64: z.string().max(8 * 1024 * 1024), alt: z.string().max(300) })).max(20),
          ecard: z
            .object({
              templateId: z.enum(ECARD_TEMPLATE_IDS),
              greeting: z.string().max(200),
            })
            .nullable(),
        })
        .strict(),
      request.body,
      'message',
    );
    return sendFamilyMessage(ctx, media, accountId, input);
  });
  // eslint-disable-next-line @typescript-eslint/require-await -- Fastify encapsulates only async (or callback) plugins
  void app.register(async (scope) => {
    // The video is the raw request body, streamed to disk, never buffered whole.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    scope.post('/api/family/videograms', { bodyLimit: VIDEOGRAM_MAX_BYTES }, async (request) => {
      const { accountId } = await requireSession(ctx, request, 'family');
      const query = parseInput(
        z.object({ contactId: Id, deliverAt: z.coerce.number().int().optional() }),
        request.query,
        'videogram',
      );
      const mime = (request.headers['content-type'] ?? '').split(';')[0] ?? '';
      if (mime !== 'video/webm' && mime !== 'video/mp4')
        throw new HttpError(415, 'unsupported_media', 'Videograms are WebM or MP4 files.');
      return sendFamilyVideogram(ctx, media, accountId, {
        contactId: query.contactId,
        deliverAt: query.deliverAt ?? null,
        upload: request.body as Readable,
        mime,
      });
    });
  });
  app.get('/api/family/messages', async (request) => {
    const { accountId } = await requireSession(ctx, request, 'family');
    return withReasonLabels(ctx, await familyMessages(ctx, accountId));
  });
  // "Why didn't my message arrive": the trail of one of this family's messages, without who reviewed it.
  app.get('/api/family/messages/:id/trail', async (request) => {
    const { accountId } = await requireSession(ctx, request, 'family');
    const { id } = parseInput(z.object({ id: Id }), request.params, 'message id');
    return familyTrail(ctx, accountId, id);
  });
}
