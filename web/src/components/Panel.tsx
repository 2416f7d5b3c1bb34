/** A titled card of the page grid; `span` is its share of a desktop row (one column on a phone). */
import type { ComponentChildren } from 'preact';

type Span = 'full' | 'two-thirds' | 'half' | 'third';

export function Panel(props: {
  readonly title: string;
  readonly span?: Span;
  readonly testId?: string;
  /** Beside the title: a control or a small figure. */
  readonly aside?: ComponentChildren;
  readonly children: ComponentChildren;
}) {
  return (
    <section class={`panel span-${props.span ?? 'full'}`} data-testid={props.testId}>
      <header class="panel-head">
        <h2>{props.title}</h2>
        {props.aside}
      </header>
      {props.children}
    </section>
  );
}
