import { demoRoutes } from './demo';
import { exportRoutes } from './exports';
import type { RouteSpec } from './define';
import { familyAccountRoutes } from './family-account';
import { familyDepositRoutes } from './family-deposits';
import { familyMessageRoutes } from './family-messages';
import { reviewRoutes } from './review';
import { staffRoutes } from './staff';
import { facilityAdminRoutes } from './facility-admin';
import { intakeRoutes } from './intake';
import { rosterRoutes } from './roster';

/**
 * The whole portal and staff console API: every route the family portal and the staff console call, by
 * name. The server registers each with `portalRoute` (server/http/portal-route.ts), which parses the
 * request and checks the answer with these schemas; the portal's `call` (portal/src/common/api.ts) is typed
 * from them and parses every answer. `tests/integration/server/portal-contract.test.ts` fails when a route
 * under /api/family, /api/staff or /api/demo is registered without an entry here.
 *
 * A new area: write `shared/portal-api/<area>.ts` exporting `defineRoutes({...})` and spread it in below.
 */
export const portalRoutes = {
  ...familyAccountRoutes,
  ...familyMessageRoutes,
  ...familyDepositRoutes,
  ...staffRoutes,
  ...reviewRoutes,
  ...demoRoutes,
  ...facilityAdminRoutes,
  ...exportRoutes,
  ...rosterRoutes,
  ...intakeRoutes,
} satisfies Record<string, RouteSpec>;

export type PortalRoutes = typeof portalRoutes;
export type RouteName = keyof PortalRoutes;
