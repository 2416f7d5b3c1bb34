/**
 * @module montecarlo/capex
 * The flows of a build that do not depend on the path: capex at t = 0, fleet refreshes, fixed opex and what the
 * assets are worth at the horizon. Annual flows, index 0 = the decision date, index y = the sum over year y
 * (a refresh at the end of year k sits in index k). Pre-tax.
 * - ASICs are replaced every `asicLifeYears` by the then-current generation. Their price per TH/s falls with
 *   the network efficiency trend (the price per watt stays put), so a refresh costs what the first fleet cost.
 * - GPUs are replaced every `gpuLifeYears` at the same price; the new generation rents at the start price again.
 * - At the horizon the halls are worth their straight-line book value and the hardware falls linearly from cost
 *   to its residual fraction over its life.
 */
import type { Scenario } from '../config/scenario.ts';
import type { DaySite } from './inputs.ts';

export interface BuildCapexUsd {
  readonly miningHall: number;
  readonly asics: number;
  readonly aiHall: number;
  /** GPUs plus network and storage. */
  readonly gpus: number;
}

export interface CapexContext {
  readonly scenario: Scenario;
  readonly fleetJPerTh: number;
  readonly gpusPerDrawnMW: number;
  readonly gpuPriceUsd: number;
}

export function buildCapexUsd(site: DaySite, c: CapexContext): BuildCapexUsd {
  const { capex } = c.scenario;
  const aiItMW = site.contractMW + site.spotMaxMW;
  const miningThs = (site.miningItMW * 1e6) / c.fleetJPerTh;
  return {
    miningHall: capex.miningFacilityUsdPerMW * site.miningItMW * site.miningPue,
    asics: capex.asicUsdPerTh * miningThs,
    aiHall: capex.aiFacilityUsdPerMW * aiItMW * site.aiPue,
    gpus: aiItMW * c.gpusPerDrawnMW * c.gpuPriceUsd * (1 + capex.networkCapexFraction),
  };
}

/** Value at the horizon of hardware bought at `boughtYear`: linear from cost to residual × cost over its life. */
export function hardwareValueUsd(
  costUsd: number,
  ageYears: number,
  lifeYears: number,
  residual: number,
): number {
  return costUsd * (1 - (1 - residual) * Math.min(1, ageYears / lifeYears));
}

export const lastRefreshYear = (tYears: number, lifeYears: number, horizonYears: number): number =>
  Math.min(
    Math.floor(tYears / lifeYears) * lifeYears,
    Math.floor((horizonYears - 1e-9) / lifeYears) * lifeYears,
  );

export function fixedFlowsUsd(site: DaySite, c: CapexContext, years: number): Float64Array {
  const { assets } = c.scenario;
  const cost = buildCapexUsd(site, c);
  const flows = new Float64Array(years + 1);
  flows[0] = -(cost.miningHall + cost.asics + cost.aiHall + cost.gpus);
  const opexUsdPerYear =
    assets.miningOpexUsdPerMWYear * site.miningItMW +
    assets.aiOpexUsdPerMWYear * (site.contractMW + site.spotMaxMW);
  for (let y = 1; y <= years; y++) {
    flows[y]! -= opexUsdPerYear;
    if (y < years && y % assets.asicLifeYears === 0) flows[y]! -= cost.asics;
    if (y < years && y % assets.gpuLifeYears === 0) flows[y]! -= cost.gpus;
  }
  const hallBook = Math.max(0, 1 - years / assets.facilityLifeYears);
  const asicAge = years - lastRefreshYear(years, assets.asicLifeYears, years);
  const gpuAge = years - lastRefreshYear(years, assets.gpuLifeYears, years);
  flows[years]! +=
    (cost.miningHall + cost.aiHall) * hallBook +
    hardwareValueUsd(cost.asics, asicAge, assets.asicLifeYears, assets.asicResidualFraction) +
    hardwareValueUsd(cost.gpus, gpuAge, assets.gpuLifeYears, assets.gpuResidualFraction);
  return flows;
}
