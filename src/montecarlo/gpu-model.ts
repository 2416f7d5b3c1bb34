/**
 * @module montecarlo/gpu-model
 * GPU rental price relative to the site's quoted price (ECONOMICS.md §6.5): p_floor + (p0 − p_floor)·e^(−λa)
 * with `a` the age of the installed generation, times exp(noise), the noise an AR(1) in logs (regime-like
 * swings such as the 2025-26 rebound). At each GPU refresh the new generation starts again at p0.
 */

import { type DayDraws, Z_GPU } from './draws.ts';
import { fastExp } from './fast-exp.ts';
import type { McInputs } from './inputs.ts';

export class GpuRentalModel {
  /** Today's rental price ÷ the site's quoted price. */
  index = 1;
  private logNoise = 0;

  constructor(private readonly p: McInputs['gpu']) {}

  /** The deterministic part at a generation age: floor + (1 − floor)·e^(−λa), relative to the start price. */
  trendAt(generationAgeYears: number): number {
    const floorShare = Math.min(1, this.p.floorUsdPerGpuHour / this.p.startUsdPerGpuHour);
    return floorShare + (1 - floorShare) * Math.exp(-this.p.declinePerYear * generationAgeYears);
  }

  reset(): void {
    this.logNoise = 0;
    this.index = 1;
  }

  /** `trendByDay` holds `trendAt` of each day's generation age (tabulated once per run). */
  step(draws: DayDraws, day: number, trendByDay: Float64Array): void {
    const p = this.p;
    const z = draws.normals[(day - draws.firstDay) * draws.normalsPerDay + Z_GPU]!;
    this.logNoise = p.noisePersistencePerDay * this.logNoise + p.noiseShockPerDay * z;
    this.index = trendByDay[day]! * fastExp(this.logNoise);
  }
}
