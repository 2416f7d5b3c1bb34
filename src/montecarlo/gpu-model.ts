/**
 * @module montecarlo/gpu-model
 * GPU rental price relative to the site's quoted price (ECONOMICS.md §6.5): p_floor + (p0 − p_floor)·e^(−λa)
 * with `a` the age of the installed generation, times exp(noise), the noise an AR(1) in logs (regime-like
 * swings such as the 2025-26 rebound). At each GPU refresh the new generation starts again at p0. It depends on
 * nothing else in the scenario, so a block of days runs in its own loop (one inlined exp).
 */

import { type DayDraws, Z_GPU } from './draws.ts';
import { fastExp } from './fast-exp.ts';
import type { McInputs } from './inputs.ts';

export class GpuRentalModel {
  private logNoise = 0;

  constructor(private readonly p: McInputs['gpu']) {}

  /** The deterministic part at a generation age: floor + (1 − floor)·e^(−λa), relative to the start price. */
  trendAt(generationAgeYears: number): number {
    const floorShare = Math.min(1, this.p.floorUsdPerGpuHour / this.p.startUsdPerGpuHour);
    return floorShare + (1 - floorShare) * Math.exp(-this.p.declinePerYear * generationAgeYears);
  }

  reset(): void {
    this.logNoise = 0;
  }

  /**
   * Days `from` .. `to` − 1 (within the drawn block): the rental price ÷ the site's quoted price into
   * `index[day]`. `trendByDay` holds `trendAt` of each day's generation age (tabulated once per run).
   */
  fill(draws: DayDraws, from: number, to: number, trendByDay: Float64Array, index: Float64Array): void {
    const { noisePersistencePerDay, noiseShockPerDay } = this.p;
    const { normals, normalsPerDay, firstDay } = draws;
    let logNoise = this.logNoise;
    for (let day = from; day < to; day++) {
      const z = normals[(day - firstDay) * normalsPerDay + Z_GPU]!;
      logNoise = noisePersistencePerDay * logNoise + noiseShockPerDay * z;
      index[day] = trendByDay[day]! * fastExp(logNoise);
    }
    this.logNoise = logNoise;
  }
}
