import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { portalRoutes, type PortalRoutes, type RouteName } from '../../shared/portal-api/contract';
import type { ParsedRouteInput, RouteResult, RouteSpec } from '../../shared/portal-api/define';
import { parseInput } from './http-error';

export type PortalHandler<K extends RouteName> = (
  input: ParsedRouteInput<PortalRoutes[K]>,
  request: FastifyRequest,
  reply: FastifyReply,
) => Promise<RouteResult<PortalRoutes[K]>>;

/** The name of the contract entry a route was registered from, in its Fastify `config` (the contract test reads it). */
export const CONTRACT_CONFIG_KEY = 'portalContract';

/**
 * Registers one route of the portal and staff console API from its contract entry
 * (shared/portal-api/contract.ts): params, query and body are parsed with their schemas before the
 * handler runs (a mismatch is a 400 `validation`), and a JSON answer is checked against `output` after it
 * (a mismatch is logged and answered 500: the portal would refuse it anyway). The handler's return type is
 * the output schema's input type, so a shape that drifts from the contract fails the type-check first.
 */
export function portalRoute<K extends RouteName>(
  app: FastifyInstance,
  name: K,
  handler: PortalHandler<K>,
  options: Pick<RouteShorthandOptions, 'bodyLimit' | 'config'> = {},
): void {
  const spec: RouteSpec = portalRoutes[name];
  app.route({
    method: spec.method,
    url: spec.path,
    ...options,
    config: { ...options.config, [CONTRACT_CONFIG_KEY]: name },
    handler: async (request, reply) => {
      const input = {
        params: spec.params ? parseInput(spec.params, request.params, `${name} path`) : undefined,
        query: spec.query ? parseInput(spec.query, request.query, `${name} query`) : undefined,
        body:
          spec.body && typeof spec.body !== 'string'
            ? parseInput(spec.body, request.body ?? {}, `${name} body`)
            : undefined,
      } as ParsedRouteInput<PortalRoutes[K]>;
      const result = await handler(input, request, reply);
      if (typeof spec.output === 'string') return result;
      const checked = spec.output.safeParse(result);
      if (!checked.success) {
        throw new Error(`The answer of ${name} does not match its contract: ${checked.error.message.slice(0, 500)}`);
      }
      return checked.data;
    },
  });
}
