/**
 * @module montecarlo/power-model
 * Daily mean real-time price: seasonal monthly level + AR(1) deviation (the daily OU) + one-day lognormal
 * spikes, clamped to [floor, offer cap] (calibrate-power.ts). Daily granularity: intraday shape is not
 * simulated, so curtailing a few expensive hours inside a day is outside what this model can value. The price
 * depends on nothing else in the scenario, so a block of days runs in its own loop.
 */

import { type DayDraws, U_SPIKE, Z_POWER } from './draws.ts';
import type { McInputs } from './inputs.ts';
import { standardNormal } from './normal.ts';
import type { Rng } from './rng.ts';

export class PowerPriceModel {
  deviationUsdPerMWh = 0;

  constructor(private readonly p: McInputs['power']) {}

  reset(): void {
    this.deviationUsdPerMWh = 0;
  }

  /**
   * Days `from` .. `to` − 1 (within the drawn block) into `priceUsdPerMWh[day]`. `g` gives the spike size on the
   * rare spike days, in day order (drawn after the block's bulk draws, so still per path).
   */
  fill(
    draws: DayDraws,
    from: number,
    to: number,
    monthOfDay: Uint8Array,
    g: Rng,
    priceUsdPerMWh: Float64Array,
  ): void {
    const p = this.p;
    const { dailyPersistence, dailyShockUsdPerMWh, monthlyMeanUsdPerMWh, spikeProbabilityPerDay } = p;
    const { capUsdPerMWh, floorUsdPerMWh } = p;
    const { normals, uniforms, normalsPerDay, uniformsPerDay, firstDay } = draws;
    let deviation = this.deviationUsdPerMWh;
    for (let day = from; day < to; day++) {
      const z = normals[(day - firstDay) * normalsPerDay + Z_POWER]!;
      deviation = dailyPersistence * deviation + dailyShockUsdPerMWh * z;
      let price = monthlyMeanUsdPerMWh[monthOfDay[day]!]! + deviation;
      if (uniforms[(day - firstDay) * uniformsPerDay + U_SPIKE]! < spikeProbabilityPerDay) {
        price += Math.exp(p.spikeMeanLog + p.spikeStdLog * standardNormal(g));
      }
      priceUsdPerMWh[day] = Math.min(capUsdPerMWh, Math.max(price, floorUsdPerMWh));
    }
    this.deviationUsdPerMWh = deviation;
  }
}
