/** Machines by state, grid events and feeds: is everything the controller drives seen, and what binds it. */
import { MachinesChart } from '../charts/MachinesChart.tsx';
import { useApi } from '../hooks.ts';
import type { Machine, SiteStatus } from '../types.ts';
import { GridEvents } from './GridEvents.tsx';
import { Loaded } from './Loaded.tsx';
import { Panel } from './Panel.tsx';

const REFRESH_MS = 10_000;
const FEEDS = [
  { key: 'market', label: 'market' },
  { key: 'vtn', label: 'grid operator (VTN)' },
  { key: 'store', label: 'store' },
  { key: 'plan', label: 'plan' },
] as const;

export function MachinesPanel({ status }: { readonly status: SiteStatus | null }) {
  const machines = useApi<Machine[]>('/machines', { refreshMs: REFRESH_MS });
  return (
    <Panel title="Machines, grid events and feeds" span="third" testId="machines">
      <Loaded loaded={machines} testId="machines">
        {(list) => <MachinesChart machines={list} />}
      </Loaded>
      <h3>Grid events</h3>
      <GridEvents events={status?.gridEvents ?? []} />
      <h3>Feeds</h3>
      <div class="feeds" data-testid="feeds">
        {FEEDS.map((f) => {
          const up = status?.feeds[f.key];
          return (
            <span key={f.key} class={`pill ${up === false ? 'pill-bad' : up ? 'pill-good' : ''}`}>
              {f.label} {up === false ? 'lost' : up ? 'ok' : '…'}
            </span>
          );
        })}
      </div>
    </Panel>
  );
}
