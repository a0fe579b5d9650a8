import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

/**
 * The kiosk has no address bar, so routes are app state, not URLs: a reload
 * (crash recovery) always lands on the start screen.
 */
export type Route = { name: 'welcome' } | { name: 'not-found' };

interface RouterState {
  route: Route;
  navigate: (route: Route) => void;
}

const RouterContext = createContext<RouterState | null>(null);

export function RouterProvider({ children, initial = { name: 'welcome' } }: { children: ReactNode; initial?: Route }) {
  const [route, setRoute] = useState<Route>(initial);
  const navigate = useCallback((next: Route) => setRoute(next), []);
  const value = useMemo(() => ({ route, navigate }), [route, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterState {
  const state = useContext(RouterContext);
  if (!state) throw new Error('useRouter outside RouterProvider');
  return state;
}
