/**
 * @module montecarlo/btc-model
 * Daily BTC price (ECONOMICS.md §6.1). GBM: S·exp((μ − σ²/2)Δ + σ√Δ·Z) with Δ = 1/365. Stationary block
 * bootstrap (Politis & Romano 1994): each day either starts a new block at a random shipped return (probability
 * 1/meanBlockDays) or takes the next return of the current block, wrapping round, so block lengths are
 * geometric and the resampled series keeps volatility clustering and fat tails.
 */

import { type DayDraws, U_BTC_BLOCK, Z_BTC } from './draws.ts';
import { fastExp } from './fast-exp.ts';
import type { McInputs } from './inputs.ts';

export class BtcPriceModel {
  priceUsd = 0;
  logReturn = 0;
  /** Index of the shipped return used today (bootstrap only). */
  sourceIndex = -1;
  private readonly gbmDriftPerDay: number;
  private readonly gbmShockPerDay: number;
  private readonly newBlockProbability: number;
  /** `n / newBlockProbability`: maps a uniform below the probability onto a start index (see `step`). */
  private readonly startScale: number;
  /** exp of each shifted shipped return: the bootstrap's daily growth factor, so a day takes no `Math.exp`. */
  private readonly growth: Float64Array;

  constructor(private readonly p: McInputs['btc']) {
    this.gbmDriftPerDay = (p.driftPerYear - p.volatilityPerYear ** 2 / 2) / 365;
    this.gbmShockPerDay = p.volatilityPerYear / Math.sqrt(365);
    this.newBlockProbability = 1 / p.meanBlockDays;
    this.startScale = p.logReturns.length / this.newBlockProbability;
    this.growth = p.logReturns.map((r) => Math.exp(r + p.shiftPerDay));
  }

  reset(): void {
    this.priceUsd = this.p.startUsd;
    this.logReturn = 0;
    this.sourceIndex = -1;
  }

  step(draws: DayDraws, day: number): void {
    const p = this.p;
    if (p.model === 0) {
      this.logReturn =
        this.gbmDriftPerDay +
        this.gbmShockPerDay * draws.normals[(day - draws.firstDay) * draws.normalsPerDay + Z_BTC]!;
      this.priceUsd *= fastExp(this.logReturn);
      return;
    }
    const n = this.growth.length;
    const u = draws.uniforms[(day - draws.firstDay) * draws.uniformsPerDay + U_BTC_BLOCK]!;
    if (this.sourceIndex < 0) {
      this.sourceIndex = Math.min(n - 1, Math.floor(u * n));
    } else if (u < this.newBlockProbability) {
      // One uniform decides and places: given u < q it is uniform on (0, q), so u/q picks the start uniformly
      // (2^32·q grid points, millions for any sensible mean block length, against ~1,500 returns).
      this.sourceIndex = Math.min(n - 1, Math.floor(u * this.startScale));
    } else {
      this.sourceIndex = this.sourceIndex + 1 === n ? 0 : this.sourceIndex + 1;
    }
    this.logReturn = p.logReturns[this.sourceIndex]! + p.shiftPerDay;
    this.priceUsd *= this.growth[this.sourceIndex]!;
  }
}
