/** A headline figure: what it is, the figure with its unit, and a line of context under it. */
import type { ComponentChildren } from 'preact';

export function Tile(props: {
  readonly label: string;
  readonly value: ComponentChildren;
  readonly sub?: ComponentChildren;
  /** The workload colour the figure belongs to (a CSS colour). */
  readonly accent?: string;
  readonly testId?: string;
  /** The whole of a sub line that may be clipped (a long source name). */
  readonly title?: string;
}) {
  return (
    <div
      class="tile"
      data-testid={props.testId}
      style={props.accent === undefined ? undefined : { borderTopColor: props.accent }}
    >
      <div class="tile-label">{props.label}</div>
      <div class="tile-value">{props.value}</div>
      {props.sub === undefined ? null : (
        <div class="tile-sub" title={props.title}>
          {props.sub}
        </div>
      )}
    </div>
  );
}
