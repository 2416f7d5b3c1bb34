/**
 * @module montecarlo/fee-model
 * Mean fees per block of each day: lognormal within a calm or an event regime, the regime a two-state Markov
 * chain fitted to the shipped history (calibrate-fees.ts). Days are independent within a regime. The fees
 * depend on nothing else in the scenario, so a block of days runs in its own loop (one inlined exp).
 */

import { type DayDraws, U_FEE_REGIME, Z_FEES } from './draws.ts';
import { fastExp } from './fast-exp.ts';
import type { McInputs } from './inputs.ts';

export class FeeModel {
  inEvent = false;

  constructor(private readonly p: McInputs['fees']) {}

  reset(): void {
    this.inEvent = false;
  }

  /** Days `from` .. `to` − 1 (within the drawn block) into `feesBtcPerBlock[day]`. */
  fill(draws: DayDraws, from: number, to: number, feesBtcPerBlock: Float64Array): void {
    const p = this.p;
    const { normals, uniforms, normalsPerDay, uniformsPerDay, firstDay } = draws;
    const { stayEventPerDay, enterEventPerDay, eventMeanLog, eventStdLog, calmMeanLog, calmStdLog } = p;
    let inEvent = this.inEvent;
    for (let day = from; day < to; day++) {
      const u = uniforms[(day - firstDay) * uniformsPerDay + U_FEE_REGIME]!;
      inEvent = u < (inEvent ? stayEventPerDay : enterEventPerDay);
      const z = normals[(day - firstDay) * normalsPerDay + Z_FEES]!;
      // One exp call site, so V8 inlines it once.
      const logFees = inEvent ? eventMeanLog + eventStdLog * z : calmMeanLog + calmStdLog * z;
      feesBtcPerBlock[day] = fastExp(logFees);
    }
    this.inEvent = inEvent;
  }
}
