/**
 * @module economics/ai/levers
 * What each power lever of a GPU server gives up per MWh it sheds (PROTOCOLS.md §3.2, §3.5): throughput falls
 * less than linearly with a power cap, so the first watts capped cost little; draining the jobs loses the whole
 * revenue of the busy watts plus the SLA penalty of the hours down. Throughput under a cap follows
 * `((P − idle) ÷ (rated − idle))^exponent` of full — an exponent below 1 is the sub-linear response; 1 is linear.
 */
import { requireNonNegative, requirePositive } from '../../units/guards.ts';

export interface GpuLeverInput {
  /** What the server earns per hour at full throughput, USD (GPUs × price per GPU-hour). */
  readonly revenueUsdPerHour: number;
  readonly ratedPowerW: number;
  /** Draw with the GPUs idle (drained), W. */
  readonly idlePowerW: number;
  /** Lowest cap the BMC takes, W. */
  readonly floorPowerW: number;
  /** Throughput exponent of the cap response, 0 < x ≤ 1 (e.g. 0.4). */
  readonly throughputExponent: number;
  /** Contract penalty per hour the server's jobs are stopped, USD. */
  readonly slaPenaltyUsdPerHour: number;
}

export interface GpuLeverCosts {
  /** Revenue lost per MWh shed by capping from rated to the floor. */
  readonly trimUsdPerMWh: number;
  /** Revenue and penalty lost per MWh shed by draining, from rated to idle. */
  readonly sleepUsdPerMWh: number;
}

export function gpuLeverCostsUsdPerMWh(input: GpuLeverInput): GpuLeverCosts {
  requireNonNegative('revenueUsdPerHour', input.revenueUsdPerHour, 'use GPUs × USD per GPU-hour, e.g. 16');
  requirePositive('ratedPowerW', input.ratedPowerW, 'use the server nameplate power, W');
  requireNonNegative('slaPenaltyUsdPerHour', input.slaPenaltyUsdPerHour, 'use 0 without a penalty');
  if (
    !(input.idlePowerW >= 0 && input.idlePowerW < input.floorPowerW && input.floorPowerW <= input.ratedPowerW)
  )
    throw new RangeError(
      `idlePowerW ${input.idlePowerW} < floorPowerW ${input.floorPowerW} ≤ ratedPowerW ${input.ratedPowerW} must hold; fix the GPU server's powers`,
    );
  if (!(input.throughputExponent > 0 && input.throughputExponent <= 1))
    throw new RangeError(`throughputExponent ${input.throughputExponent} must be in (0, 1]; e.g. 0.4`);
  const busyW = input.ratedPowerW - input.idlePowerW;
  const floorShare = (input.floorPowerW - input.idlePowerW) / busyW;
  const trimmedMW = (input.ratedPowerW - input.floorPowerW) / 1e6;
  const lostAtFloorUsdPerHour = input.revenueUsdPerHour * (1 - floorShare ** input.throughputExponent);
  return {
    // A floor at rated sheds nothing: that lever is worth infinitely much to keep.
    trimUsdPerMWh: trimmedMW > 0 ? lostAtFloorUsdPerHour / trimmedMW : Number.POSITIVE_INFINITY,
    sleepUsdPerMWh: (input.revenueUsdPerHour + input.slaPenaltyUsdPerHour) / (busyW / 1e6),
  };
}

/**
 * Share of full throughput a GPU server delivers drawing `powerW`: `((P − idle) ÷ (rated − idle))^exponent`,
 * clamped to 0..1 (at or under idle it does no work; above rated it does no more).
 */
export function gpuThroughputShare(input: {
  readonly powerW: number;
  readonly ratedPowerW: number;
  readonly idlePowerW: number;
  readonly throughputExponent: number;
}): number {
  requirePositive('ratedPowerW', input.ratedPowerW, 'use the server nameplate power, W');
  if (!(input.idlePowerW >= 0 && input.idlePowerW < input.ratedPowerW))
    throw new RangeError(
      `idlePowerW ${input.idlePowerW} must be in [0, ratedPowerW ${input.ratedPowerW}); fix the GPU server's powers`,
    );
  const busy = (input.powerW - input.idlePowerW) / (input.ratedPowerW - input.idlePowerW);
  return Math.min(1, Math.max(0, busy)) ** input.throughputExponent;
}
