import type { FastifyRequest } from 'fastify';
import { requireSession } from '../accounts/web-session';
import type { ServerContext } from '../domain/context';
import type { StaffActor } from '../domain/staff-audit';
import { HttpError } from '../http/http-error';

type Role = 'reviewer' | 'admin' | 'technician';

/** The signed-in staff member if their role is one of `roles`; 401 when not signed in, 403 for another role. */
export function staffGuard(ctx: ServerContext) {
  return async (request: FastifyRequest, roles: readonly Role[]): Promise<StaffActor & { role: string }> => {
    const session = await requireSession(ctx, request, 'staff');
    const user = await ctx.db
      .selectFrom('staff_users')
      .select(['id', 'role', 'facility_id'])
      .where('id', '=', session.accountId)
      .executeTakeFirstOrThrow();
    if (!(roles as readonly string[]).includes(user.role))
      throw new HttpError(403, 'forbidden', 'Your role may not do this.');
    return user;
  };
}
