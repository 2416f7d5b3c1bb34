/**
 * @module montecarlo/power-model
 * Daily mean real-time price: seasonal monthly level + AR(1) deviation (the daily OU) + one-day lognormal
 * spikes, clamped to [floor, offer cap] (calibrate-power.ts). Daily granularity: intraday shape is not
 * simulated, so curtailing a few expensive hours inside a day is outside what this model can value.
 */

import { type DayDraws, U_SPIKE, Z_POWER } from './draws.ts';
import type { McInputs } from './inputs.ts';
import { standardNormal } from './normal.ts';
import type { Rng } from './rng.ts';

export class PowerPriceModel {
  priceUsdPerMWh = 0;
  deviationUsdPerMWh = 0;

  constructor(private readonly p: McInputs['power']) {}

  reset(): void {
    this.deviationUsdPerMWh = 0;
  }

  /** `g` gives the spike size on the rare spike days (drawn after the path's bulk draws, so still per path). */
  step(draws: DayDraws, day: number, month: number, g: Rng): void {
    const p = this.p;
    const z = draws.normals[(day - draws.firstDay) * draws.normalsPerDay + Z_POWER]!;
    this.deviationUsdPerMWh = p.dailyPersistence * this.deviationUsdPerMWh + p.dailyShockUsdPerMWh * z;
    let price = p.monthlyMeanUsdPerMWh[month]! + this.deviationUsdPerMWh;
    if (draws.uniforms[(day - draws.firstDay) * draws.uniformsPerDay + U_SPIKE]! < p.spikeProbabilityPerDay) {
      price += Math.exp(p.spikeMeanLog + p.spikeStdLog * standardNormal(g));
    }
    this.priceUsdPerMWh = Math.min(p.capUsdPerMWh, Math.max(price, p.floorUsdPerMWh));
  }
}
