/** The signed-in page: header (site, views, stream state, who), then the view the hash names. */
import type { FunctionComponent } from 'preact';
import { useFeed } from '../feed.tsx';
import { ROUTES, type RouteId, useRoute } from '../router.ts';
import { useSession } from '../session.ts';
import { Economics } from './Economics.tsx';
import { Energy } from './Energy.tsx';
import { Live } from './Live.tsx';
import { Runs } from './Runs.tsx';

const VIEWS: Record<RouteId, FunctionComponent> = {
  live: Live,
  economics: Economics,
  runs: Runs,
  energy: Energy,
};

export function Shell() {
  const { who, signOut } = useSession();
  const { connection } = useFeed();
  const route = useRoute();
  const View = VIEWS[route];
  return (
    <>
      <header class="top">
        <div class="brand">
          Switchyard <span class="muted">· site {who.siteId}</span>
        </div>
        <nav>
          {ROUTES.map((r) => (
            <a
              key={r.id}
              href={`#/${r.id}`}
              aria-current={r.id === route ? 'page' : undefined}
              data-testid={`nav-${r.id}`}
            >
              {r.label}
            </a>
          ))}
        </nav>
        <div class="who">
          <span class={`conn conn-${connection}`} data-testid="live-indicator" data-state={connection}>
            {connection}
          </span>
          <span class="muted" data-testid="whoami" data-role={who.role}>
            {who.name} · {who.role}
          </span>
          <button type="button" class="link" data-testid="signout" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main data-testid={`view-${route}`}>
        <View />
      </main>
    </>
  );
}
