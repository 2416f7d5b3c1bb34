/**
 * @module montecarlo/chain-model
 * The simulated chain, one day at a time (ECONOMICS.md §6.2, §6.6). Blocks found in a day ~ Poisson with mean
 * H·86400/(D·2^32), drawn by its normal approximation (mean ≈ 144, so the error is far below the noise) and
 * rounded to whole blocks. Heights are exact, so the subsidy halves at the halving height itself, even in the
 * middle of a day. Difficulty follows the retarget rule every 2016 blocks: the timespan is measured to the
 * epoch's last block (its time within the day taken as k/(N+1) of the day, the mean of the k-th of N uniform
 * arrivals), clamped to [T/4, 4T] as Core does; the new difficulty applies from the next day.
 *
 * Hashrate follows the partial adjustment ln H += a·Δ·(ln H*_{t−lag} − ln H) + σ√Δ·Z towards the hashrate H* at
 * which the marginal machine spends `m` of revenue on power, moved every HASHRATE_STEP_DAYS (14, one nominal
 * retarget epoch) rather than daily: one move equals 14 daily steps towards the mean H* of the 14 lagged days
 * (decay (1 − a/365)^14, the 14 shocks' variance summed), so the daily loop takes no log or exp. H* is kept
 * as a level in a running sum; only the move takes its log.
 */

import { MAINNET } from '../economics/bitcoin/chain.ts';
import { blockSubsidySats } from '../economics/bitcoin/subsidy.ts';
import type { BtcPriceModel } from './btc-model.ts';
import { type DayDraws, HASHRATE_STEP_DAYS, Z_BLOCKS } from './draws.ts';
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
  /** `subsidySats` in BTC, kept with it so a day divides by nothing. */
  private subsidyBtc = 0;
  /** Whether today's blocks straddled a halving (their mean subsidy is then between the two). */
  private halvedToday = false;
  nextHalvingHeight = 0;
  private blocksInEpoch = 0;
  private epochElapsedS = 0;
  private logHashrate = 0;
  // Cached until the hashrate or the difficulty moves: the day's expected blocks, their sd, hashprice per BTC.
  private expectedBlocks = 0;
  private blocksSd = 0;
  private hashpriceUsdPerBtcPerBlock = 0;
  /** Σ H*_i for i ≤ day (H* in H/s); days before day 0 count as day 0's H*, as if it had held all along. */
  private readonly equilibriumSumHs: Float64Array;
  private readonly targetTimespanS: number;
  private readonly blocksPerDayAtTarget: number;
  /** Per day: share of revenue spent on power ÷ the marginal machine's power cost per H/s-day (1/USD). */
  private readonly equilibriumHsPerUsd: Float64Array;
  /** (1 − a/365)^14: what is left of the gap to H* after one move. */
  private readonly stepKeep: number;
  /** sd of one move's noise: 14 daily shocks σ/√365, each decayed like the gap. */
  private readonly stepShock: number;

  constructor(
    private readonly p: McInputs['chain'],
    days: number,
  ) {
    this.equilibriumSumHs = new Float64Array(days);
    this.targetTimespanS = p.retargetBlocks * p.targetSpacingS;
    this.blocksPerDayAtTarget = SECONDS_PER_DAY / p.targetSpacingS;
    this.equilibriumHsPerUsd = Float64Array.from({ length: days }, (_, d) => {
      const efficiencyJPerTh = p.marginalFleetJPerTh * Math.exp((p.efficiencyTrendPerYear * (d + 0.5)) / 365);
      const costUsdPerHsDay =
        efficiencyJPerTh * MWH_PER_JPERTH_HS_DAY * p.marginalPue * p.marginalPowerUsdPerMWh;
      return p.powerShareOfRevenue / costUsdPerHsDay;
    });
    const keepPerDay = 1 - p.adjustmentPerYear / 365;
    let shockVariance = 0;
    for (let k = 0; k < HASHRATE_STEP_DAYS; k++) shockVariance += keepPerDay ** (2 * k);
    this.stepKeep = keepPerDay ** HASHRATE_STEP_DAYS;
    this.stepShock = (p.volatilityPerYear / Math.sqrt(365)) * Math.sqrt(shockVariance);
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
    this.subsidyBtc = this.subsidySats / SATS_PER_BTC;
    this.nextHalvingHeight =
      (Math.floor((p.startHeight + 1) / p.halvingIntervalBlocks) + 1) * p.halvingIntervalBlocks;
    this.refreshRates();
  }

  /** Reads today's price and mean fees per block from objects, so no double is boxed on the way in. */
  step(
    draws: DayDraws,
    day: number,
    btc: Pick<BtcPriceModel, 'priceUsd'>,
    fees: { readonly feesBtcPerBlock: number },
  ): void {
    const btcPriceUsd = btc.priceUsd;
    const feesBtcPerBlock = fees.feesBtcPerBlock;
    const z = draws.normals[(day - draws.firstDay) * draws.normalsPerDay + Z_BLOCKS]!;
    // floor(x + 0.5) is Math.round for these magnitudes, and V8 compiles it to one instruction (Math.round: ~7 ns).
    const blocks = Math.max(Math.floor(this.expectedBlocks + this.blocksSd * z + 0.5), 0);
    this.mine(blocks);
    const subsidyBtc = this.halvedToday ? this.subsidySatsToday / blocks / SATS_PER_BTC : this.subsidyBtc;
    this.hashpriceUsdPerPhDay =
      this.hashpriceUsdPerBtcPerBlock * (subsidyBtc + feesBtcPerBlock) * btcPriceUsd;
    // H* from the revenue of a day of blocks at the target spacing and the subsidy from tomorrow on.
    const revenueUsdPerDay = this.blocksPerDayAtTarget * (this.subsidyBtc + feesBtcPerBlock) * btcPriceUsd;
    const equilibriumHs = revenueUsdPerDay * this.equilibriumHsPerUsd[day]!;
    this.equilibriumSumHs[day] = (day > 0 ? this.equilibriumSumHs[day - 1]! : 0) + equilibriumHs;
    if (this.retarget(blocks)) this.refreshRates();
    if ((day + 1) % HASHRATE_STEP_DAYS === 0) this.moveHashrate(draws, day);
  }

  /** Heights height+1 .. height+blocks; those from the halving height on earn the halved subsidy. */
  private mine(blocks: number): void {
    const first = this.height + 1;
    const beforeHalving = Math.min(blocks, Math.max(0, this.nextHalvingHeight - first));
    this.subsidySatsToday = beforeHalving * this.subsidySats;
    this.halvedToday = beforeHalving < blocks;
    if (this.halvedToday) {
      const chain = { ...MAINNET, halvingIntervalBlocks: this.p.halvingIntervalBlocks };
      this.subsidySats = Number(blockSubsidySats(this.nextHalvingHeight, chain));
      this.subsidyBtc = this.subsidySats / SATS_PER_BTC;
      this.nextHalvingHeight += this.p.halvingIntervalBlocks;
      this.subsidySatsToday += (blocks - beforeHalving) * this.subsidySats;
    }
    this.height += blocks;
    this.blocksToday = blocks;
  }

  /** True when today closed an epoch (the difficulty changed). */
  private retarget(blocks: number): boolean {
    const p = this.p;
    if (this.blocksInEpoch + blocks < p.retargetBlocks) {
      this.blocksInEpoch += blocks;
      this.epochElapsedS += SECONDS_PER_DAY;
      return false;
    }
    const closing = p.retargetBlocks - this.blocksInEpoch;
    const dayShare = closing / (blocks + 1);
    const target = this.targetTimespanS;
    const span = Math.min(4 * target, Math.max(target / 4, this.epochElapsedS + dayShare * SECONDS_PER_DAY));
    this.difficulty *= target / span;
    this.blocksInEpoch = blocks - closing;
    this.epochElapsedS = (1 - dayShare) * SECONDS_PER_DAY;
    return true;
  }

  /** Σ H* over days ≤ k, extended before day 0 at day 0's H*. */
  private equilibriumSumTo(k: number): number {
    return k >= 0 ? this.equilibriumSumHs[k]! : (k + 1) * this.equilibriumSumHs[0]!;
  }

  /** Closes HASHRATE_STEP_DAYS of partial adjustment at the end of `day`, towards the lagged days' mean H*. */
  private moveHashrate(draws: DayDraws, day: number): void {
    const lagEnd = day - this.p.lagDays;
    const meanEquilibriumHs =
      (this.equilibriumSumTo(lagEnd) - this.equilibriumSumTo(lagEnd - HASHRATE_STEP_DAYS)) /
      HASHRATE_STEP_DAYS;
    const logTarget = Math.log(meanEquilibriumHs);
    const z = draws.stepNormals[((day + 1) / HASHRATE_STEP_DAYS - 1) | 0]!;
    this.logHashrate = logTarget + this.stepKeep * (this.logHashrate - logTarget) + this.stepShock * z;
    this.hashrateHs = Math.exp(this.logHashrate);
    this.refreshRates();
  }

  /** Refreshes what depends only on the hashrate and the difficulty. */
  private refreshRates(): void {
    this.expectedBlocks = (this.hashrateHs * SECONDS_PER_DAY) / (this.difficulty * TWO_POW_32);
    this.blocksSd = Math.sqrt(this.expectedBlocks);
    this.hashpriceUsdPerBtcPerBlock = (1e15 * SECONDS_PER_DAY) / (this.difficulty * TWO_POW_32);
  }
}
