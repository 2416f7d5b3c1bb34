/**
 * @module montecarlo/chain-model
 * The simulated chain, one day at a time (ECONOMICS.md §6.2, §6.6). Blocks found in a day ~ Poisson with mean
 * H·86400/(D·2^32), drawn by its normal approximation (mean ≈ 144, so the error is far below the noise) and
 * rounded to whole blocks. Heights are exact, so the subsidy halves at the halving height itself, even in the
 * middle of a day. Difficulty follows the retarget rule every 2016 blocks: the timespan is measured to the
 * epoch's last block (its time within the day taken as k/(N+1) of the day, the mean of the k-th of N uniform
 * arrivals), clamped to [T/4, 4T] as Core does; the new difficulty applies from the next day. Hashrate follows
 * the partial adjustment ln H += a·Δ·(ln H*_{t−lag} − ln H) + σ√Δ·Z towards the hashrate at which the marginal
 * machine spends `m` of revenue on power.
 */

import { MAINNET } from '../economics/bitcoin/chain.ts';
import { blockSubsidySats } from '../economics/bitcoin/subsidy.ts';
import type { BtcPriceModel } from './btc-model.ts';
import { type DayDraws, Z_BLOCKS, Z_HASHRATE } from './draws.ts';
import type { FeeModel } from './fee-model.ts';
import type { McInputs } from './inputs.ts';

const TWO_POW_32 = 2 ** 32;
const SECONDS_PER_DAY = 86_400;
const SATS_PER_BTC = 1e8;
/** J per H/s-day → MWh: J/TH × 1e-12 TH/H × 86400 s ÷ 3.6e9 J/MWh. */
const MWH_PER_JPERTH_HS_DAY = (1e-12 * SECONDS_PER_DAY) / 3.6e9;

export class ChainModel {
  height = 0;
  difficulty = 0;
  hashrateHs = 0;
  blocksToday = 0;
  /** Sum of the subsidies of today's blocks, in satoshis (exact: every term is a whole number below 2^53). */
  subsidySatsToday = 0;
  /** What 1 PH/s earned today on the day's difficulty (FPPS pays on difficulty, not on luck), USD. */
  hashpriceUsdPerPhDay = 0;
  subsidySats = 0;
  nextHalvingHeight = 0;
  private blocksInEpoch = 0;
  private epochElapsedS = 0;
  private lagIndex = 0;
  private lagFilled = false;
  private logHashrate = 0;
  private readonly lagLogHashrate: Float64Array;
  private readonly targetTimespanS: number;
  /** Per day: ln of the marginal machine's power cost per H/s-day, USD (its J/TH improves with the trend). */
  private readonly logCostUsdPerHsDay: Float64Array;

  constructor(
    private readonly p: McInputs['chain'],
    days: number,
  ) {
    this.lagLogHashrate = new Float64Array(Math.max(1, p.lagDays));
    this.targetTimespanS = p.retargetBlocks * p.targetSpacingS;
    this.logCostUsdPerHsDay = Float64Array.from({ length: days }, (_, d) => {
      const efficiencyJPerTh = p.marginalFleetJPerTh * Math.exp((p.efficiencyTrendPerYear * (d + 0.5)) / 365);
      return Math.log(efficiencyJPerTh * MWH_PER_JPERTH_HS_DAY * p.marginalPue * p.marginalPowerUsdPerMWh);
    });
  }

  reset(): void {
    const p = this.p;
    this.height = p.startHeight;
    this.difficulty = p.startDifficulty;
    this.hashrateHs = p.startHashrateHs;
    this.logHashrate = Math.log(p.startHashrateHs);
    this.blocksInEpoch = p.blocksInEpoch;
    this.epochElapsedS = p.epochElapsedS;
    const chain = { ...MAINNET, halvingIntervalBlocks: p.halvingIntervalBlocks };
    this.subsidySats = Number(blockSubsidySats(p.startHeight + 1, chain));
    this.nextHalvingHeight =
      (Math.floor((p.startHeight + 1) / p.halvingIntervalBlocks) + 1) * p.halvingIntervalBlocks;
    this.lagIndex = 0;
    this.lagFilled = false;
  }

  /** Reads today's price and fees from their models (objects, so no double is boxed on the way in). */
  step(
    draws: DayDraws,
    day: number,
    btc: Pick<BtcPriceModel, 'priceUsd'>,
    fees: Pick<FeeModel, 'feesBtcPerBlock'>,
  ): void {
    const btcPriceUsd = btc.priceUsd;
    const feesBtcPerBlock = fees.feesBtcPerBlock;
    const z = draws.normals[day * draws.normalsPerDay + Z_BLOCKS]!;
    const expectedBlocks = (this.hashrateHs * SECONDS_PER_DAY) / (this.difficulty * TWO_POW_32);
    const drawn = Math.round(expectedBlocks + Math.sqrt(expectedBlocks) * z);
    const blocks = Math.max(drawn, 0);
    this.mine(blocks);
    const subsidyBtc =
      blocks > 0 ? this.subsidySatsToday / blocks / SATS_PER_BTC : this.subsidySats / SATS_PER_BTC;
    this.hashpriceUsdPerPhDay =
      ((1e15 * SECONDS_PER_DAY) / (this.difficulty * TWO_POW_32)) *
      (subsidyBtc + feesBtcPerBlock) *
      btcPriceUsd;
    this.retarget(blocks);
    this.adjustHashrate(draws, day, btc, fees);
  }

  /** Heights height+1 .. height+blocks; those from the halving height on earn the halved subsidy. */
  private mine(blocks: number): void {
    const first = this.height + 1;
    const beforeHalving = Math.min(blocks, Math.max(0, this.nextHalvingHeight - first));
    this.subsidySatsToday = beforeHalving * this.subsidySats;
    if (beforeHalving < blocks) {
      const chain = { ...MAINNET, halvingIntervalBlocks: this.p.halvingIntervalBlocks };
      this.subsidySats = Number(blockSubsidySats(this.nextHalvingHeight, chain));
      this.nextHalvingHeight += this.p.halvingIntervalBlocks;
      this.subsidySatsToday += (blocks - beforeHalving) * this.subsidySats;
    }
    this.height += blocks;
    this.blocksToday = blocks;
  }

  private retarget(blocks: number): void {
    const p = this.p;
    if (this.blocksInEpoch + blocks < p.retargetBlocks) {
      this.blocksInEpoch += blocks;
      this.epochElapsedS += SECONDS_PER_DAY;
      return;
    }
    const closing = p.retargetBlocks - this.blocksInEpoch;
    const dayShare = closing / (blocks + 1);
    const target = this.targetTimespanS;
    const span = Math.min(4 * target, Math.max(target / 4, this.epochElapsedS + dayShare * SECONDS_PER_DAY));
    this.difficulty *= target / span;
    this.blocksInEpoch = blocks - closing;
    this.epochElapsedS = (1 - dayShare) * SECONDS_PER_DAY;
  }

  private adjustHashrate(
    draws: DayDraws,
    day: number,
    btc: Pick<BtcPriceModel, 'priceUsd'>,
    fees: Pick<FeeModel, 'feesBtcPerBlock'>,
  ): void {
    const p = this.p;
    const btcPriceUsd = btc.priceUsd;
    const feesBtcPerBlock = fees.feesBtcPerBlock;
    const revenueUsdPerDay =
      (SECONDS_PER_DAY / p.targetSpacingS) *
      (this.subsidySats / SATS_PER_BTC + feesBtcPerBlock) *
      btcPriceUsd;
    const logEquilibrium = Math.log(revenueUsdPerDay * p.powerShareOfRevenue) - this.logCostUsdPerHsDay[day]!;
    const ring = this.lagLogHashrate;
    if (!this.lagFilled) {
      ring.fill(logEquilibrium);
      this.lagFilled = true;
    }
    const lagged = p.lagDays > 0 ? ring[this.lagIndex]! : logEquilibrium;
    ring[this.lagIndex] = logEquilibrium;
    this.lagIndex = this.lagIndex + 1 === ring.length ? 0 : this.lagIndex + 1;
    this.logHashrate +=
      (p.adjustmentPerYear / 365) * (lagged - this.logHashrate) +
      (p.volatilityPerYear / Math.sqrt(365)) * draws.normals[day * draws.normalsPerDay + Z_HASHRATE]!;
    this.hashrateHs = Math.exp(this.logHashrate);
  }
}
