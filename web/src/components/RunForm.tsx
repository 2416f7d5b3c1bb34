/**
 * Start a run: a backtest over shipped history (site, first and last day) or a Monte-Carlo simulation (site,
 * years, paths, seed). The server checks the request before queueing it; a refusal names the field and the fix.
 */
import { useState } from 'preact/hooks';
import { useAction, useApi } from '../hooks.ts';
import { useSession } from '../session.ts';
import type { ExampleSite, RunRequestBody, RunSummary } from '../types.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { Segmented } from './Segmented.tsx';

const KINDS = [
  { id: 'backtest', label: 'Backtest on history' },
  { id: 'simulate', label: 'Monte-Carlo' },
] as const;

/** A recent month of the shipped hourly ERCOT history (2024-01 .. 2025-11). */
const DEFAULT_FROM = '2025-06-01';
const DEFAULT_TO = '2025-06-30';
const DEFAULT_SITE = 'site-20mw';

export function RunForm({ onStarted }: { readonly onStarted: (run: RunSummary) => void }) {
  const { client, canOperate } = useSession();
  const sites = useApi<ExampleSite[]>('/sites/examples');
  const start = useAction();
  const [kind, setKind] = useState<'backtest' | 'simulate'>('backtest');
  const [site, setSite] = useState(DEFAULT_SITE);
  const [from, setFrom] = useState(DEFAULT_FROM);
  const [to, setTo] = useState(DEFAULT_TO);
  const [years, setYears] = useState('10');
  const [paths, setPaths] = useState('2000');
  const [seed, setSeed] = useState('1');
  const disabled = !canOperate || start.busy;

  const submit = (event: Event) => {
    event.preventDefault();
    const body: RunRequestBody =
      kind === 'backtest'
        ? { kind, site, from, to }
        : { kind, site, years: Number(years), paths: Number(paths), seed: Number(seed) };
    void start.run(async () => onStarted(await client.send<RunSummary>('POST', '/runs', body)));
  };

  const number = (label: string, value: string, set: (v: string) => void, id: string) => (
    <label class="field">
      <span>{label}</span>
      <input
        type="number"
        value={value}
        disabled={disabled}
        data-testid={`run-${id}`}
        onInput={(e) => set(e.currentTarget.value)}
      />
    </label>
  );

  return (
    <form class="run-form" onSubmit={submit} data-testid="run-form">
      {canOperate ? null : (
        <p class="note">Starting a run needs an operator token; this one can only look.</p>
      )}
      <Segmented
        label="Run kind"
        options={KINDS}
        value={kind}
        onChange={setKind}
        disabled={disabled}
        testIdPrefix="run-kind"
      />
      <div class="form-row">
        <label class="field">
          <span>Site</span>
          <select
            value={site}
            disabled={disabled}
            data-testid="run-site"
            onChange={(e) => setSite(e.currentTarget.value)}
          >
            {(sites.data ?? [{ id: DEFAULT_SITE, name: DEFAULT_SITE, file: '' }]).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        {kind === 'backtest' ? (
          <>
            <label class="field">
              <span>From (UTC day)</span>
              <input
                type="date"
                value={from}
                disabled={disabled}
                data-testid="run-from"
                onInput={(e) => setFrom(e.currentTarget.value)}
              />
            </label>
            <label class="field">
              <span>To (inclusive)</span>
              <input
                type="date"
                value={to}
                disabled={disabled}
                data-testid="run-to"
                onInput={(e) => setTo(e.currentTarget.value)}
              />
            </label>
          </>
        ) : (
          <>
            {number('Years', years, setYears, 'years')}
            {number('Paths', paths, setPaths, 'paths')}
            {number('Seed', seed, setSeed, 'seed')}
          </>
        )}
        <button type="submit" class="primary" disabled={disabled} data-testid="run-start">
          Start
        </button>
      </div>
      <ErrorNote failure={sites.error} />
      <ErrorNote failure={start.error} testId="run-error" />
    </form>
  );
}
