/**
 * @module drivers/miners
 * One place that maps a firmware name to its driver and its simulator, so the controller, `probe` and
 * `sim` never switch on firmware themselves.
 */
import { BraiinsDriver } from './miner-braiins/driver.ts';
import { startBraiinsSimulator } from './miner-braiins/simulator.ts';
import { CgminerDriver } from './miner-cgminer/driver.ts';
import { LuxosDriver } from './miner-luxos/driver.ts';
import type { MinerDriver, MinerEndpoint, MinerFirmware } from './natures.ts';
import { startLuxosSimulator, startStockCgminerSimulator } from './simulator/cgminer-server.ts';
import type { StartMinerSimulator } from './simulator/types.ts';

export function makeMinerDriver(
  firmware: MinerFirmware,
  endpoint: MinerEndpoint,
  ratedPowerW?: number,
): MinerDriver {
  switch (firmware) {
    case 'luxos':
      return new LuxosDriver(endpoint);
    case 'braiins':
      return new BraiinsDriver(endpoint);
    case 'cgminer':
      return new CgminerDriver(endpoint, ratedPowerW === undefined ? {} : { ratedPowerW });
  }
}

export const MINER_SIMULATORS: Readonly<Record<MinerFirmware, StartMinerSimulator>> = {
  luxos: startLuxosSimulator,
  braiins: startBraiinsSimulator,
  cgminer: startStockCgminerSimulator,
};

/** The port a real machine of this firmware listens on (`probe` defaults to it). */
export const DEFAULT_MINER_PORT: Readonly<Record<MinerFirmware, number>> = {
  luxos: 4028,
  cgminer: 4028,
  braiins: 80,
};
