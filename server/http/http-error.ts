import type { FastifyError, FastifyInstance } from 'fastify';
import type { z } from 'zod';

/** An error the client caused or may act on; becomes `{ error, message }` with its status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** For logs and API readers; screens say the code (with `params`) in their reader's language. */
    message: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Parses untrusted input with its schema; a mismatch is a 400 naming the first problem, never a 500. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw new HttpError(400, 'validation', `Invalid ${what}${where}: ${issue?.message ?? 'malformed'}`, { what });
  }
  return parsed.data;
}

/** One error shape for every route; unexpected errors are logged and never leak details. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) {
      return reply.status(error.status).send({ error: error.code, params: error.params, message: error.message });
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.status(500).send({ error: 'internal', message: 'The server had a problem. Try again later.' });
    }
    // Fastify's own 4xx (malformed JSON, body too large, unsupported media type).
    return reply.status(status).send({ error: error.code, message: error.message });
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send({ error: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0] ?? ''}` }),
  );
}
