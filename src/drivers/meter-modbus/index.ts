/**
 * @module drivers/meter-modbus
 * Modbus TCP site meter: SunSpec (models 203, 213) or SDM630-style float map, its driver and its simulator.
 */
export type { MeterModelId, MeterModelLocation, WordOrder } from './codec.ts';
export { ModbusMeterDriver, type ModbusMeterOptions } from './driver.ts';
export type { MeterDriver, MeterReading } from './nature.ts';
export {
  type MeterSimulator,
  type MeterSimulatorFaults,
  type MeterSimulatorOptions,
  startMeterSimulator,
} from './simulator.ts';
