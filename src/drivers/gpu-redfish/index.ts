/**
 * @module drivers/gpu-redfish
 * GPU servers over DMTF Redfish (BMC, HTTPS JSON): the driver of the `GpuServerDriver` nature, a probe for the
 * CLI, and a BMC simulator with a power model and fault injection.
 */
export type { RedfishGeneration } from './codec.ts';
export type { CapPath, PowerSource, RedfishLayout, ServiceInfo } from './discovery.ts';
export { type RedfishDriverOptions, RedfishGpuDriver } from './driver.ts';
export type { RedfishOptions } from './http.ts';
export { probeRedfish, type RedfishProbe } from './probe.ts';
export {
  type RedfishSimulator,
  type RedfishSimulatorFaults,
  type RedfishSimulatorOptions,
  type SimRequest,
  startRedfishSimulator,
} from './simulator.ts';
