/**
 * @module montecarlo/btc-model
 * Daily BTC price (ECONOMICS.md §6.1). GBM: S·exp((μ − σ²/2)Δ + σ√Δ·Z) with Δ = 1/365. Stationary block
 * bootstrap (Politis & Romano 1994): each day either starts a new block at a random shipped return (probability
 * 1/meanBlockDays) or takes the next return of the current block, wrapping round, so block lengths are
 * geometric and the resampled series keeps volatility clustering and fat tails.
 */

import { type DayDraws, U_BTC_INDEX, U_BTC_NEW_BLOCK, Z_BTC } from './draws.ts';
import type { McInputs } from './inputs.ts';

export class BtcPriceModel {
  priceUsd = 0;
  logReturn = 0;
  /** Index of the shipped return used today (bootstrap only). */
  sourceIndex = -1;
  private readonly gbmDriftPerDay: number;
  private readonly gbmShockPerDay: number;
  private readonly newBlockProbability: number;

  constructor(private readonly p: McInputs['btc']) {
    this.gbmDriftPerDay = (p.driftPerYear - p.volatilityPerYear ** 2 / 2) / 365;
    this.gbmShockPerDay = p.volatilityPerYear / Math.sqrt(365);
    this.newBlockProbability = 1 / p.meanBlockDays;
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
        this.gbmDriftPerDay + this.gbmShockPerDay * draws.normals[day * draws.normalsPerDay + Z_BTC]!;
    } else {
      const n = p.logReturns.length;
      const u = day * draws.uniformsPerDay;
      if (this.sourceIndex < 0 || draws.uniforms[u + U_BTC_NEW_BLOCK]! < this.newBlockProbability) {
        this.sourceIndex = Math.floor(draws.uniforms[u + U_BTC_INDEX]! * n);
      } else {
        this.sourceIndex = this.sourceIndex + 1 === n ? 0 : this.sourceIndex + 1;
      }
      this.logReturn = p.logReturns[this.sourceIndex]! + p.shiftPerDay;
    }
    this.priceUsd *= Math.exp(this.logReturn);
  }
}
