/**
 * @module drivers/gpu-redfish/mapping
 * Pure mapping between decoded Redfish resources and the GPU-server nature: power readings of each schema
 * generation, the cap a Control or a legacy `PowerLimit` shows, the PATCH bodies that set one, and the reset
 * types a system lists. Every gap that would put a NaN or a guess into a reading ends in a `ProtocolError`.
 */
import type { z } from 'zod';
import { ProtocolError } from '../../errors.ts';
import type { GpuPowerState, GpuServerReading } from '../natures.ts';
import {
  type actionInfoSchema,
  type controlSchema,
  DEFAULT_RESET_TYPES,
  type environmentMetricsSchema,
  type legacyPowerSchema,
  type powerSupplyMetricsSchema,
  type RedfishContext,
  type resetActionSchema,
  type sensorSchema,
  type systemSchema,
} from './codec.ts';

export type SystemBody = z.output<typeof systemSchema>;
export type EnvironmentMetricsBody = z.output<typeof environmentMetricsSchema>;
export type PowerSupplyMetricsBody = z.output<typeof powerSupplyMetricsSchema>;
export type SensorBody = z.output<typeof sensorSchema>;
export type ControlBody = z.output<typeof controlSchema>;
export type LegacyPowerBody = z.output<typeof legacyPowerSchema>;
export type ResetActionBody = z.output<typeof resetActionSchema>;
export type ActionInfoBody = z.output<typeof actionInfoSchema>;

export interface PowerRangeW {
  readonly minW: number;
  readonly maxW: number;
}

function fail(ctx: RedfishContext, problem: string): never {
  throw new ProtocolError(ctx.device, ctx.command, problem, '');
}

const POWER_STATE: Record<SystemBody['PowerState'], GpuPowerState> = {
  On: 'on',
  Off: 'off',
  PoweringOn: 'powering-on',
  PoweringOff: 'powering-off',
  Paused: 'paused',
};

const HEALTH: Record<NonNullable<NonNullable<SystemBody['Status']>['Health']>, GpuServerReading['health']> = {
  OK: 'ok',
  Warning: 'warning',
  Critical: 'critical',
};

export function toGpuServerReading(
  system: SystemBody,
  powerW: number,
  powerLimitW: number | null,
): GpuServerReading {
  const health = system.Status?.Health;
  return {
    powerState: POWER_STATE[system.PowerState],
    powerW,
    powerLimitW,
    health: health === undefined || health === null ? null : HEALTH[health],
    model: system.Model ?? null,
  };
}

/** `Automatic`, `Override` and `Manual` all enforce the set point; only `Disabled` (or no set point) does not. */
function capActive(controlMode: string | null | undefined, setPoint: number | null | undefined): boolean {
  return typeof setPoint === 'number' && controlMode !== 'Disabled';
}

export function environmentPowerW(body: EnvironmentMetricsBody, ctx: RedfishContext): number {
  const reading = body.PowerWatts?.Reading;
  return typeof reading === 'number' ? reading : fail(ctx, 'EnvironmentMetrics has no PowerWatts.Reading');
}

/** The cap `PowerLimitWatts` shows; undefined when the resource carries no such excerpt. */
export function environmentLimitW(body: EnvironmentMetricsBody): number | null | undefined {
  const limit = body.PowerLimitWatts;
  if (limit === undefined) return undefined;
  return capActive(limit.ControlMode, limit.SetPoint) ? (limit.SetPoint as number) : null;
}

/** Chassis input = the sum of every power supply's input; a supply without a reading is a failed read. */
export function psuInputSumW(bodies: readonly PowerSupplyMetricsBody[], ctx: RedfishContext): number {
  if (bodies.length === 0) fail(ctx, 'no power supply metrics to sum');
  let sumW = 0;
  for (const body of bodies) {
    const reading = body.InputPowerWatts?.Reading;
    if (typeof reading !== 'number') fail(ctx, 'a power supply has no InputPowerWatts.Reading');
    sumW += reading;
  }
  return sumW;
}

/** Whether a Sensor is a chassis-level power reading (as opposed to one supply's or one CPU's). */
export function isTotalPowerSensor(sensor: SensorBody): boolean {
  return (
    sensor.ReadingType === 'Power' &&
    (sensor.ElectricalContext === 'Total' || sensor.PhysicalContext === 'Chassis')
  );
}

export function sensorPowerW(sensor: SensorBody, ctx: RedfishContext): number {
  if (sensor.ReadingUnits !== undefined && sensor.ReadingUnits !== null && sensor.ReadingUnits !== 'W') {
    fail(ctx, `power sensor reads in "${sensor.ReadingUnits}", not W`);
  }
  const reading = sensor.Reading;
  if (typeof reading !== 'number' || reading < 0) fail(ctx, 'power sensor has no non-negative Reading');
  return reading;
}

export function legacyPowerW(body: LegacyPowerBody, ctx: RedfishContext): number {
  const consumed = body.PowerControl?.[0]?.PowerConsumedWatts;
  return typeof consumed === 'number'
    ? consumed
    : fail(ctx, 'Power has no PowerControl[0].PowerConsumedWatts');
}

/** `LimitInWatts: null` (or no `PowerLimit`) means capping is disabled. */
export function legacyLimitW(body: LegacyPowerBody): number | null {
  return body.PowerControl?.[0]?.PowerLimit?.LimitInWatts ?? null;
}

export function hasLegacyLimit(body: LegacyPowerBody): boolean {
  return body.PowerControl?.[0]?.PowerLimit !== undefined;
}

/** The maximum chassis input a legacy `Power` states, W: a reference for percent set points. */
export function legacyCapacityW(body: LegacyPowerBody): number | null {
  return body.PowerControl?.[0]?.PowerCapacityWatts ?? null;
}

/**
 * Watts per `SetPoint` unit: 1 for `W` (some BMCs write `Watt`; absent counts as watts for a power Control),
 * `referenceW / 100` for `%` (NVIDIA BlueField), where the reference is the chassis maximum in watts that the
 * service states elsewhere. Null when the control is in percent and no such maximum is known: its set point
 * cannot be turned into watts, and guessing one would cap the server at the wrong level.
 */
export function wattsPerUnit(
  control: ControlBody,
  referenceW: number | null,
  ctx: RedfishContext,
): number | null {
  const units = control.SetPointUnits;
  if (units === undefined || units === null || units === 'W' || units === 'Watt' || units === 'Watts')
    return 1;
  if (units === '%') return referenceW !== null && referenceW > 0 ? referenceW / 100 : null;
  return fail(ctx, `Control ${control.Id} has SetPointUnits "${units}"; only W and % are understood`);
}

export function controlLimitW(control: ControlBody, perUnitW: number): number | null {
  return capActive(control.ControlMode, control.SetPoint) ? (control.SetPoint as number) * perUnitW : null;
}

export function controlRangeW(control: ControlBody, perUnitW: number): PowerRangeW | null {
  const { AllowableMin: min, AllowableMax: max } = control;
  if (typeof min !== 'number' || typeof max !== 'number' || min > max) return null;
  return { minW: min * perUnitW, maxW: max * perUnitW };
}

/**
 * The `SetPoint` to send for a cap of `powerW`: clamped to the Control's allowable range, whole watts, or
 * tenths of a percent.
 */
export function capSetPoint(powerW: number, control: ControlBody, perUnitW: number): number {
  const decimals = perUnitW === 1 ? 0 : 1;
  let setPoint = Number((powerW / perUnitW).toFixed(decimals));
  if (typeof control.AllowableMax === 'number') setPoint = Math.min(setPoint, control.AllowableMax);
  if (typeof control.AllowableMin === 'number') setPoint = Math.max(setPoint, control.AllowableMin);
  return setPoint;
}

export const controlCapPatch = (setPoint: number) => ({ SetPoint: setPoint, ControlMode: 'Manual' });
/** Both properties together: Lenovo XCC answers 400 to a `Disabled` mode with a set point left in place. */
export const CONTROL_UNCAP_PATCH = { SetPoint: null, ControlMode: 'Disabled' } as const;

/** `LogEventOnly`: the BMC enforces the limit and logs a breach; `HardPowerOff` would cut a training run. */
export const legacyCapPatch = (limitW: number | null) => ({
  PowerControl: [{ PowerLimit: { LimitInWatts: limitW, LimitException: 'LogEventOnly' } }],
});

/** The `ResetType` values a system accepts: its inline list, else its ActionInfo's, else the safe default. */
export function resetTypesOf(action: ResetActionBody, actionInfo: ActionInfoBody | null): readonly string[] {
  const inline = action['ResetType@Redfish.AllowableValues'];
  if (inline !== undefined) return inline;
  const parameter = actionInfo?.Parameters.find((p) => p.Name === 'ResetType');
  return parameter?.AllowableValues ?? DEFAULT_RESET_TYPES;
}
