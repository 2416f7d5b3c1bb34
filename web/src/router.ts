/** Hash routes (`#/live`, …), so the server needs no fallback route and a reload stays on the view. */
import { useEffect, useState } from 'preact/hooks';

export const ROUTES = [
  { id: 'live', label: 'Live' },
  { id: 'economics', label: 'Economics' },
  { id: 'runs', label: 'Runs' },
  { id: 'energy', label: 'Energy & carbon' },
] as const;

export type RouteId = (typeof ROUTES)[number]['id'];

const routeOf = (hash: string): RouteId => ROUTES.find((r) => hash === `#/${r.id}`)?.id ?? 'live';

export function useRoute(): RouteId {
  const [route, setRoute] = useState(() => routeOf(window.location.hash));
  useEffect(() => {
    const follow = () => setRoute(routeOf(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return route;
}
