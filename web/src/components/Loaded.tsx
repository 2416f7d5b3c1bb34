/** Renders a `useApi` result: its data once there, the failure if it failed, "loading" until then. */
import type { ComponentChildren } from 'preact';
import type { Loaded as LoadedData } from '../hooks.ts';
import { ErrorNote } from './ErrorNote.tsx';

export function Loaded<T>(props: {
  readonly loaded: LoadedData<T>;
  readonly testId?: string;
  readonly children: (data: T) => ComponentChildren;
}) {
  const { data, error } = props.loaded;
  return (
    <>
      <ErrorNote
        failure={error}
        {...(props.testId === undefined ? {} : { testId: `${props.testId}-error` })}
      />
      {data === undefined ? error === undefined ? <p class="muted">Loading…</p> : null : props.children(data)}
    </>
  );
}
