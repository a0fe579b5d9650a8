import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { ServerContext } from '../domain/context';
import { sha256Hex } from '../domain/tokens';
import { HttpError } from '../http/http-error';

const SESSION_COOKIE = 'ok_session';
const CSRF_COOKIE = 'ok_csrf';
export const BROWSER_COOKIE = 'ok_browser';
const CSRF_HEADER = 'x-csrf-token';
const SESSION_MS = 8 * 60 * 60_000;

/** The request's cookies, parsed by @fastify/cookie (a malformed one is kept raw, never a 500). */
export const readCookie = (request: FastifyRequest, name: string): string | undefined => request.cookies[name];

function setCookie(
  reply: FastifyReply,
  request: FastifyRequest,
  name: string,
  value: string,
  options: { httpOnly: boolean; maxAgeS: number },
): void {
  // Secure over https, also behind a trusted TLS proxy (request.protocol reads X-Forwarded-Proto only then).
  void reply.setCookie(name, value, {
    path: '/',
    sameSite: 'lax',
    maxAge: options.maxAgeS,
    httpOnly: options.httpOnly,
    secure: request.protocol === 'https',
  });
}

export interface WebSession {
  kind: 'family' | 'staff';
  accountId: string;
}

/**
 * Browser sessions for families and staff: a random id in an HttpOnly,
 * SameSite=Lax cookie (Secure over https), stored only as its hash; CSRF by
 * double submit (a readable cookie the page echoes in a header on every
 * state-changing request).
 */
export async function startSession(
  ctx: ServerContext,
  reply: FastifyReply,
  request: FastifyRequest,
  session: WebSession,
): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  const now = ctx.now();
  await ctx.db
    .insertInto('web_sessions')
    .values({
      id_hash: sha256Hex(id),
      kind: session.kind,
      account_id: session.accountId,
      csrf_token: csrf,
      created_at: now,
      expires_at: now + SESSION_MS,
    })
    .execute();
  setCookie(reply, request, SESSION_COOKIE, id, { httpOnly: true, maxAgeS: SESSION_MS / 1000 });
  setCookie(reply, request, CSRF_COOKIE, csrf, { httpOnly: false, maxAgeS: SESSION_MS / 1000 });
  return csrf;
}

/** The signed-in account of this kind, or a 401; state-changing methods also need the CSRF header. */
export async function requireSession(
  ctx: ServerContext,
  request: FastifyRequest,
  kind: WebSession['kind'],
): Promise<WebSession & { idHash: string }> {
  const id = readCookie(request, SESSION_COOKIE);
  if (!id) throw new HttpError(401, 'unauthorized', 'Please sign in.');
  const row = await ctx.db
    .selectFrom('web_sessions')
    .selectAll()
    .where('id_hash', '=', sha256Hex(id))
    .executeTakeFirst();
  if (!row || row.expires_at <= ctx.now() || row.kind !== kind)
    throw new HttpError(401, 'unauthorized', 'Please sign in.');
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const header = request.headers[CSRF_HEADER];
    const given = Buffer.from(typeof header === 'string' ? header : '');
    const expected = Buffer.from(row.csrf_token);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new HttpError(403, 'csrf', 'This request is missing its CSRF token.');
    }
  }
  return { kind: row.kind, accountId: row.account_id, idHash: row.id_hash };
}

export async function endSession(ctx: ServerContext, reply: FastifyReply, idHash: string): Promise<void> {
  await ctx.db.deleteFrom('web_sessions').where('id_hash', '=', idHash).execute();
  void reply.setCookie(SESSION_COOKIE, '', { path: '/', maxAge: 0 });
  void reply.setCookie(CSRF_COOKIE, '', { path: '/', maxAge: 0 });
}

/** "Sign out everywhere": every session of the account, on every browser. */
export async function endAllSessions(ctx: ServerContext, kind: WebSession['kind'], accountId: string): Promise<void> {
  await ctx.db.deleteFrom('web_sessions').where('kind', '=', kind).where('account_id', '=', accountId).execute();
}

export function rememberBrowser(reply: FastifyReply, request: FastifyRequest, token: string): void {
  setCookie(reply, request, BROWSER_COOKIE, token, { httpOnly: true, maxAgeS: 365 * 86_400 });
}
