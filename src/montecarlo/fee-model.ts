/**
 * @module montecarlo/fee-model
 * Mean fees per block of each day: lognormal within a calm or an event regime, the regime a two-state Markov
 * chain fitted to the shipped history (calibrate-fees.ts). Days are independent within a regime.
 */

import { type DayDraws, U_FEE_REGIME, Z_FEES } from './draws.ts';
import type { McInputs } from './inputs.ts';

export class FeeModel {
  feesBtcPerBlock = 0;
  inEvent = false;

  constructor(private readonly p: McInputs['fees']) {}

  reset(): void {
    this.inEvent = false;
  }

  step(draws: DayDraws, day: number): void {
    const p = this.p;
    const u = draws.uniforms[day * draws.uniformsPerDay + U_FEE_REGIME]!;
    this.inEvent = u < (this.inEvent ? p.stayEventPerDay : p.enterEventPerDay);
    const z = draws.normals[day * draws.normalsPerDay + Z_FEES]!;
    this.feesBtcPerBlock = this.inEvent
      ? Math.exp(p.eventMeanLog + p.eventStdLog * z)
      : Math.exp(p.calmMeanLog + p.calmStdLog * z);
  }
}
