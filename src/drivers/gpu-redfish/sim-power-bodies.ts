/**
 * @module drivers/gpu-redfish/sim-power-bodies
 * The power resources of the simulated chassis, per schema generation: EnvironmentMetrics with its
 * `PowerLimitWatts` excerpt; PowerSubsystem with power supplies, their metrics and sensors; the Controls
 * collection; and the deprecated Power resource (kept beside the newest generation, as in the mockup). Decoys
 * come first in the collections (a chassis temperature Control, a frequency Control, a per-GPU power Control,
 * per-supply power sensors), so a client must choose by type. Pure.
 */
import {
  collection,
  link,
  OK,
  resource,
  round1,
  type SimBodies,
  type SimLayout,
  type SimState,
  type SimUris,
} from './sim-uris.ts';

export function powerBodies(u: SimUris, layout: SimLayout, state: SimState): SimBodies {
  const { generation, psuCount } = layout;
  const tree: SimBodies = {};
  const psu = (i: number) => `${u.powerSupplies}/PowerSupply_${i}`;
  const psuIds = Array.from({ length: psuCount }, (_, i) => i);
  const percent = layout.setPointUnits === '%';
  const toUnits = (w: number) => (percent ? round1((w / layout.ratedPowerW) * 100) : w);
  const newPower = generation !== 'legacy-power';
  const powerSensors = psuIds.map((i) => `${u.sensors}/PowerSupply_${i}_InputPower`);
  const controlExcerpt = {
    SetPoint: state.setPointW,
    AllowableMax: layout.allowableMaxW,
    AllowableMin: layout.allowableMinW,
    ControlMode: state.controlMode,
    DataSourceUri: u.control,
  };
  if (generation === 'environment-metrics') {
    tree[u.environmentMetrics] = () =>
      resource(
        u.environmentMetrics,
        '#EnvironmentMetrics.v1_3_0.EnvironmentMetrics',
        'EnvironmentMetrics',
        'Chassis Environment Metrics',
        {
          TemperatureCelsius: { Reading: 24, DataSourceUri: u.inletSensor },
          PowerWatts: { Reading: Math.round(state.reportedW), DataSourceUri: u.totalPowerSensor },
          PowerLimitWatts: controlExcerpt,
        },
      );
  }
  if (newPower) {
    tree[u.powerSubsystem] = () =>
      resource(
        u.powerSubsystem,
        '#PowerSubsystem.v1_1_0.PowerSubsystem',
        'PowerSubsystem',
        'Power Subsystem for Chassis',
        {
          CapacityWatts: layout.ratedPowerW,
          Allocation: { RequestedWatts: layout.ratedPowerW, AllocatedWatts: layout.ratedPowerW },
          PowerSupplies: link(u.powerSupplies),
          Status: OK,
        },
      );
    tree[u.powerSupplies] = () =>
      collection(u.powerSupplies, 'PowerSupplyCollection', 'Power Supply Collection', psuIds.map(psu));
    for (const i of psuIds) {
      tree[psu(i)] = () =>
        resource(psu(i), '#PowerSupply.v1_5_0.PowerSupply', `PowerSupply_${i}`, `Power Supply ${i}`, {
          PowerCapacityWatts: 3300,
          Status: OK,
          ...(layout.psuMetrics ? { Metrics: link(`${psu(i)}/Metrics`) } : {}),
        });
      if (layout.psuMetrics) {
        tree[`${psu(i)}/Metrics`] = () =>
          resource(
            `${psu(i)}/Metrics`,
            '#PowerSupplyMetrics.v1_0_1.PowerSupplyMetrics',
            'Metrics',
            `Metrics for Power Supply ${i}`,
            {
              InputPowerWatts: {
                Reading: round1(state.reportedW / psuCount),
                DataSourceUri: powerSensors[i],
              },
              OutputPowerWatts: { Reading: round1((state.reportedW / psuCount) * 0.96) },
              InputVoltage: { Reading: 230.2 },
            },
          );
      }
    }
    tree[u.controls] = () =>
      collection(u.controls, 'ControlCollection', 'Chassis controls', [
        u.temperatureControl,
        u.frequencyControl,
        u.gpuControl,
        u.control,
      ]);
    tree[u.temperatureControl] = () =>
      resource(u.temperatureControl, '#Control.v1_2_0.Control', 'ChassisTemp', 'Chassis Temperature Target', {
        ControlType: 'Temperature',
        ControlMode: 'Automatic',
        SetPoint: 27,
        SetPointUnits: 'Cel',
        PhysicalContext: 'Chassis',
      });
    // As in the mockup.
    tree[u.frequencyControl] = () =>
      resource(u.frequencyControl, '#Control.v1_2_0.Control', 'CPU1Freq', 'CPU #1 Frequency Range', {
        PhysicalContext: 'CPU',
        ControlType: 'Frequency',
        ControlMode: 'Automatic',
        SettingMin: 2000,
        SettingMax: 2400,
        SetPointUnits: 'Hz',
        AllowableMin: 1500,
        AllowableMax: 3700,
      });
    tree[u.gpuControl] = () =>
      resource(u.gpuControl, '#Control.v1_2_0.Control', 'GPU_SXM_1_PowerLimit', 'GPU 1 Power Limit', {
        ControlType: 'Power',
        ControlMode: 'Automatic',
        SetPoint: 700,
        SetPointUnits: 'W',
        AllowableMin: 200,
        AllowableMax: 700,
        PhysicalContext: 'GPU',
      });
    tree[u.control] = () =>
      resource(u.control, '#Control.v1_2_0.Control', 'PowerLimit', 'System Power Limit', {
        PhysicalContext: 'Chassis',
        ControlType: 'Power',
        ControlMode: state.controlMode,
        SetPoint: state.setPointW === null ? null : toUnits(state.setPointW),
        SetPointUnits: layout.setPointUnits,
        AllowableMax: toUnits(layout.allowableMaxW),
        AllowableMin: toUnits(layout.allowableMinW),
        Sensor: { Reading: Math.round(state.reportedW), DataSourceUri: u.totalPowerSensor },
        Status: OK,
      });
    tree[u.sensors] = () =>
      collection(u.sensors, 'SensorCollection', 'Chassis sensors', [
        u.inletSensor,
        ...powerSensors,
        u.totalPowerSensor,
      ]);
    tree[u.inletSensor] = () =>
      resource(u.inletSensor, '#Sensor.v1_6_0.Sensor', 'InletTemp', 'Inlet Temperature', {
        ReadingType: 'Temperature',
        Reading: 24,
        ReadingUnits: 'Cel',
        PhysicalContext: 'Intake',
      });
    for (const i of psuIds) {
      tree[powerSensors[i]!] = () =>
        resource(
          powerSensors[i]!,
          '#Sensor.v1_6_0.Sensor',
          `PowerSupply_${i}_InputPower`,
          `PSU ${i} input power`,
          {
            ReadingType: 'Power',
            Reading: round1(state.reportedW / psuCount),
            ReadingUnits: 'W',
            PhysicalContext: 'PowerSupply',
          },
        );
    }
    tree[u.totalPowerSensor] = () =>
      resource(u.totalPowerSensor, '#Sensor.v1_6_0.Sensor', 'TotalPower', 'Power reading for the Chassis', {
        ReadingType: 'Power',
        ElectricalContext: 'Total',
        PhysicalContext: 'Chassis',
        Reading: Math.round(state.reportedW),
        ReadingUnits: 'W',
        Status: OK,
      });
  }
  if (generation !== 'power-subsystem') {
    tree[u.power] = () =>
      resource(u.power, '#Power.v1_7_1.Power', 'Power', 'Power', {
        PowerControl: [
          {
            '@odata.id': `${u.power}#/PowerControl/0`,
            MemberId: '0',
            Name: 'System Input Power',
            PowerConsumedWatts: Math.round(state.reportedW),
            PowerCapacityWatts: layout.ratedPowerW,
            PowerLimit: {
              LimitInWatts: state.controlMode === 'Disabled' ? null : state.setPointW,
              LimitException: 'LogEventOnly',
              CorrectionInMs: Math.round(layout.capResponseS * 1000),
            },
            RelatedItem: [link(u.system), link(u.chassis)],
            Status: OK,
          },
        ],
      });
  }
  return tree;
}
