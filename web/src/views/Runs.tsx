/**
 * `#/runs`: start a backtest or a Monte-Carlo run, follow it (progress comes over the stream), and read its
 * result. A run's row shows whichever summary of it is furthest along: the loaded list's, the start or
 * cancel reply's, or the stream's.
 */
import { useState } from 'preact/hooks';
import { BacktestResultView } from '../components/BacktestResult.tsx';
import { Loaded } from '../components/Loaded.tsx';
import { Panel } from '../components/Panel.tsx';
import { RunForm } from '../components/RunForm.tsx';
import { RunList } from '../components/RunList.tsx';
import { SimulateResultView } from '../components/SimulateResult.tsx';
import { useFeed } from '../feed.tsx';
import { useApi } from '../hooks.ts';
import type { RunResult, RunSummary } from '../types.ts';

const LIST_REFRESH_MS = 30_000;
const STAGE = { queued: 0, running: 1, done: 2, failed: 2, cancelled: 2 } as const;

/** Of two summaries of one run, the one further along (a stream event can be older than a reload). */
const later = (a: RunSummary, b: RunSummary): RunSummary =>
  STAGE[b.status] > STAGE[a.status] || (STAGE[b.status] === STAGE[a.status] && b.progress > a.progress)
    ? b
    : a;

function mergeRuns(...sources: Iterable<RunSummary>[]): RunSummary[] {
  const byId = new Map<string, RunSummary>();
  for (const source of sources)
    for (const run of source) {
      const known = byId.get(run.runId);
      byId.set(run.runId, known === undefined ? run : later(known, run));
    }
  return [...byId.values()].sort((a, b) => b.createdAtMs - a.createdAtMs);
}

function RunResultPanel({ run }: { readonly run: RunSummary }) {
  const result = useApi<RunResult>(run.status === 'done' ? `/runs/${run.runId}/result` : null);
  if (run.status !== 'done')
    return (
      <p class="muted" data-testid="run-result-pending">
        {run.status === 'failed'
          ? `This run failed: ${run.error ?? 'no reason given'}.`
          : run.status === 'cancelled'
            ? 'This run was cancelled.'
            : `The result shows here once the run is done (${Math.round(run.progress * 100)} %).`}
      </p>
    );
  return (
    <Loaded loaded={result} testId="run-result">
      {(r) => (r.kind === 'backtest' ? <BacktestResultView result={r} /> : <SimulateResultView result={r} />)}
    </Loaded>
  );
}

export function Runs() {
  const feed = useFeed();
  // The stream carries every move; the slow reload only covers what a dropped stream missed.
  const list = useApi<RunSummary[]>('/runs', { refreshMs: LIST_REFRESH_MS });
  const [mine, setMine] = useState<readonly RunSummary[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const runs = mergeRuns(list.data ?? [], mine, feed.runs.values());
  const shown = runs.find((r) => r.runId === selected) ?? runs.find((r) => r.status === 'done') ?? null;

  return (
    <div class="grid">
      <Panel title="Start a run" span="full" testId="run-start-panel">
        <RunForm
          onStarted={(run) => {
            setMine((known) => [...known, run]);
            setSelected(run.runId);
          }}
        />
      </Panel>
      <Panel title="Runs" span="full" testId="runs">
        <Loaded loaded={list} testId="runs">
          {() => (
            <RunList
              runs={runs}
              selected={shown?.runId ?? null}
              onSelect={setSelected}
              onChanged={(run) => setMine((known) => [...known, run])}
            />
          )}
        </Loaded>
      </Panel>
      {shown === null ? null : (
        <Panel
          title={`Result: ${shown.kind === 'backtest' ? 'backtest' : 'Monte-Carlo'}`}
          span="full"
          testId="run-result"
        >
          <RunResultPanel run={shown} />
        </Panel>
      )}
    </div>
  );
}
