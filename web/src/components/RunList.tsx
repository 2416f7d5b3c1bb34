/** Runs, newest first, with live progress from the stream; pick one to see its result, cancel one in flight. */
import { formatDateTime } from '../format.ts';
import { useAction } from '../hooks.ts';
import { useSession } from '../session.ts';
import type { RunSummary } from '../types.ts';
import { ErrorNote } from './ErrorNote.tsx';

const inFlight = (run: RunSummary): boolean => run.status === 'queued' || run.status === 'running';

const paramsInWords = (run: RunSummary): string => {
  const p = run.params;
  return p.kind === 'backtest'
    ? `${p.site}, ${p.from} to ${p.to}`
    : `${p.site}, ${p.years} y × ${p.paths} paths, seed ${p.seed}`;
};

export function RunList(props: {
  readonly runs: readonly RunSummary[];
  readonly selected: string | null;
  readonly onSelect: (runId: string) => void;
  readonly onChanged: (run: RunSummary) => void;
}) {
  const { client, canOperate } = useSession();
  const cancel = useAction();
  if (props.runs.length === 0) return <p class="muted">No runs yet.</p>;
  return (
    <>
      <ErrorNote failure={cancel.error} testId="run-cancel-error" />
      <div class="table-scroll">
        <table class="runs">
          <thead>
            <tr>
              <th>Kind</th>
              <th>Parameters</th>
              <th>Status</th>
              <th>Asked</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {props.runs.map((run) => (
              <tr
                key={run.runId}
                class={run.runId === props.selected ? 'selected' : ''}
                data-testid={`run-row-${run.runId}`}
                data-status={run.status}
                onClick={() => props.onSelect(run.runId)}
              >
                <td>{run.kind === 'backtest' ? 'Backtest' : 'Monte-Carlo'}</td>
                <td>{paramsInWords(run)}</td>
                <td>
                  <div class="run-status">
                    <span class={`badge status-${run.status}`}>{run.status}</span>
                    <div
                      class="progress"
                      data-testid={`run-progress-${run.runId}`}
                      data-progress={run.progress}
                    >
                      <div style={{ width: `${run.progress * 100}%` }} />
                    </div>
                  </div>
                  {run.error === null ? null : <div class="small neg">{run.error}</div>}
                </td>
                <td class="muted">
                  {formatDateTime(run.createdAtMs)} · {run.createdBy}
                </td>
                <td>
                  {inFlight(run) ? (
                    <button
                      type="button"
                      disabled={!canOperate || cancel.busy}
                      data-testid={`run-cancel-${run.runId}`}
                      onClick={(e) => {
                        e.stopPropagation();
                        void cancel.run(async () =>
                          props.onChanged(await client.send<RunSummary>('DELETE', `/runs/${run.runId}`)),
                        );
                      }}
                    >
                      Cancel
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
