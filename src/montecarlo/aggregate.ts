/**
 * @module montecarlo/aggregate
 * What a run says, from the raw results: P10/P50/P90 of NPV and IRR per strategy (quantiles by linear
 * interpolation between order statistics, as numpy's default), how often hybrid's NPV beats each alternative
 * on the same path, and fan data (P10/P50/P90 per year of cumulative cash flow, and of each driver).
 */
import { DRIVERS, type DriverName, type McResults } from './layout.ts';

export interface Band {
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
}

export interface StrategySummary {
  readonly name: string;
  readonly npvUsd: Band & { readonly mean: number };
  /** Over the paths that have an IRR; `pathsWithIrr` says how many. */
  readonly irr: Band;
  readonly pathsWithIrr: number;
  readonly probabilityNpvPositive: number;
  /** Index y = 0..years: cumulative flow to the end of year y. */
  readonly cumulativeFanUsd: readonly Band[];
}

export interface McSummary {
  readonly paths: number;
  readonly years: number;
  readonly strategies: readonly StrategySummary[];
  /** P(hybrid NPV > alternative NPV) on the same path, per alternative. */
  readonly hybridBeats: readonly {
    readonly against: string;
    readonly probability: number;
    readonly meanGainUsd: number;
  }[];
  readonly drivers: Readonly<Record<DriverName, readonly Band[]>>;
}

/** Linear interpolation between order statistics (numpy `percentile` default); `sorted` ascending. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const at = q * (sorted.length - 1);
  const low = Math.floor(at);
  const high = Math.min(sorted.length - 1, low + 1);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

export function band(values: Float64Array): Band {
  const sorted = values.filter((v) => Number.isFinite(v)).sort();
  return { p10: quantile(sorted, 0.1), p50: quantile(sorted, 0.5), p90: quantile(sorted, 0.9) };
}

export function summarize(r: McResults, names: readonly string[], hybridName = 'hybrid'): McSummary {
  const { paths, years } = r;
  const stride = years + 1;
  const strategies = names.map((name, s): StrategySummary => {
    const npv = r.npvUsd.subarray(s * paths, (s + 1) * paths);
    const irr = r.irr.subarray(s * paths, (s + 1) * paths);
    const cumulative = new Float64Array(paths);
    const fan: Band[] = [];
    for (let y = 0; y <= years; y++) {
      for (let p = 0; p < paths; p++) cumulative[p]! += r.flowsUsd[(s * paths + p) * stride + y]!;
      fan.push(band(cumulative));
    }
    let positive = 0;
    let sum = 0;
    for (const v of npv) {
      sum += v;
      if (v > 0) positive++;
    }
    return {
      name,
      npvUsd: { ...band(npv), mean: sum / paths },
      irr: band(irr),
      pathsWithIrr: irr.filter(Number.isFinite).length,
      probabilityNpvPositive: positive / paths,
      cumulativeFanUsd: fan,
    };
  });
  const h = names.indexOf(hybridName);
  const hybridBeats = names
    .map((against, s) => ({ against, s }))
    .filter(({ s }) => s !== h && h >= 0)
    .map(({ against, s }) => {
      let wins = 0;
      let gain = 0;
      for (let p = 0; p < paths; p++) {
        const diff = r.npvUsd[h * paths + p]! - r.npvUsd[s * paths + p]!;
        if (diff > 0) wins++;
        gain += diff;
      }
      return { against, probability: wins / paths, meanGainUsd: gain / paths };
    });
  const drivers = Object.fromEntries(
    DRIVERS.map((name, k) => {
      const bands: Band[] = [];
      const column = new Float64Array(paths);
      for (let y = 0; y < years; y++) {
        for (let p = 0; p < paths; p++) column[p] = r.drivers[(k * paths + p) * years + y]!;
        bands.push(band(column));
      }
      return [name, bands];
    }),
  ) as Record<DriverName, Band[]>;
  return { paths, years, strategies, hybridBeats, drivers };
}

export interface NpvHistogram {
  /** Bins of equal width over every strategy's NPVs, so the strategies' distributions share one axis. */
  readonly minUsd: number;
  readonly binWidthUsd: number;
  /** Per strategy (in result order), paths per bin. */
  readonly counts: readonly (readonly number[])[];
}

export function npvHistogram(results: McResults, bins: number): NpvHistogram {
  const { paths, strategies } = results;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of results.npvUsd) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const width = (max - min) / bins || 1;
  const counts = Array.from({ length: strategies }, (_, s) => {
    const row = new Array<number>(bins).fill(0);
    for (let p = 0; p < paths; p++) {
      const v = results.npvUsd[s * paths + p]!;
      row[Math.min(bins - 1, Math.floor((v - min) / width))]! += 1;
    }
    return row;
  });
  return { minUsd: min, binWidthUsd: width, counts };
}
