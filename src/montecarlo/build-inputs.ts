/**
 * @module montecarlo/build-inputs
 * A site with its scenario and the shipped history turned into `McInputs`: every default fitted here is also
 * returned in `fitted`, and every simplification in `assumptions`, so the report can print what was used.
 */
import type { Scenario } from '../config/scenario.ts';
import type { Site } from '../config/site.ts';
import { MAINNET, retargetIntervalBlocks } from '../economics/bitcoin/chain.ts';
import { findAiServer, findGpu } from '../economics/hardware/gpus.ts';
import { ConfigError } from '../errors.ts';
import type { DailyNetwork } from '../series/network.ts';
import { resolveSite } from '../strategies/resolve-site.ts';
import { MS_PER_DAY } from '../units/index.ts';
import { type BtcCalibration, calibrateBtc, isoDayOf } from './calibrate-btc.ts';
import { calibrateFees, type FeeCalibration } from './calibrate-fees.ts';
import { ar1FromOu, calibratePower, type PowerCalibration } from './calibrate-power.ts';
import { fixedFlowsUsd } from './capex.ts';
import type { McInputs } from './inputs.ts';
import { strategySites } from './sites.ts';

export interface DailyPrices {
  readonly firstDayMs: number;
  readonly dailyMeanUsdPerMWh: Float64Array;
  readonly source: string;
}

export interface Assumption {
  readonly input: string;
  readonly assumed: string;
}

export interface FittedParameters {
  readonly startDay: string;
  readonly btc: Omit<BtcCalibration, 'logReturns'> & { readonly returns: number; readonly startUsd: number };
  readonly fees: FeeCalibration;
  readonly power: PowerCalibration & { readonly source: string };
  readonly chain: { readonly height: number; readonly difficulty: number; readonly blocksPerDay: number };
  readonly gpuPriceUsd: number;
}

export interface BuiltInputs {
  readonly inputs: McInputs;
  readonly fitted: FittedParameters;
  readonly assumptions: readonly Assumption[];
}

function lastCompleteDay(n: DailyNetwork): number {
  for (let i = n.length - 1; i > 0; i--) {
    if (n.priceUsd[i]! > 0 && n.difficulty[i]! > 0 && n.blockCount[i]! > 0 && Number.isFinite(n.feesBtc[i]!))
      return i;
  }
  throw new ConfigError([
    { field: 'history', problem: 'has no complete day', fix: 'restore data/btc_network_daily.csv' },
  ]);
}

function gpuPriceOf(site: Site, scenario: Scenario): number {
  if (scenario.capex.gpuPriceUsd !== undefined) return scenario.capex.gpuPriceUsd;
  const gpu = findGpu(findAiServer(site.ai.server).gpuId);
  const price = gpu.purchasePrice;
  if (price === undefined) {
    throw new ConfigError([
      {
        field: 'scenario.capex.gpuPriceUsd',
        problem: `is needed: no catalog price for ${gpu.id}`,
        fix: 'set the price per GPU in USD',
      },
    ]);
  }
  return price.referenceUsd ?? (price.lowUsd + price.highUsd) / 2;
}

export function buildInputs(
  site: Site,
  scenario: Scenario,
  network: DailyNetwork,
  prices: DailyPrices,
): BuiltInputs {
  const resolved = resolveSite(site);
  const years = scenario.years;
  const end = lastCompleteDay(network);
  const startMs = network.startMs + end * MS_PER_DAY;
  const btcFit = calibrateBtc(network, end, scenario.btc.windowDays);
  const feeFit = calibrateFees(network, end, scenario.fees.windowDays, scenario.fees.eventMultiple);
  const e = scenario.electricity;
  const powerFit = calibratePower(prices.dailyMeanUsdPerMWh, prices.firstDayMs, e.spikeSigmas);
  const sigma = scenario.btc.volatilityPerYear ?? btcFit.volatilityPerYear;
  const drift = scenario.btc.driftPerYear ?? btcFit.driftPerYear;
  const bootstrapShift =
    scenario.btc.driftPerYear === undefined
      ? 0
      : (scenario.btc.driftPerYear - btcFit.volatilityPerYear ** 2 / 2) / 365 - btcFit.meanDailyLogReturn;

  let blocks = 0;
  for (let i = end - 13; i <= end; i++) blocks += network.blockCount[i]!;
  const blocksPerDay = blocks / 14;
  const height = network.heightAtEndOfDay[end]!;
  const difficulty = network.difficulty[end]!;
  const retargetBlocks = retargetIntervalBlocks(MAINNET);
  const blocksInEpoch = (height + 1) % retargetBlocks;

  const monthly = Float64Array.from(powerFit.monthlyMeanUsdPerMWh);
  const fittedMean = powerFit.longRunMeanUsdPerMWh;
  const targetMean = e.meanUsdPerMWh ?? fittedMean;
  for (let m = 0; m < 12; m++) monthly[m] = (e.seasonal ? monthly[m]! - fittedMean : 0) + targetMean;
  const ou =
    e.kappaPerYear === undefined && e.volatilityUsdPerMWhPerSqrtYear === undefined
      ? { persistence: powerFit.dailyPersistence, dailyShock: powerFit.dailyShockUsdPerMWh }
      : ar1FromOu(
          e.kappaPerYear ?? powerFit.kappaPerYear,
          e.volatilityUsdPerMWhPerSqrtYear ?? powerFit.volatilityUsdPerMWhPerSqrtYear,
        );
  const spikeStdLog = powerFit.spikeSize.stdLog;
  const spikeMeanLog =
    e.spikeMeanUsdPerMWh === undefined
      ? powerFit.spikeSize.meanLog
      : Math.log(e.spikeMeanUsdPerMWh) - spikeStdLog ** 2 / 2;

  const contract = resolved.operations.ai.contract;
  const spot = resolved.operations.ai.spot;
  const pricing = site.ai.pricing;
  const referencePrice =
    contract?.priceUsdPerGpuHour ??
    spot?.priceUsdPerGpuHour ??
    (pricing.kind === 'rental' ? pricing.priceUsdPerGpuHour : undefined) ??
    2;
  const g = scenario.gpu;
  const gpuPersistence = Math.exp(-g.noiseReversionPerYear / 365);
  const gpuShock = g.noisePerSqrtYear * Math.sqrt((1 - gpuPersistence ** 2) / (2 * g.noiseReversionPerYear));

  const sites = strategySites(resolved);
  const gpuPriceUsd = gpuPriceOf(site, scenario);
  const context = {
    scenario,
    fleetJPerTh: resolved.fleetJPerTh,
    gpusPerDrawnMW: resolved.gpusPerDrawnMW,
    gpuPriceUsd,
  };
  const fixed = new Float64Array(sites.length * (years + 1));
  for (const [i, s] of sites.entries()) fixed.set(fixedFlowsUsd(s, context, years), i * (years + 1));
  const days = years * 365;
  const d = scenario.difficulty;
  const inputs: McInputs = {
    years,
    days,
    discountRatePerYear: scenario.discountRatePerYear,
    startDay: isoDayOf(startMs),
    monthOfDay: Uint8Array.from({ length: days }, (_, day) =>
      new Date(startMs + (day + 1) * MS_PER_DAY).getUTCMonth(),
    ),
    btc: {
      model: scenario.btc.model === 'gbm' ? 0 : 1,
      startUsd: network.priceUsd[end]!,
      driftPerYear: drift,
      volatilityPerYear: sigma,
      logReturns: btcFit.logReturns,
      meanBlockDays: scenario.btc.meanBlockDays,
      shiftPerDay: bootstrapShift,
    },
    fees: {
      calmMeanLog: feeFit.calm.meanLog,
      calmStdLog: feeFit.calm.stdLog,
      eventMeanLog: feeFit.event.meanLog,
      eventStdLog: feeFit.event.stdLog,
      enterEventPerDay: feeFit.enterEventPerDay,
      stayEventPerDay: feeFit.stayEventPerDay,
    },
    chain: {
      startHeight: height,
      startDifficulty: difficulty,
      startHashrateHs: (difficulty * 2 ** 32 * blocksPerDay) / 86_400,
      blocksInEpoch,
      epochElapsedS: (blocksInEpoch * 86_400) / blocksPerDay,
      halvingIntervalBlocks: MAINNET.halvingIntervalBlocks,
      retargetBlocks,
      targetSpacingS: MAINNET.targetSpacingS,
      marginalFleetJPerTh: d.marginalFleetJPerTh,
      efficiencyTrendPerYear: d.efficiencyTrendPerYear,
      marginalPowerUsdPerMWh: d.marginalPowerPriceUsdPerMWh,
      marginalPue: d.marginalPue,
      powerShareOfRevenue: d.powerShareOfRevenue,
      adjustmentPerYear: d.adjustmentPerYear,
      lagDays: d.lagDays,
      volatilityPerYear: d.volatilityPerYear,
    },
    power: {
      monthlyMeanUsdPerMWh: monthly,
      dailyPersistence: ou.persistence,
      dailyShockUsdPerMWh: ou.dailyShock,
      spikeProbabilityPerDay: Math.min(1, (e.spikesPerYear ?? powerFit.spikesPerYear) / 365),
      spikeMeanLog,
      spikeStdLog,
      capUsdPerMWh: e.capUsdPerMWh,
      floorUsdPerMWh: e.floorUsdPerMWh,
    },
    gpu: {
      startUsdPerGpuHour: referencePrice,
      floorUsdPerGpuHour: g.rentalFloorUsdPerGpuHour,
      declinePerYear: g.rentalDeclinePerYear,
      noisePersistencePerDay: gpuPersistence,
      noiseShockPerDay: gpuShock,
      lifeYears: scenario.assets.gpuLifeYears,
      contractYears: g.contractYears,
    },
    mining: {
      fleetJPerThAtStart: resolved.fleetJPerTh,
      efficiencyTrendPerYear: d.efficiencyTrendPerYear,
      asicLifeYears: scenario.assets.asicLifeYears,
      netRevenueFraction: (1 - resolved.poolFeeFraction) * (1 - resolved.staleRejectFraction),
    },
    sites,
    fixedFlowsUsd: fixed,
  };
  const { logReturns, ...btcReport } = btcFit;
  return {
    inputs,
    fitted: {
      startDay: isoDayOf(startMs),
      btc: { ...btcReport, returns: logReturns.length, startUsd: network.priceUsd[end]! },
      fees: feeFit,
      power: { ...powerFit, source: prices.source },
      chain: { height, difficulty, blocksPerDay },
      gpuPriceUsd,
    },
    assumptions: assumptionsOf(site, scenario, referencePrice),
  };
}

function assumptionsOf(site: Site, s: Scenario, _referencePrice: number): Assumption[] {
  const a = s.assets;
  return [
    {
      input: 'time step',
      assumed: `daily, ${s.years} × 365 days; cash flows summed by year, discounted at ${(s.discountRatePerYear * 100).toFixed(1)} %/yr, pre-tax`,
    },
    {
      input: 'electricity',
      assumed: `daily mean real-time price; the fit uses ERCOT HB_HUBAVG whatever the site's pricePoint (${site.operations?.pricePoint ?? 'n/a'}); intraday shape, 4CP and the battery are not simulated`,
    },
    {
      input: 'dispatch',
      assumed:
        'one decision per day per strategy; hybrid = greedy by net value per facility MWh (equal to the planner LP on a daily window) and knows the day’s mean price, so it beats static split and price threshold on every path by construction: read the mean gain; spot minimum on-time ignored, restart cost charged on each off→on day',
    },
    {
      input: 'blocks',
      assumed:
        'daily count ~ normal approximation of Poisson(H·86400/(D·2^32)), rounded; subsidy exact per height; retarget every 2016 blocks, clamped ×4',
    },
    {
      input: 'hashrate',
      assumed:
        'partial adjustment towards the hashrate at which the marginal machine spends its power share of revenue, lagged; moved every 14 days (one nominal retarget epoch) towards the mean equilibrium of the 14 lagged days, equal to 14 daily steps when that target holds still',
    },
    {
      input: 'ASIC fleet',
      assumed: `replaced every ${a.asicLifeYears} years by the then-current generation (J/TH × e^(trend·t)); $/TH falls with the same trend, so a refresh costs the first fleet's price`,
    },
    {
      input: 'GPUs',
      assumed: `replaced every $a.gpuLifeYearsyears at the same price; rental index restarts at $$referencePrice.toFixed(2)/GPU-h for each new generation; contract price fixed for ${s.gpu.contractYears} years, then follows the market index`,
    },
    {
      input: 'residuals',
      assumed: `halls at straight-line book value over $a.facilityLifeYearsyears; hardware linear from cost to $(a.asicResidualFraction * 100).toFixed(0)% (ASIC) / $(a.gpuResidualFraction * 100).toFixed(0)% (GPU) over its life`,
    },
    {
      input: 'opex',
      assumed: `$$a.miningOpexUsdPerMWYear.toLocaleString('en-US')/mining IT MW-yr and $${a.aiOpexUsdPerMWYear.toLocaleString('en-US')}/AI IT MW-yr, paid whether running or curtailed`,
    },
  ];
}
