/**
 * @module drivers/gpu-redfish/probe
 * One look at a BMC for `switchyard probe redfish`: discover, read once, and report what was found and what a
 * read costs, then log out. Nothing is written to the BMC.
 */
import type { GpuServerCapabilities, GpuServerReading } from '../natures.ts';
import type { RedfishGeneration } from './codec.ts';
import type { ServiceInfo } from './discovery.ts';
import { type RedfishDriverOptions, RedfishGpuDriver } from './driver.ts';

export interface RedfishProbe {
  readonly service: ServiceInfo;
  readonly systemId: string;
  readonly systemUri: string;
  readonly chassisUri: string;
  readonly manufacturer: string | null;
  readonly generation: RedfishGeneration;
  /** Where the cap is set: a `Control` resource, the legacy `Power` resource, or nowhere. */
  readonly capVia: 'control' | 'legacy-power' | null;
  readonly reading: GpuServerReading;
  readonly capabilities: GpuServerCapabilities;
  /** HTTP requests one read takes once discovery is done. */
  readonly requestsPerRead: number;
}

export async function probeRedfish(options: RedfishDriverOptions): Promise<RedfishProbe> {
  const driver = new RedfishGpuDriver(options);
  try {
    const layout = await driver.describe();
    const capabilities = await driver.capabilities();
    const before = driver.requestCount;
    const reading = await driver.read();
    return {
      service: layout.service,
      systemId: layout.systemId,
      systemUri: layout.systemUri,
      chassisUri: layout.chassisUri,
      manufacturer: layout.manufacturer,
      generation: layout.generation,
      capVia: layout.cap?.kind ?? null,
      reading,
      capabilities,
      requestsPerRead: driver.requestCount - before,
    };
  } finally {
    await driver.close();
  }
}
