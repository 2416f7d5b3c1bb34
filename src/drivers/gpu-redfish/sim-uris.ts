/**
 * @module drivers/gpu-redfish/sim-uris
 * The simulated BMC's shape: its ids and options (`SimLayout`), the state a body is rendered from (`SimState`),
 * the URI of every resource, and the small builders the bodies share. Pure.
 */
import type { RedfishGeneration } from './codec.ts';
import type { SimPowerState } from './sim-model.ts';

export interface SimLayout {
  readonly systemId: string;
  readonly chassisId: string;
  readonly managerId: string;
  readonly generation: RedfishGeneration;
  readonly setPointUnits: 'W' | 'Watt' | '%';
  readonly psuCount: number;
  /** Whether the power supplies link `Metrics` (else a client must find the chassis power sensor). */
  readonly psuMetrics: boolean;
  readonly resetInfo: 'inline' | 'action-info';
  readonly resetTypes: readonly string[];
  readonly ratedPowerW: number;
  readonly allowableMinW: number;
  readonly allowableMaxW: number;
  readonly capResponseS: number;
}

export interface SimState {
  readonly powerState: SimPowerState;
  /** The chassis input the BMC reports, W. */
  readonly reportedW: number;
  readonly setPointW: number | null;
  readonly controlMode: 'Automatic' | 'Override' | 'Manual' | 'Disabled';
  readonly sessionTimeoutS: number;
  readonly sessionIds: readonly string[];
  /** Current ETag, or null when the service sends none. */
  readonly etag: string | null;
}

export function simUris(layout: SimLayout) {
  const system = `/redfish/v1/Systems/${layout.systemId}`;
  const chassis = `/redfish/v1/Chassis/${layout.chassisId}`;
  return {
    root: '/redfish/v1/',
    systems: '/redfish/v1/Systems',
    system,
    reset: `${system}/Actions/ComputerSystem.Reset`,
    resetInfo: `${system}/ResetActionInfo`,
    chassisCollection: '/redfish/v1/Chassis',
    chassis,
    environmentMetrics: `${chassis}/EnvironmentMetrics`,
    powerSubsystem: `${chassis}/PowerSubsystem`,
    powerSupplies: `${chassis}/PowerSubsystem/PowerSupplies`,
    power: `${chassis}/Power`,
    controls: `${chassis}/Controls`,
    control: `${chassis}/Controls/PowerLimit`,
    gpuControl: `${chassis}/Controls/GPU_SXM_1_PowerLimit`,
    frequencyControl: `${chassis}/Controls/CPU1Freq`,
    temperatureControl: `${chassis}/Controls/ChassisTemp`,
    sensors: `${chassis}/Sensors`,
    totalPowerSensor: `${chassis}/Sensors/TotalPower`,
    inletSensor: `${chassis}/Sensors/InletTemp`,
    managers: '/redfish/v1/Managers',
    manager: `/redfish/v1/Managers/${layout.managerId}`,
    sessionService: '/redfish/v1/SessionService',
    sessions: '/redfish/v1/SessionService/Sessions',
    taskService: '/redfish/v1/TaskService',
  };
}

export type SimUris = ReturnType<typeof simUris>;
/** Bodies by path, rendered on demand. */
export type SimBodies = Record<string, () => Record<string, unknown>>;

export const link = (uri: string) => ({ '@odata.id': uri });
export const OK = { State: 'Enabled', Health: 'OK' };
export const round1 = (value: number) => Math.round(value * 10) / 10;

export function resource(uri: string, type: string, id: string, name: string, extra: object = {}) {
  return { '@odata.id': uri, '@odata.type': type, Id: id, Name: name, ...extra };
}

export function collection(uri: string, type: string, name: string, members: readonly string[]) {
  return {
    '@odata.id': uri,
    '@odata.type': `#${type}.${type}`,
    Name: name,
    'Members@odata.count': members.length,
    Members: members.map(link),
  };
}
