import { facilityCurrency, facilityLocale } from '../../../shared/domain/locale';
import { portalRoutes, type PortalRoutes, type RouteName } from '../../../shared/portal-api/contract';
import { fillPath, type RouteInput, type RouteOutput, type RouteSpec } from '../../../shared/portal-api/define';
/** The portal's calls to the facility server: JSON, cookies, and the CSRF header on every change. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The parameters of the code (minutes, a limit); the screen words code and parameters itself. */
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

type ErrorBody = { error?: string; message?: string; params?: Record<string, string | number> };
const apiError = (response: Response, data: ErrorBody) =>
  new ApiError(response.status, data.error ?? 'error', data.message ?? response.statusText, data.params ?? {});

function csrf(): string {
  return /(?:^|; )ok_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
}

function request(method: string, url: string, body: BodyInit | undefined, contentType: string | null) {
  return fetch(url, {
    method,
    credentials: 'same-origin',
    headers: {
      ...(contentType === null ? {} : { 'content-type': contentType }),
      'x-csrf-token': decodeURIComponent(csrf()),
    },
    ...(body === undefined ? {} : { body }),
  });
}

function withQuery(path: string, query: unknown): string {
  if (query === undefined || query === null) return path;
  const search = new URLSearchParams();
  // Query values are scalars (the contract's query schemas are flat objects of strings and numbers).
  for (const [key, value] of Object.entries(query as Record<string, string | number | boolean | null | undefined>)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/** The URL of a route (path parameters and query filled in): also a media element's `src` for a media route. */
export function routeUrl<K extends RouteName>(name: K, input: RouteInput<PortalRoutes[K]>): string {
  const spec: RouteSpec = portalRoutes[name];
  return withQuery(fillPath(spec.path, input.params), input.query);
}

/** The answer checked against the route's output schema: a server that drifted from the contract is an error. */
async function answer<K extends RouteName>(name: K, response: Response): Promise<RouteOutput<PortalRoutes[K]>> {
  const data = (await response.json().catch(() => ({}))) as unknown;
  if (!response.ok) throw apiError(response, data as ErrorBody);
  const spec: RouteSpec = portalRoutes[name];
  if (typeof spec.output === 'string') throw new ApiError(0, 'not_json', `${name} does not answer JSON`);
  const parsed = spec.output.safeParse(data);
  if (!parsed.success) throw new ApiError(response.status, 'bad_response', `${name}: ${parsed.error.message}`);
  return parsed.data as RouteOutput<PortalRoutes[K]>;
}

/** What a route answers, parsed: the type every portal screen uses for server data. */
export type Answer<K extends RouteName> = RouteOutput<PortalRoutes[K]>;

type Args<K extends RouteName> = keyof RouteInput<PortalRoutes[K]> extends never
  ? []
  : object extends RouteInput<PortalRoutes[K]>
    ? [input?: RouteInput<PortalRoutes[K]>]
    : [input: RouteInput<PortalRoutes[K]>];

/**
 * Calls one route of the contract (shared/portal-api/contract.ts) by name: its input typed by the route's
 * schemas, its answer parsed by the route's output schema. JSON, cookies, and the CSRF header on every change.
 */
export async function call<K extends RouteName>(name: K, ...args: Args<K>): Promise<RouteOutput<PortalRoutes[K]>> {
  const input = (args[0] ?? {}) as RouteInput<PortalRoutes[K]>;
  const spec: RouteSpec = portalRoutes[name];
  const body = input.body ?? (spec.method === 'GET' ? undefined : {});
  const response = await request(
    spec.method,
    routeUrl(name, input),
    body === undefined ? undefined : JSON.stringify(body),
    body === undefined ? null : 'application/json',
  );
  return answer(name, response);
}

/** Money is integer cents; shown in the reader's language and the facility's region ($285.80 in Spanish too). */
export const money = (cents: number, language: string) =>
  new Intl.NumberFormat(facilityLocale(language), { style: 'currency', currency: facilityCurrency }).format(
    cents / 100,
  );

/**
 * A route whose body is a file (a videogram, a book, a track): the file is the raw request body, with the CSRF
 * header; `type` overrides the file's own (a browser may leave it empty or guess it wrong).
 */
export async function upload<K extends RouteName>(
  name: K,
  input: RouteInput<PortalRoutes[K]>,
  file: File,
  type?: string,
): Promise<RouteOutput<PortalRoutes[K]>> {
  const spec: RouteSpec = portalRoutes[name];
  const response = await request(spec.method, routeUrl(name, input), file, type ?? (file.type || 'video/webm'));
  return answer(name, response);
}
