/**
 * One fleet's override: what is in force and whether the last cycle ran under it, a power in kW to hold the
 * fleet at, for how long, and a clear button that hands the fleet back to the plan. Refusals show under the row.
 */
import { useState } from 'preact/hooks';
import { formatPower, formatTime, powerUnitFor } from '../format.ts';
import { useAction } from '../hooks.ts';
import { useSession } from '../session.ts';
import type { Fleet, OperatorState } from '../types.ts';
import { ErrorNote } from './ErrorNote.tsx';

/** The unit the operator types in. */
const KW = powerUnitFor(1000);

const FOR_OPTIONS = [
  { minutes: 0, label: 'until cleared' },
  { minutes: 15, label: 'for 15 min' },
  { minutes: 60, label: 'for 1 h' },
  { minutes: 240, label: 'for 4 h' },
] as const;

export function FleetOverride(props: {
  readonly fleet: Fleet;
  readonly label: string;
  readonly operator: OperatorState;
  /** The override the last cycle ran under (undefined before a cycle): the read-back that the controller took it. */
  readonly appliedW: number | null | undefined;
  readonly onChange: (state: OperatorState) => void;
}) {
  const { client, canOperate } = useSession();
  const action = useAction();
  const [kw, setKw] = useState('');
  const [minutes, setMinutes] = useState(0);
  const inForce = props.operator.fleetOverrides[props.fleet];
  const path = `/operator/fleets/${props.fleet}/override`;
  const id = `override-${props.fleet}`;

  const submit = (event: Event) => {
    event.preventDefault();
    void action.run(async () => {
      const body = {
        // Whole watts: 10.2 kW is 10,199.999… W in floating point, which would not fit a 10.2 kW server.
        powerW: Math.round(Number(kw) / KW.perW),
        ...(minutes === 0 ? {} : { untilMs: Date.now() + minutes * 60_000 }),
      };
      props.onChange(await client.send<OperatorState>('PUT', path, body));
    });
  };
  const clear = () =>
    void action.run(async () => props.onChange(await client.send<OperatorState>('DELETE', path)));

  return (
    // The server is the one validator: its refusal names the field and the fix, which the browser's would not.
    <form class="fleet" onSubmit={submit} data-testid={id} noValidate>
      <div class="fleet-head">
        <strong>{props.label}</strong>
        <span class="fleet-state" data-testid={`${id}-state`} data-override-w={inForce?.powerW ?? ''}>
          {inForce === undefined
            ? 'follows the plan'
            : `held at ${formatPower(inForce.powerW, KW)}${inForce.untilMs === null ? '' : ` until ${formatTime(inForce.untilMs)}`}`}
          {props.appliedW === undefined || inForce === undefined
            ? null
            : props.appliedW === inForce.powerW
              ? ' · in force in the controller'
              : ' · reaches the controller at its next cycle'}
        </span>
      </div>
      <div class="fleet-controls">
        <label class="field">
          <span>Power, kW</span>
          <input
            type="number"
            min="0"
            step="any"
            inputMode="decimal"
            value={kw}
            placeholder="e.g. 0"
            disabled={!canOperate || action.busy}
            data-testid={`${id}-input`}
            onInput={(e) => setKw(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span>Hold</span>
          <select
            value={minutes}
            disabled={!canOperate || action.busy}
            data-testid={`${id}-for`}
            onChange={(e) => setMinutes(Number(e.currentTarget.value))}
          >
            {FOR_OPTIONS.map((o) => (
              <option key={o.minutes} value={o.minutes}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          class="primary"
          disabled={!canOperate || action.busy || kw.trim() === ''}
          data-testid={`${id}-set`}
        >
          Set
        </button>
        <button
          type="button"
          disabled={!canOperate || action.busy || inForce === undefined}
          data-testid={`${id}-clear`}
          onClick={clear}
        >
          Clear
        </button>
      </div>
      <ErrorNote failure={action.error} testId={`${id}-error`} />
    </form>
  );
}
