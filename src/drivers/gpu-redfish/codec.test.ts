/**
 * The pure codec and mapping, pinned to DMTF's public-rackmount1 mockup bodies as PROTOCOLS.md §3.1 quotes
 * them (fixtures/public-rackmount1.ts): 374 W in EnvironmentMetrics and the TotalPower sensor, 344 W in the
 * legacy Power resource, a 500 W cap in the range 150–1000 W.
 */
import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../../errors.ts';
import {
  chassisSchema,
  collectionSchema,
  controlSchema,
  decode,
  describeErrorReply,
  environmentMetricsSchema,
  legacyPowerSchema,
  parseJson,
  powerSubsystemSchema,
  powerSupplyMetricsSchema,
  sensorSchema,
  serviceRootSchema,
  systemSchema,
} from './codec.ts';
import {
  CHASSIS,
  CONTROLS,
  ENVIRONMENT_METRICS,
  ERROR_BODY,
  LEGACY_POWER,
  POWER_LIMIT_CONTROL,
  POWER_SUBSYSTEM,
  PSU_BAY1_METRICS,
  SERVICE_ROOT,
  SYSTEM,
  TOTAL_POWER_SENSOR,
} from './fixtures/public-rackmount1.ts';
import {
  CONTROL_UNCAP_PATCH,
  capSetPoint,
  controlCapPatch,
  controlLimitW,
  controlRangeW,
  environmentLimitW,
  environmentPowerW,
  isTotalPowerSensor,
  legacyCapPatch,
  legacyLimitW,
  legacyPowerW,
  psuInputSumW,
  resetTypesOf,
  sensorPowerW,
  toGpuServerReading,
  wattsPerUnit,
} from './mapping.ts';

const ctx = { device: 'redfish@test', command: 'GET /x' };
const as = <T>(schema: { parse: (v: unknown) => T }, body: unknown): T => schema.parse(body);

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('mockup bodies', () => {
  it('reads 374 W and the 500 W Automatic cap from EnvironmentMetrics', () => {
    const em = as(environmentMetricsSchema, ENVIRONMENT_METRICS);
    expect(environmentPowerW(em, ctx)).toBe(374);
    expect(environmentLimitW(em)).toBe(500);
    expect(environmentLimitW(as(environmentMetricsSchema, { PowerWatts: { Reading: 1 } }))).toBeUndefined();
  });

  it('reads 344 W and LimitInWatts 500 from the legacy Power resource; null means no cap', () => {
    const power = as(legacyPowerSchema, LEGACY_POWER);
    expect(legacyPowerW(power, ctx)).toBe(344);
    expect(legacyLimitW(power)).toBe(500);
    const disabled = structuredClone(LEGACY_POWER);
    (disabled.PowerControl[0]!.PowerLimit as { LimitInWatts: number | null }).LimitInWatts = null;
    expect(legacyLimitW(as(legacyPowerSchema, disabled))).toBeNull();
  });

  it('reads the PowerLimit Control: 500 W set point within 150–1000 W', () => {
    const control = as(controlSchema, POWER_LIMIT_CONTROL);
    const perUnitW = wattsPerUnit(control, null, ctx);
    expect(perUnitW).toBe(1);
    expect(controlLimitW(control, 1)).toBe(500);
    expect(controlRangeW(control, 1)).toEqual({ minW: 150, maxW: 1000 });
    expect(controlLimitW({ ...control, ControlMode: 'Disabled' }, 1)).toBeNull();
    expect(controlLimitW({ ...control, SetPoint: null }, 1)).toBeNull();
  });

  it('reads the TotalPower sensor and a power supply’s input', () => {
    const sensor = as(sensorSchema, TOTAL_POWER_SENSOR);
    expect(isTotalPowerSensor(sensor)).toBe(true);
    expect(sensorPowerW(sensor, ctx)).toBe(374);
    const metrics = as(powerSupplyMetricsSchema, PSU_BAY1_METRICS);
    expect(psuInputSumW([metrics, metrics], ctx)).toBeCloseTo(1874.8, 9);
    expect(as(powerSubsystemSchema, POWER_SUBSYSTEM).CapacityWatts).toBe(2000);
  });

  it('maps the system to a reading: On, OK, model 3500', () => {
    const system = as(systemSchema, SYSTEM);
    expect(toGpuServerReading(system, 374, 500)).toEqual({
      powerState: 'on',
      powerW: 374,
      powerLimitW: 500,
      health: 'ok',
      model: '3500',
    });
    const states = {
      On: 'on',
      Off: 'off',
      PoweringOn: 'powering-on',
      PoweringOff: 'powering-off',
      Paused: 'paused',
    };
    for (const [redfish, nature] of Object.entries(states)) {
      const reading = toGpuServerReading(as(systemSchema, { ...SYSTEM, PowerState: redfish }), 0, null);
      expect(reading.powerState).toBe(nature);
    }
    const critical = as(systemSchema, { ...SYSTEM, Status: { Health: 'Critical' }, Model: null });
    expect(toGpuServerReading(critical, 0, null)).toMatchObject({ health: 'critical', model: null });
    expect(toGpuServerReading(as(systemSchema, { ...SYSTEM, Status: {} }), 0, null).health).toBeNull();
  });

  it('lists the mockup’s eight reset types inline, else from ActionInfo, else the safe three', () => {
    const action = as(systemSchema, SYSTEM).Actions!['#ComputerSystem.Reset']!;
    expect(resetTypesOf(action, null)).toEqual([
      'On',
      'ForceOff',
      'GracefulShutdown',
      'GracefulRestart',
      'ForceRestart',
      'Nmi',
      'ForceOn',
      'PushPowerButton',
    ]);
    const bare = { target: action.target };
    const info = { Parameters: [{ Name: 'ResetType', AllowableValues: ['On', 'ForceOff'] }] };
    expect(resetTypesOf(bare, info)).toEqual(['On', 'ForceOff']);
    expect(resetTypesOf(bare, null)).toEqual(['On', 'ForceOff', 'GracefulShutdown']);
  });

  it('follows links by name: service root, chassis and collections', () => {
    const root = as(serviceRootSchema, SERVICE_ROOT);
    expect(root.Links?.Sessions?.['@odata.id']).toBe('/redfish/v1/SessionService/Sessions');
    expect(root.RedfishVersion).toBe('1.15.0');
    const chassis = as(chassisSchema, CHASSIS);
    expect(chassis.EnvironmentMetrics?.['@odata.id']).toBe('/redfish/v1/Chassis/1U/EnvironmentMetrics');
    expect(as(collectionSchema, CONTROLS).Members.map((m) => m['@odata.id'])).toEqual([
      '/redfish/v1/Chassis/1U/Controls/PowerLimit',
      '/redfish/v1/Chassis/1U/Controls/CPU1Freq',
    ]);
  });
});

describe('cap bodies and units', () => {
  const control = as(controlSchema, POWER_LIMIT_CONTROL);

  it('clamps to AllowableMin/Max and rounds to whole watts', () => {
    expect(capSetPoint(420.4, control, 1)).toBe(420);
    expect(capSetPoint(50, control, 1)).toBe(150);
    expect(capSetPoint(5000, control, 1)).toBe(1000);
    expect(controlCapPatch(420)).toEqual({ SetPoint: 420, ControlMode: 'Manual' });
    expect(CONTROL_UNCAP_PATCH).toEqual({ SetPoint: null, ControlMode: 'Disabled' });
  });

  it('writes the legacy limit with LogEventOnly, and null to remove it', () => {
    expect(legacyCapPatch(5000)).toEqual({
      PowerControl: [{ PowerLimit: { LimitInWatts: 5000, LimitException: 'LogEventOnly' } }],
    });
    expect(legacyCapPatch(null).PowerControl[0]!.PowerLimit.LimitInWatts).toBeNull();
  });

  it('accepts W and Watt, converts % through a watt maximum, and refuses % without one', () => {
    expect(wattsPerUnit({ ...control, SetPointUnits: 'Watt' }, null, ctx)).toBe(1);
    const percent = { ...control, SetPointUnits: '%', SetPoint: 50, AllowableMin: 40, AllowableMax: 100 };
    const perUnitW = wattsPerUnit(percent, 10_200, ctx)!;
    expect(perUnitW).toBe(102);
    expect(controlLimitW(percent, perUnitW)).toBe(5100);
    expect(controlRangeW(percent, perUnitW)).toEqual({ minW: 4080, maxW: 10_200 });
    expect(capSetPoint(6000, percent, perUnitW)).toBe(58.8);
    expect(capSetPoint(1000, percent, perUnitW)).toBe(40);
    expect(wattsPerUnit(percent, null, ctx)).toBeNull();
    expect(thrown(() => wattsPerUnit({ ...control, SetPointUnits: 'kW' }, null, ctx))).toBeInstanceOf(
      ProtocolError,
    );
  });

  it('has no range when the bounds are missing or inverted', () => {
    expect(controlRangeW({ ...control, AllowableMin: null }, 1)).toBeNull();
    expect(controlRangeW({ ...control, AllowableMin: 2000 }, 1)).toBeNull();
  });
});

describe('errors', () => {
  it('names the message and each extended message of a Redfish error body', () => {
    const text = describeErrorReply(400, JSON.stringify(ERROR_BODY));
    expect(text).toBe(
      'HTTP 400: A general error has occurred. See ExtendedInfo for more information.; ' +
        'Base.1.15.PropertyValueNotInList: The value Bogus for the property ResetType is not in the list of acceptable values.',
    );
    expect(describeErrorReply(503, '<html>busy</html>')).toBe('HTTP 503');
    expect(describeErrorReply(500, '{"error":{}}')).toBe('HTTP 500');
  });

  it('turns garbage, wrong shapes and missing readings into ProtocolError', () => {
    expect(thrown(() => parseJson('{"Members":[', ctx))).toBeInstanceOf(ProtocolError);
    const wrong = thrown(() => decode(systemSchema, { ...SYSTEM, PowerState: 'Sleeping' }, '{}', ctx));
    expect(wrong).toBeInstanceOf(ProtocolError);
    expect(String(wrong)).toContain('PowerState');
    // JSON.parse turns 1e400 into Infinity; a reading must never be one.
    expect(
      thrown(() => decode(environmentMetricsSchema, JSON.parse('{"PowerWatts":{"Reading":1e400}}'), '', ctx)),
    ).toBeInstanceOf(ProtocolError);
    const noReading = as(environmentMetricsSchema, { PowerWatts: { Reading: null } });
    expect(thrown(() => environmentPowerW(noReading, ctx))).toBeInstanceOf(ProtocolError);
    expect(thrown(() => psuInputSumW([], ctx))).toBeInstanceOf(ProtocolError);
    expect(thrown(() => psuInputSumW([{ InputPowerWatts: { Reading: null } }], ctx))).toBeInstanceOf(
      ProtocolError,
    );
    expect(thrown(() => sensorPowerW({ Reading: 3, ReadingUnits: 'kW' }, ctx))).toBeInstanceOf(ProtocolError);
    expect(thrown(() => legacyPowerW({ PowerControl: [] }, ctx))).toBeInstanceOf(ProtocolError);
  });
});
