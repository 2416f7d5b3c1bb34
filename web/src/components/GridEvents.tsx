/** Grid events in force or announced (OpenADR): the limit or price each sets, and when. */
import { formatPower, formatTime, formatUsdPerMWh } from '../format.ts';
import type { SiteStatus } from '../types.ts';

export function GridEvents({ events }: { readonly events: SiteStatus['gridEvents'] }) {
  if (events.length === 0)
    return (
      <p class="muted" data-testid="grid-events-none">
        No grid event in force or announced.
      </p>
    );
  return (
    <ul class="events" data-testid="grid-events">
      {events.map((e) => (
        <li key={e.eventId}>
          <span class={`badge ${e.active ? 'sev-critical' : 'sev-info'}`}>
            {e.active ? 'in force' : 'announced'}
          </span>
          <span>
            {e.importLimitW === null ? '' : `import ≤ ${formatPower(e.importLimitW)} `}
            {e.priceUsdPerMWh === null ? '' : `price ${formatUsdPerMWh(e.priceUsdPerMWh)} `}
            <span class="muted">
              {formatTime(e.startMs)}–{formatTime(e.endMs)}
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}
