/** Braiins OS REST driver against its simulator: the miner nature's contract, with a login required. */
import { BraiinsDriver } from '../../src/drivers/miner-braiins/driver.ts';
import { startBraiinsSimulator } from '../../src/drivers/miner-braiins/simulator.ts';
import { runMinerContract } from '../contract/miner.contract.ts';

runMinerContract({
  firmware: 'braiins',
  startSimulator: startBraiinsSimulator,
  makeDriver: (endpoint) => new BraiinsDriver(endpoint),
  canWrite: true,
  credentials: { username: 'root', password: 'secret' },
});
