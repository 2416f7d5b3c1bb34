/**
 * @module montecarlo/fee-model
 * Mean fees per block of each day: lognormal within a calm or an event regime, the regime a two-state Markov
 * chain fitted to the shipped history (calibrate-fees.ts). Days are independent within a regime.
 */

import { type DayDraws, U_FEE_REGIME, Z_FEES } from './draws.ts';
import { fastExp } from './fast-exp.ts';
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
    const u = draws.uniforms[(day - draws.firstDay) * draws.uniformsPerDay + U_FEE_REGIME]!;
    const inEvent = u < (this.inEvent ? p.stayEventPerDay : p.enterEventPerDay);
    this.inEvent = inEvent;
    const z = draws.normals[(day - draws.firstDay) * draws.normalsPerDay + Z_FEES]!;
    // One exp call site, so V8 inlines it once.
    const logFees = inEvent ? p.eventMeanLog + p.eventStdLog * z : p.calmMeanLog + p.calmStdLog * z;
    this.feesBtcPerBlock = fastExp(logFees);
  }
}
