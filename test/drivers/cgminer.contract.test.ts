/** Stock cgminer/bmminer (read-only) against the 4028 simulator: the miner contract, then the firmware quirks. */
import { afterEach, describe, expect, it } from 'vitest';
import { CgminerDriver } from '../../src/drivers/miner-cgminer/driver.ts';
import { startStockCgminerSimulator } from '../../src/drivers/simulator/cgminer-server.ts';
import { NO_FAULTS } from '../../src/drivers/simulator/faults.ts';
import { DEFAULT_MINER_SPEC } from '../../src/drivers/simulator/miner-model.ts';
import type { SimulatedMiner } from '../../src/drivers/simulator/types.ts';
import { runMinerContract } from '../contract/miner.contract.ts';

const RATED_W = DEFAULT_MINER_SPEC.ratedPowerW;

runMinerContract({
  firmware: 'cgminer',
  startSimulator: startStockCgminerSimulator,
  // The simulated bmminer reports no power, so the driver estimates it from the nameplate.
  makeDriver: (endpoint) => new CgminerDriver(endpoint, { ratedPowerW: RATED_W }),
  canWrite: false,
});

describe('cgminer driver beyond the contract', () => {
  const sims: SimulatedMiner[] = [];
  afterEach(async () => {
    await Promise.all(sims.splice(0).map((sim) => sim.close()));
  });
  const start = async (quirks: boolean) => {
    const sim = await startStockCgminerSimulator({
      faults: { ...NO_FAULTS, quirks },
      clock: () => 1_732_530_000_000,
    });
    sims.push(sim);
    return { sim, endpoint: { host: sim.host, port: sim.port, timeoutMs: 1000 } };
  };

  it('reads the same through the bmminer quirks (string numbers, missing stats comma) in one request', async () => {
    const plain = await start(false);
    const quirky = await start(true);
    const expected = await new CgminerDriver(plain.endpoint, { ratedPowerW: RATED_W }).read();
    const reading = await new CgminerDriver(quirky.endpoint, { ratedPowerW: RATED_W }).read();
    expect(reading).toEqual(expected);
    expect(quirky.sim.requestCount).toBe(1);
  });

  it('reports 0 W for firmware without a power reading when no rating is configured', async () => {
    const { endpoint } = await start(false);
    const reading = await new CgminerDriver(endpoint).read();
    expect(reading.state).toBe('running');
    expect(reading.powerW).toBe(0);
  });
});
