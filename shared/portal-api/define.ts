import { z } from 'zod';

/**
 * One route of the portal and staff console API: its method and path (Fastify's syntax, `:id` for a
 * parameter) and a zod schema for each part of the request and for the answer. The server parses the
 * request with these before its handler runs and checks the answer against `output`; the portal types
 * its calls from them and parses every answer with `output`.
 */
export interface RouteSpec {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: `/${string}`;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  /** A JSON body, or `rawBody` (a file streamed as the request body, e.g. a videogram). */
  readonly body?: z.ZodType | typeof rawBody;
  /** A JSON answer, or `mediaStream` (bytes with Range) or `redirect` (a 302 to a portal page). */
  readonly output: z.ZodType | typeof mediaStream | typeof redirect;
}

/** The request body is a file of the type in Content-Type, never parsed as JSON. */
export const rawBody = 'raw-body' as const;
/** The answer is a blob (Range supported): a media element's `src`, never fetched as JSON. */
export const mediaStream = 'media-stream' as const;
/** The answer is a redirect. */
export const redirect = 'redirect' as const;

/** Keeps each spec's literal types (method, path, schemas) while checking it is a RouteSpec. */
export const defineRoutes = <const T extends Record<string, RouteSpec>>(routes: T): T => routes;

/** A POST that carries no fields. */
export const EmptyBody = z.object({}).strict();
/** The answer of an action with nothing to tell but success. */
export const Ok = z.object({ ok: z.literal(true) });
/** `:id` in a path. */
export const IdParams = z.object({ id: z.uuid({ version: 'v7' }) });

type Schema<S, K extends keyof RouteSpec> = S extends { [P in K]: infer Z } ? (Z extends z.ZodType ? Z : never) : never;

/** What a caller passes: each part the route has, typed as its schema's input. */
export type RouteInput<S extends RouteSpec> = (S extends { params: z.ZodType }
  ? { params: z.input<Schema<S, 'params'>> }
  : { params?: never }) &
  (S extends { query: z.ZodType } ? { query: z.input<Schema<S, 'query'>> } : { query?: never }) &
  (S extends { body: z.ZodType } ? { body: z.input<Schema<S, 'body'>> } : { body?: never });

/** The request as the server's handler sees it: each part parsed (defaults applied). */
export type ParsedRouteInput<S extends RouteSpec> = {
  params: S extends { params: z.ZodType } ? z.output<Schema<S, 'params'>> : undefined;
  query: S extends { query: z.ZodType } ? z.output<Schema<S, 'query'>> : undefined;
  body: S extends { body: z.ZodType } ? z.output<Schema<S, 'body'>> : undefined;
};

/** What the handler must return (checked by the type-checker, then by `output` at run time). */
export type RouteResult<S extends RouteSpec> = S extends { output: z.ZodType } ? z.input<Schema<S, 'output'>> : unknown;
/** What the portal gets back, parsed. */
export type RouteOutput<S extends RouteSpec> = S extends { output: z.ZodType } ? z.output<Schema<S, 'output'>> : never;

/** The path with its `:name` parameters filled in (encoded). */
export function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_match, name: string) => {
    const value = params?.[name];
    if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`Missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}
