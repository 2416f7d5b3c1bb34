/**
 * The operator's hand on the site: auto/manual mode and the two fleet overrides. The stored operator state is
 * loaded once, replaced by each action's reply (the new state), and reloaded when the cycles start running under
 * other instructions than the ones shown: another operator acted, or an override lapsed.
 */
import { useEffect, useState } from 'preact/hooks';
import { formatDateTime } from '../format.ts';
import { useAction, useApi } from '../hooks.ts';
import { useSession } from '../session.ts';
import type { OperatorState, SiteStatus } from '../types.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { FleetOverride } from './FleetOverride.tsx';
import { Loaded } from './Loaded.tsx';
import { Panel } from './Panel.tsx';
import { Segmented } from './Segmented.tsx';

const MODES = [
  { id: 'auto', label: 'Auto: follow the plan' },
  { id: 'manual', label: 'Manual: hold' },
] as const;

/** The instructions a cycle ran under, comparable with the stored state. */
const instructionsOf = (s: OperatorState) =>
  `${s.mode}|${s.fleetOverrides.mining?.powerW ?? null}|${s.fleetOverrides.ai?.powerW ?? null}`;
const appliedOf = (s: SiteStatus['operator']) => `${s.mode}|${s.miningOverrideW}|${s.aiOverrideW}`;

export function OperatorPanel({ status }: { readonly status: SiteStatus | null }) {
  const { client, canOperate, who } = useSession();
  const loaded = useApi<OperatorState>('/operator');
  const [state, setState] = useState<OperatorState | undefined>(undefined);
  const mode = useAction();
  const current = state ?? loaded.data;
  const applied = status === null ? null : appliedOf(status.operator);
  // On a change of what the cycles run under only, so a lasting mismatch reloads once, not every cycle.
  useEffect(() => {
    if (current !== undefined && applied !== null && applied !== instructionsOf(current)) loaded.reload();
  }, [applied]);
  useEffect(() => setState(undefined), [loaded.data]);

  return (
    <Panel title="Operator" span="third" testId="operator-panel">
      {canOperate ? null : (
        <p class="note" data-testid="viewer-note">
          Read-only: token <b>{who.name}</b> is a {who.role}. Changing the mode or an override needs an
          operator token.
        </p>
      )}
      <Loaded loaded={loaded} testId="operator">
        {(data) => {
          const op = state ?? data;
          return (
            <>
              <div class="op-row">
                <Segmented
                  label="Operator mode"
                  options={MODES}
                  value={op.mode}
                  disabled={!canOperate || mode.busy}
                  testIdPrefix="mode"
                  onChange={(next) =>
                    void mode.run(async () =>
                      setState(await client.send<OperatorState>('PUT', '/operator/mode', { mode: next })),
                    )
                  }
                />
                <ErrorNote failure={mode.error} testId="mode-error" />
              </div>
              <FleetOverride
                fleet="mining"
                label="Mining fleet"
                operator={op}
                appliedW={status?.operator.miningOverrideW}
                onChange={setState}
              />
              <FleetOverride
                fleet="ai"
                label="AI fleet"
                operator={op}
                appliedW={status?.operator.aiOverrideW}
                onChange={setState}
              />
              <p class="muted small" data-testid="operator-updated">
                {op.updatedBy === null || op.updatedAtMs === null
                  ? 'No operator has acted on this site.'
                  : `Last changed by ${op.updatedBy} at ${formatDateTime(op.updatedAtMs)}.`}
              </p>
            </>
          );
        }}
      </Loaded>
    </Panel>
  );
}
