/**
 * @module drivers/gpu-redfish/sim-writes
 * What the simulated BMC accepts as a write: the PATCH bodies of the power Control and the legacy Power
 * resource, and the Reset action body, checked the way strict BMCs check them (unknown properties, ranges,
 * a set point paired with a mode that contradicts it) and answered with Redfish error bodies. Pure.
 */
import { z } from 'zod';
import { RESET_TYPES } from './codec.ts';
import type { SimLayout, SimState } from './sim-uris.ts';

/** A Redfish error reply as services send it: a general code, the specific message in `ExtendedInfo`. */
export function redfishErrorBody(messageId: string, message: string) {
  return {
    error: {
      code: 'Base.1.18.GeneralError',
      message: 'A general error has occurred. See ExtendedInfo for more information.',
      '@Message.ExtendedInfo': [
        { MessageId: `Base.1.18.${messageId}`, Message: message, Severity: 'Warning', Resolution: 'None.' },
      ],
    },
  };
}

export interface SimError {
  readonly status: number;
  readonly messageId: string;
  readonly message: string;
}

export type CapWrite = Pick<SimState, 'setPointW' | 'controlMode'>;

const CONTROL_MODES = ['Automatic', 'Override', 'Manual', 'Disabled'] as const;
const controlPatchSchema = z.strictObject({
  SetPoint: z.number().nullable().optional(),
  ControlMode: z.enum(CONTROL_MODES).optional(),
});
const legacyPatchSchema = z.strictObject({
  PowerControl: z
    .array(
      z.strictObject({
        PowerLimit: z
          .strictObject({
            LimitInWatts: z.number().nullable().optional(),
            LimitException: z.enum(['NoAction', 'HardPowerOff', 'LogEventOnly', 'Oem']).optional(),
            CorrectionInMs: z.number().int().positive().optional(),
          })
          .optional(),
      }),
    )
    .length(1),
});
const resetSchema = z.object({ ResetType: z.string() });

function schemaError(error: z.ZodError): SimError {
  const issue = error.issues[0];
  const where = issue === undefined ? '' : issue.path.join('.');
  return {
    status: 400,
    messageId: issue?.code === 'unrecognized_keys' ? 'PropertyUnknown' : 'PropertyValueTypeError',
    message: `The request body has an error at ${where || 'the top level'}: ${issue?.message ?? 'invalid'}.`,
  };
}

function outOfRange(layout: SimLayout, setPointW: number, shown: number | string): SimError | null {
  // Half a tenth of a percent of slack: a percent set point is rounded to tenths before it is sent.
  const slackW = layout.ratedPowerW * 0.0005;
  if (setPointW >= layout.allowableMinW - slackW && setPointW <= layout.allowableMaxW + slackW) return null;
  return {
    status: 400,
    messageId: 'PropertyValueOutOfRange',
    message: `The value ${shown} for the property SetPoint is not in the supported range of acceptable values.`,
  };
}

/** A PATCH of the power Control; the set point comes in the Control's units and is kept in watts. */
export function controlWrite(body: unknown, layout: SimLayout, current: CapWrite): CapWrite | SimError {
  const parsed = controlPatchSchema.safeParse(body);
  if (!parsed.success) return schemaError(parsed.error);
  const { SetPoint: setPoint, ControlMode: mode } = parsed.data;
  if (
    (setPoint === null && mode !== undefined && mode !== 'Disabled') ||
    (typeof setPoint === 'number' && mode === 'Disabled')
  ) {
    return {
      status: 400,
      messageId: 'PropertyValueConflict',
      message: 'The property SetPoint conflicts with the value of ControlMode.',
    };
  }
  const controlMode = mode ?? (setPoint === null ? 'Disabled' : current.controlMode);
  if (controlMode === 'Disabled') return { setPointW: null, controlMode };
  if (setPoint === undefined) return { setPointW: current.setPointW, controlMode };
  const setPointW =
    layout.setPointUnits === '%' ? ((setPoint as number) / 100) * layout.ratedPowerW : (setPoint as number);
  return outOfRange(layout, setPointW, setPoint as number) ?? { setPointW, controlMode };
}

/** A PATCH of the legacy Power resource: `LimitInWatts` null removes the limit. */
export function legacyWrite(body: unknown, layout: SimLayout, current: CapWrite): CapWrite | SimError {
  const parsed = legacyPatchSchema.safeParse(body);
  if (!parsed.success) return schemaError(parsed.error);
  const limitW = parsed.data.PowerControl[0]?.PowerLimit?.LimitInWatts;
  if (limitW === undefined) return current;
  if (limitW === null) return { setPointW: null, controlMode: 'Disabled' };
  return outOfRange(layout, limitW, limitW) ?? { setPointW: limitW, controlMode: 'Manual' };
}

/** The `ResetType` of a Reset action body, if the system lists it. */
export function resetWrite(body: unknown, layout: SimLayout): string | SimError {
  const parsed = resetSchema.safeParse(body);
  if (!parsed.success) {
    return {
      status: 400,
      messageId: 'ActionParameterMissing',
      message: 'The action requires the parameter ResetType.',
    };
  }
  const resetType = parsed.data.ResetType;
  if (!layout.resetTypes.includes(resetType) || !(RESET_TYPES as readonly string[]).includes(resetType)) {
    return {
      status: 400,
      messageId: 'ActionParameterValueNotInList',
      message: `The value ${resetType} for the parameter ResetType is not in the list of acceptable values.`,
    };
  }
  return resetType;
}

export const isSimError = (value: unknown): value is SimError =>
  typeof value === 'object' && value !== null && 'messageId' in value;
