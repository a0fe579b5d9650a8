import type { FastifyRequest } from 'fastify';
import { requireSession } from '../accounts/web-session';
import type { ServerContext } from '../domain/context';
import { HttpError } from '../http/http-error';

export type { StaffRole } from '../../shared/portal-api/facility-admin';
import type { StaffRole } from '../../shared/portal-api/facility-admin';

/** The signed-in staff member, if their role is one of `roles`; else 401/403. */
export async function staffMember(ctx: ServerContext, request: FastifyRequest, roles: readonly StaffRole[]) {
  const session = await requireSession(ctx, request, 'staff');
  const user = await ctx.db
    .selectFrom('staff_users')
    .select(['id', 'role', 'facility_id', 'status'])
    .where('id', '=', session.accountId)
    .executeTakeFirstOrThrow();
  // A deactivated account's sessions are ended when it is deactivated; checked here as well.
  if (user.status !== 'active') throw new HttpError(401, 'unauthorized', 'Please sign in.');
  if (!roles.includes(user.role)) throw new HttpError(403, 'forbidden', 'Your role may not do this.');
  return user;
}
