/**
 * @module montecarlo/engine
 * The daily path loop: draw one day of every stochastic input, dispatch every strategy on it, accumulate annual
 * cash flows, then value each strategy's flows. Everything a path needs is allocated once per worker (the
 * `Workspace`); a path day allocates nothing. Path p always draws from `rngFor(seed, p)`, whatever range a
 * worker was given, so results do not depend on the thread count.
 */
import { BtcPriceModel } from './btc-model.ts';
import { lastRefreshYear } from './capex.ts';
import { ChainModel } from './chain-model.ts';
import { DayMarket, DayOutcome, StrategyKernel } from './dispatch.ts';
import { DayDraws } from './draws.ts';
import { FeeModel } from './fee-model.ts';
import { irrOf, npvUsd } from './finance.ts';
import { GpuRentalModel } from './gpu-model.ts';
import type { McInputs } from './inputs.ts';
import type { McResults } from './layout.ts';
import { PowerPriceModel } from './power-model.ts';
import { PathStreams, type Rng } from './rng.ts';

/** MWh per PH/s-day at 1 J/TH: 1e3 TH × 24 h ÷ 1e6. */
const MWH_PER_PH_DAY_PER_JPERTH = 0.024;

export class Workspace {
  readonly btc: BtcPriceModel;
  readonly fees: FeeModel;
  readonly chain: ChainModel;
  readonly power: PowerPriceModel;
  readonly gpu: GpuRentalModel;
  readonly kernels: StrategyKernel[];
  readonly outcome = new DayOutcome();
  readonly market = new DayMarket();
  readonly draws: DayDraws;
  /** Per day: mining revenue per IT MWh per unit of hashprice (the fleet generation installed that day). */
  readonly miningPerHashprice: Float64Array;
  readonly gpuTrend: Float64Array;
  readonly contractRepriced: Uint8Array;

  constructor(readonly inputs: McInputs) {
    this.btc = new BtcPriceModel(inputs.btc);
    this.fees = new FeeModel(inputs.fees);
    this.chain = new ChainModel(inputs.chain, inputs.days);
    this.power = new PowerPriceModel(inputs.power);
    this.gpu = new GpuRentalModel(inputs.gpu);
    this.kernels = inputs.sites.map((site) => new StrategyKernel(site));
    const gbm = inputs.btc.model === 0;
    this.draws = new DayDraws(inputs.days, gbm ? 6 : 5, gbm ? 2 : 4);
    const { days, years, mining, gpu } = inputs;
    this.miningPerHashprice = new Float64Array(days);
    this.gpuTrend = new Float64Array(days);
    this.contractRepriced = new Uint8Array(days);
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
  const { btc, fees, chain, power, gpu, outcome, market, draws } = w;
  const kernels = w.kernels;
  const strategies = kernels.length;
  const years = inputs.years;
  const stride = years + 1;
  const paths = out.paths;
  const flows = out.flowsUsd;
  const drivers = out.drivers;
  draws.fill(g);
  btc.reset();
  fees.reset();
  chain.reset();
  power.reset();
  gpu.reset();
  for (let s = 0; s < strategies; s++) {
    kernels[s]!.reset();
    const base = (s * paths + path) * stride;
    for (let y = 0; y <= years; y++) flows[base + y] = inputs.fixedFlowsUsd[s * stride + y]!;
  }
  let hashpriceSum = 0;
  let electricitySum = 0;
  let gpuSum = 0;
  for (let d = 0; d < inputs.days; d++) {
    const year = (d / 365) | 0;
    btc.step(draws, d);
    fees.step(draws, d);
    chain.step(draws, d, btc, fees);
    power.step(draws, d, inputs.monthOfDay[d]!, g);
    gpu.step(draws, d, w.gpuTrend);
    market.priceUsdPerMWh = power.priceUsdPerMWh;
    market.miningUsdPerMWh = chain.hashpriceUsdPerPhDay * w.miningPerHashprice[d]!;
    market.contractIndex = w.contractRepriced[d] === 1 ? gpu.index : 1;
    market.spotIndex = gpu.index;
    for (let s = 0; s < strategies; s++) {
      kernels[s]!.day(market, outcome);
      flows[(s * paths + path) * stride + year + 1]! += outcome.valueUsd;
    }
    hashpriceSum += chain.hashpriceUsdPerPhDay;
    electricitySum += power.priceUsdPerMWh;
    gpuSum += gpu.index;
    if ((d + 1) % 365 === 0) {
      // Order of DRIVERS in layout.ts.
      const at = path * years + year;
      const driverStride = paths * years;
      drivers[at] = btc.priceUsd;
      drivers[driverStride + at] = chain.difficulty;
      drivers[2 * driverStride + at] = chain.height;
      drivers[3 * driverStride + at] = hashpriceSum / 365;
      drivers[4 * driverStride + at] = electricitySum / 365;
      drivers[5 * driverStride + at] = gpuSum / 365;
      hashpriceSum = 0;
      electricitySum = 0;
      gpuSum = 0;
    }
  }
  for (let s = 0; s < strategies; s++) {
    const base = (s * paths + path) * stride;
    out.npvUsd[s * paths + path] = npvUsd(inputs.discountRatePerYear, flows, base, stride);
    out.irr[s * paths + path] = irrOf(flows, base, stride);
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
