/**
 * @module montecarlo/engine
 * One path in two passes: the scenario a year at a time (every stochastic input drawn in bulk first; fees, power
 * and GPU rents, which depend on nothing else, each in its own loop; then BTC and the chain day by day) into the
 * path's market arrays and their year sums, then each strategy settles the whole path in its own loop
 * (settle.ts) into annual cash flows, which are then valued. Everything a path needs is allocated once per
 * worker (the `Workspace`); a path day allocates nothing. Path p always draws from `rngFor(seed, p)`, whatever
 * range a worker was given, so results do not depend on the thread count.
 */
import { BtcPriceModel } from './btc-model.ts';
import { lastRefreshYear } from './capex.ts';
import { ChainModel } from './chain-model.ts';
import { StrategyKernel } from './dispatch.ts';
import { DayDraws, normalsPerDay, uniformsPerDay } from './draws.ts';
import { FeeModel } from './fee-model.ts';
import { irrOf, npvUsd } from './finance.ts';
import { GpuRentalModel } from './gpu-model.ts';
import type { McInputs } from './inputs.ts';
import type { McResults } from './layout.ts';
import { PowerPriceModel } from './power-model.ts';
import { PathStreams, type Rng } from './rng.ts';
import { PathMarket, SettleScratch, settlePath } from './settle.ts';

/** MWh per PH/s-day at 1 J/TH: 1e3 TH × 24 h ÷ 1e6. */
const MWH_PER_PH_DAY_PER_JPERTH = 0.024;
const DAYS_PER_YEAR = 365;

export class Workspace {
  readonly btc: BtcPriceModel;
  readonly fees: FeeModel;
  readonly chain: ChainModel;
  readonly power: PowerPriceModel;
  readonly gpu: GpuRentalModel;
  readonly kernels: StrategyKernel[];
  readonly market: PathMarket;
  readonly scratch = new SettleScratch();
  readonly draws: DayDraws;
  /** Per day: mining revenue per IT MWh per unit of hashprice (the fleet generation installed that day). */
  readonly miningPerHashprice: Float64Array;
  readonly gpuTrend: Float64Array;
  readonly contractRepriced: Uint8Array;
  /** Per day of the current path: mean fees per block, BTC (the chain reads the day's through `today`). */
  readonly feesBtcPerBlock: Float64Array;
  readonly today = { feesBtcPerBlock: 0 };

  constructor(readonly inputs: McInputs) {
    this.btc = new BtcPriceModel(inputs.btc);
    this.fees = new FeeModel(inputs.fees);
    this.chain = new ChainModel(inputs.chain, inputs.days);
    this.power = new PowerPriceModel(inputs.power);
    this.gpu = new GpuRentalModel(inputs.gpu);
    this.kernels = inputs.sites.map((site) => new StrategyKernel(site));
    this.market = new PathMarket(inputs.years);
    const model = inputs.btc.model;
    this.draws = new DayDraws(inputs.days, normalsPerDay(model), uniformsPerDay(model), DAYS_PER_YEAR);
    const { days, years, mining, gpu } = inputs;
    this.miningPerHashprice = new Float64Array(days);
    this.gpuTrend = new Float64Array(days);
    this.contractRepriced = new Uint8Array(days);
    this.feesBtcPerBlock = new Float64Array(days);
    for (let d = 0; d < days; d++) {
      const t = (d + 0.5) / 365;
      const fleetJPerTh =
        mining.fleetJPerThAtStart *
        Math.exp(mining.efficiencyTrendPerYear * lastRefreshYear(t, mining.asicLifeYears, years));
      this.miningPerHashprice[d] = mining.netRevenueFraction / (fleetJPerTh * MWH_PER_PH_DAY_PER_JPERTH);
      this.gpuTrend[d] = this.gpu.trendAt(t - lastRefreshYear(t, gpu.lifeYears, years));
      this.contractRepriced[d] = t >= gpu.contractYears ? 1 : 0;
    }
  }
}

export function simulatePath(w: Workspace, g: Rng, path: number, out: McResults): void {
  const inputs = w.inputs;
  const kernels = w.kernels;
  const stride = inputs.years + 1;
  const paths = out.paths;
  const flows = out.flowsUsd;
  w.draws.fillSteps(g);
  simulateMarket(w, g, path, out);
  for (let s = 0; s < kernels.length; s++) {
    const base = (s * paths + path) * stride;
    for (let y = 0; y < stride; y++) flows[base + y] = inputs.fixedFlowsUsd[s * stride + y]!;
    settlePath(kernels[s]!, w.market, w.scratch, flows, base);
    out.npvUsd[s * paths + path] = npvUsd(inputs.discountRatePerYear, flows, base, stride);
    out.irr[s * paths + path] = irrOf(flows, base, stride);
  }
}

/** The path's scenario into `w.market` (days and year sums); the year-end drivers into `out`. */
function simulateMarket(w: Workspace, g: Rng, path: number, out: McResults): void {
  const { btc, fees, chain, power, gpu, draws, market, today } = w;
  const { years, monthOfDay } = w.inputs;
  const { miningPerHashprice, gpuTrend, contractRepriced, feesBtcPerBlock } = w;
  const { priceUsdPerMWh, miningUsdPerMWh, contractIndex, spotIndex } = market;
  btc.reset();
  fees.reset();
  chain.reset();
  power.reset();
  gpu.reset();
  const drivers = out.drivers;
  const driverStride = out.paths * years;
  for (let y = 0; y < years; y++) {
    const first = y * DAYS_PER_YEAR;
    const end = first + DAYS_PER_YEAR;
    draws.fillBlock(g, first);
    fees.fill(draws, first, end, feesBtcPerBlock);
    power.fill(draws, first, end, monthOfDay, g, priceUsdPerMWh);
    gpu.fill(draws, first, end, gpuTrend, spotIndex);
    let hashpriceSum = 0;
    let priceSum = 0;
    let miningSum = 0;
    let contractSum = 0;
    let spotSum = 0;
    for (let d = first; d < end; d++) {
      btc.step(draws, d);
      today.feesBtcPerBlock = feesBtcPerBlock[d]!;
      chain.step(draws, d, btc, today);
      const hashprice = chain.hashpriceUsdPerPhDay;
      const mining = hashprice * miningPerHashprice[d]!;
      const spot = spotIndex[d]!;
      const contract = contractRepriced[d] === 1 ? spot : 1;
      miningUsdPerMWh[d] = mining;
      contractIndex[d] = contract;
      hashpriceSum += hashprice;
      priceSum += priceUsdPerMWh[d]!;
      miningSum += mining;
      contractSum += contract;
      spotSum += spot;
    }
    market.yearPriceUsdPerMWh[y] = priceSum;
    market.yearMiningUsdPerMWh[y] = miningSum;
    market.yearContractIndex[y] = contractSum;
    market.yearSpotIndex[y] = spotSum;
    // Order of DRIVERS in layout.ts.
    const at = path * years + y;
    drivers[at] = btc.priceUsd;
    drivers[driverStride + at] = chain.difficulty;
    drivers[2 * driverStride + at] = chain.height;
    drivers[3 * driverStride + at] = hashpriceSum / DAYS_PER_YEAR;
    drivers[4 * driverStride + at] = priceSum / DAYS_PER_YEAR;
    drivers[5 * driverStride + at] = spotSum / DAYS_PER_YEAR;
  }
}

/** Paths firstPath .. firstPath+count−1; `onProgress` gets the paths done so far, every `progressEvery` paths. */
export function simulateRange(
  inputs: McInputs,
  seed: number,
  firstPath: number,
  count: number,
  out: McResults,
  onProgress?: (done: number) => void,
  progressEvery = 50,
): void {
  const streams = new PathStreams(seed, firstPath);
  const w = new Workspace(inputs);
  for (let i = 0; i < count; i++) {
    simulatePath(w, streams.next(), firstPath + i, out);
    if (onProgress && ((i + 1) % progressEvery === 0 || i + 1 === count)) onProgress(i + 1);
  }
}
