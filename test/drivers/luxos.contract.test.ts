/** LuxOS against the 4028 simulator's LuxOS flavour: the miner contract. Session and profile detail: driver.test.ts. */
import { LuxosDriver } from '../../src/drivers/miner-luxos/driver.ts';
import { startLuxosSimulator } from '../../src/drivers/simulator/cgminer-server.ts';
import { runMinerContract } from '../contract/miner.contract.ts';

runMinerContract({
  firmware: 'luxos',
  startSimulator: startLuxosSimulator,
  makeDriver: (endpoint) => new LuxosDriver(endpoint),
  canWrite: true,
});
