/**
 * @module economics/bitcoin/difficulty-path
 * Deterministic difficulty paths for projections, sampled monthly at mid-month. The default follows the
 * partial-adjustment model of ECONOMICS.md §6.2: hashrate (so difficulty) closes a share of its gap to the
 * level at which the marginal machine just covers its power, so it answers price moves and halvings.
 */
import { requirePositive } from '../../units/guards.ts';

const MONTHS_PER_YEAR = 12;

export function constantGrowthDifficultyPath({
  startDifficulty,
  months,
  growthPerYear,
}: {
  startDifficulty: number;
  months: number;
  growthPerYear: number;
}): number[] {
  requirePositive('startDifficulty', startDifficulty, 'pass the difficulty at the start');
  return Array.from(
    { length: months },
    (_, m) => startDifficulty * Math.exp((growthPerYear * (m + 0.5)) / MONTHS_PER_YEAR),
  );
}

/**
 * Hashprice is inversely proportional to difficulty, so the equilibrium difficulty is `K(t) / hashcost(t)`
 * with `K(t)` the hashprice at difficulty 1. Each month ln D moves `adjustmentPerYear / 12` of the way to
 * ln D*; 1 per year means a gap closes by about 63 % in a year, the ASIC order-to-hash lag of 3-9 months
 * plus build-out.
 */
export function equilibriumDifficultyPath({
  startDifficulty,
  months,
  hashpriceAtDifficultyOneUsdPerPhDay,
  marginalHashcostUsdPerPhDay,
  adjustmentPerYear,
}: {
  startDifficulty: number;
  months: number;
  hashpriceAtDifficultyOneUsdPerPhDay: (tYears: number) => number;
  marginalHashcostUsdPerPhDay: (tYears: number) => number;
  adjustmentPerYear: number;
}): number[] {
  requirePositive('startDifficulty', startDifficulty, 'pass the difficulty at the start');
  requirePositive('adjustmentPerYear', adjustmentPerYear, 'e.g. 1 for a gap that closes by 63 % in a year');
  const stepShare = Math.min(1, adjustmentPerYear / MONTHS_PER_YEAR);
  let lnDifficulty = Math.log(startDifficulty);
  const path: number[] = [];
  for (let m = 0; m < months; m++) {
    const tYears = (m + 0.5) / MONTHS_PER_YEAR;
    path.push(Math.exp(lnDifficulty));
    const equilibrium = hashpriceAtDifficultyOneUsdPerPhDay(tYears) / marginalHashcostUsdPerPhDay(tYears);
    lnDifficulty += stepShare * (Math.log(equilibrium) - lnDifficulty);
  }
  return path;
}
