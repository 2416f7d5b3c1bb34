/**
 * @module runs/simulate-result
 * A Monte-Carlo outcome as the API serves it: the percentiles the CLI's summary.csv has, the cumulative cash
 * fan the HTML report draws (year ends 1..years) and the NPV histogram behind its distribution chart, unrounded.
 * An IRR that no path has is null, never NaN.
 */
import type { SimulateResult } from '../api/run-schemas.ts';
import { npvHistogram } from '../montecarlo/aggregate.ts';
import type { SimulateOutcome } from '../montecarlo-run/simulate.ts';

/** As many bins as the report's NPV distribution chart. */
const NPV_BINS = 40;

const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

export function simulateResultOf(outcome: SimulateOutcome): SimulateResult {
  const { built, run, summary, seed } = outcome;
  const histogram = npvHistogram(run.results, NPV_BINS);
  const binStartsUsd = Array.from(
    { length: NPV_BINS },
    (_, i) => histogram.minUsd + i * histogram.binWidthUsd,
  );
  return {
    kind: 'simulate',
    siteName: built.site.name,
    years: summary.years,
    paths: summary.paths,
    seed,
    threads: run.threads,
    seconds: run.wallNs / 1e9,
    strategies: summary.strategies.map((s) => ({
      name: s.name,
      npvUsd: { ...s.npvUsd },
      irr: { p10: finiteOrNull(s.irr.p10), p50: finiteOrNull(s.irr.p50), p90: finiteOrNull(s.irr.p90) },
      probabilityHybridBeats: summary.hybridBeats.find((b) => b.against === s.name)?.probability ?? null,
    })),
    fan: {
      yearEnds: Array.from({ length: summary.years }, (_, y) => y + 1),
      // Index 0 of the fan is the decision date; the API's fan starts at the end of year 1.
      byStrategy: summary.strategies.map((s) => {
        const yearEnds = s.cumulativeFanUsd.slice(1);
        return {
          name: s.name,
          p10: yearEnds.map((b) => b.p10),
          p50: yearEnds.map((b) => b.p50),
          p90: yearEnds.map((b) => b.p90),
        };
      }),
    },
    npvHistogram: summary.strategies.map((s, i) => ({
      name: s.name,
      binStartsUsd,
      counts: [...histogram.counts[i]!],
    })),
  };
}
