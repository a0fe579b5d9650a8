import { useEffect, useState } from 'react';

/** The family portal's pages live in the URL fragment: `#reset?token=…`, `#help`, `#demo-mail`, `#deposits` (home, at the deposit list). */
export interface Route {
  page: string;
  params: URLSearchParams;
}

function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const index = raw.indexOf('?');
  return {
    page: index < 0 ? raw : raw.slice(0, index),
    params: new URLSearchParams(index < 0 ? '' : raw.slice(index + 1)),
  };
}

export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return route;
}

/** Goes to a page of the portal (`''` is home). */
export function go(page: string): void {
  location.hash = page;
}
