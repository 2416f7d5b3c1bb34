/** The controller's last decisions: which policy bound, what it aimed mining at, what it sent and why. */
import { formatPower, formatTime, powerUnitFor } from '../format.ts';
import { useApi } from '../hooks.ts';
import { policyInWords } from '../policy.ts';
import type { Decision } from '../types.ts';
import { Loaded } from './Loaded.tsx';
import { Panel } from './Panel.tsx';

const REFRESH_MS = 10_000;
const SHOWN = 12;

const notesOf = (d: Decision): string => {
  const notes = d.details.notes;
  return Array.isArray(notes) ? notes.filter((n) => typeof n === 'string').join(' · ') : '';
};

export function DecisionsPanel() {
  const loaded = useApi<Decision[]>('/decisions', { query: { limit: SHOWN }, refreshMs: REFRESH_MS });
  return (
    <Panel title="Recent decisions" span="half" testId="decisions">
      <Loaded loaded={loaded} testId="decisions">
        {(decisions) => {
          const unit = powerUnitFor(Math.max(0, ...decisions.map((d) => d.miningMeasuredW)));
          return (
            <div class="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th>Time</th>
                    <th>Binding policy</th>
                    <th class="num">Mining target</th>
                    <th class="num">Measured</th>
                    <th class="num">Commands</th>
                    <th>Notes</th>
                  </tr>
                </thead>
                <tbody>
                  {decisions.map((d) => (
                    <tr key={d.cycleId}>
                      <td>{formatTime(d.atMs)}</td>
                      <td title={policyInWords(d.bindingPolicy)}>{d.bindingPolicy}</td>
                      <td class="num">{formatPower(d.miningTargetW, unit)}</td>
                      <td class="num">{formatPower(d.miningMeasuredW, unit)}</td>
                      <td class="num">{d.commandCount}</td>
                      <td class="wrap muted">{notesOf(d)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        }}
      </Loaded>
    </Panel>
  );
}
