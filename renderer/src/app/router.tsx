import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export type GameName = 'sudoku' | 'g2048';

/**
 * The kiosk has no address bar, so routes are app state, not URLs: a reload
 * (crash recovery) always lands on the start screen.
 */
export type Route =
  | { name: 'welcome' }
  | { name: 'sign-in' }
  | { name: 'forgot-pin' }
  | { name: 'home' }
  /** filter: the list the inbox opens on (the Videograms tile opens it on videograms). */
  | { name: 'inbox'; filter?: 'videogram' }
  | { name: 'message'; id: string }
  | { name: 'compose'; replyTo: string; draftId?: string }
  | { name: 'new-message'; contactId?: string }
  | { name: 'outbox' }
  | { name: 'record'; replyTo: string }
  | { name: 'account' }
  | { name: 'announcements' }
  | { name: 'support' }
  | { name: 'settings' }
  | { name: 'change-pin' }
  | { name: 'library' }
  | { name: 'book'; id: string; title: string }
  | { name: 'music' }
  | { name: 'album'; id: string; title: string }
  | { name: 'course'; id: string }
  | { name: 'games' }
  | { name: 'game'; game: GameName }
  /** firstSync: enrollment is under way or done, and the setup screen shows the first sync until it finishes. */
  | { name: 'setup'; firstSync?: boolean }
  | { name: 'technician-sign-in' }
  | { name: 'technician' }
  | { name: 'not-found' };

export type RouteName = Route['name'];

/** Screens anyone may see; every other route needs a signed-in inmate. */
export const publicRoutes: ReadonlySet<RouteName> = new Set([
  'welcome',
  'sign-in',
  'forgot-pin',
  'settings',
  'not-found',
  // Technician screens: core, not the renderer, guards them (credential and technician session).
  'setup',
  'technician-sign-in',
  'technician',
]);

interface RouterState {
  route: Route;
  navigate: (route: Route) => void;
  /** Back to the previous screen (or home), like the big Back button. */
  back: () => void;
  /** Start over: forget the history (sign-out, session end). */
  reset: (route: Route) => void;
}

const RouterContext = createContext<RouterState | null>(null);

export function RouterProvider({ children, initial = { name: 'welcome' } }: { children: ReactNode; initial?: Route }) {
  const [stack, setStack] = useState<Route[]>([initial]);
  const navigate = useCallback((next: Route) => setStack((s) => [...s.slice(-19), next]), []);
  const back = useCallback(() => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)), []);
  const reset = useCallback((next: Route) => setStack([next]), []);
  const route = stack[stack.length - 1] ?? initial;
  const value = useMemo(() => ({ route, navigate, back, reset }), [route, navigate, back, reset]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterState {
  const state = useContext(RouterContext);
  if (!state) throw new Error('useRouter outside RouterProvider');
  return state;
}
