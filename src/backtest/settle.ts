/**
 * @module backtest/settle
 * Books one committed interval at the prices that actually happened, whatever the strategy expected:
 * revenue by workload, what the energy cost, what resale earned, and the charges.
 */
import type { MiningSegment, PlannerSite } from '../planner/problem.ts';

/** Revenue of running `miningMW` on the fleet's concave curve: the best slices fill first. */
export function miningRevenueUsdPerHour(
  segments: readonly MiningSegment[],
  miningMW: number,
  usdPerMWh: number,
): number {
  let left = miningMW;
  let usd = 0;
  for (const segment of segments) {
    if (left <= 0) break;
    const used = Math.min(left, segment.widthMW);
    usd += used * segment.revenueFactor * usdPerMWh;
    left -= used;
  }
  return usd;
}

export interface IntervalInputs {
  readonly hours: number;
  readonly priceUsdPerMWh: number;
  readonly miningUsdPerMWh: number;
  readonly aiSpotUsdPerMWh: number;
  /** The interval is this month's actual 4CP peak. */
  readonly fourCpPeak: boolean;
  readonly drEvent: boolean;
  readonly miningMW: number;
  readonly aiContractMW: number;
  readonly aiSpotMW: number;
  readonly importMW: number;
}

/** The money columns of a ledger that one interval's settlement fills. */
export interface BooksColumns {
  readonly miningRevenueUsd: Float64Array;
  readonly aiContractRevenueUsd: Float64Array;
  readonly aiSpotRevenueUsd: Float64Array;
  /** SLA penalty for contracted AI energy not delivered. */
  readonly penaltyUsd: Float64Array;
  /** What buying the energy cost (a PPA block is paid in full; extra energy at the real-time price). */
  readonly energyCostUsd: Float64Array;
  /** Unused PPA energy sold back at the real-time price (negative when the price was). */
  readonly resaleCreditUsd: Float64Array;
  readonly fourCpChargeUsd: Float64Array;
  /** Demand-response payment (negative for running above the baseline during an event). */
  readonly drCreditUsd: Float64Array;
}

/** Writes interval `t`'s books in place: the backtest's hot loop, so no objects are allocated per interval. */
export function settleInto(books: BooksColumns, t: number, site: PlannerSite, x: IntervalInputs): void {
  const importMWh = x.importMW * x.hours;
  const power = site.power;
  let energyCostUsd: number;
  let resaleCreditUsd = 0;
  if (power.kind === 'real-time') {
    energyCostUsd = importMWh * (x.priceUsdPerMWh + power.adderUsdPerMWh);
  } else if (power.resale) {
    const blockMWh = power.volumeMW * x.hours;
    energyCostUsd = blockMWh * power.priceUsdPerMWh + Math.max(0, importMWh - blockMWh) * x.priceUsdPerMWh;
    resaleCreditUsd = Math.max(0, blockMWh - importMWh) * x.priceUsdPerMWh;
  } else {
    energyCostUsd = importMWh * power.priceUsdPerMWh;
  }
  books.miningRevenueUsd[t] =
    miningRevenueUsdPerHour(site.mining.segments, x.miningMW, x.miningUsdPerMWh) * x.hours;
  // Only delivered GPU-hours are billed; the shortfall also pays the SLA penalty below.
  books.aiContractRevenueUsd[t] =
    Math.min(x.aiContractMW, site.ai.contractedMW) * site.ai.contractUsdPerMWh * x.hours;
  books.aiSpotRevenueUsd[t] = x.aiSpotMW * x.aiSpotUsdPerMWh * x.hours;
  books.penaltyUsd[t] =
    Math.max(0, site.ai.contractedMW - x.aiContractMW) * site.ai.shortfallPenaltyUsdPerMWh * x.hours;
  books.energyCostUsd[t] = energyCostUsd;
  books.resaleCreditUsd[t] = resaleCreditUsd;
  // The tag is set by the MW drawn in the month's peak interval, whatever the planner expected.
  books.fourCpChargeUsd[t] = x.fourCpPeak ? x.importMW * (site.fourCpTagUsdPerMW ?? 0) : 0;
  const dr = site.demandResponse;
  books.drCreditUsd[t] =
    dr !== undefined && x.drEvent ? (dr.baselineMW * x.hours - importMWh) * dr.paymentUsdPerMWh : 0;
}
