/**
 * The simulated site of the controller benchmark, in its own process (as `switchyard sim` runs): starts the
 * miners, sends their endpoints to the parent over IPC, and stops when told.
 */
import { NO_FAULTS } from '../src/drivers/simulator/faults.ts';
import { DEFAULT_MINER_SPEC } from '../src/drivers/simulator/miner-model.ts';
import { startSimulatedSite } from '../src/drivers/simulator/site.ts';

const miners = Number(process.argv[2] ?? '10000');
const site = await startSimulatedSite({
  miners,
  firmware: 'luxos',
  faults: NO_FAULTS,
  seed: 1,
  // Sleep takes 0.5 s and wake 1 s here (real LuxOS: seconds and minutes): the benchmark measures the controller.
  spec: { ...DEFAULT_MINER_SPEC, sleepS: 0.5, wakeS: 1 },
});
process.send!({
  endpoints: site.miners.map((m) => ({ host: m.host, port: m.port, ratedPowerW: m.model.spec.ratedPowerW })),
});
process.on('message', async (message: { stop?: boolean }) => {
  if (!message.stop) return;
  await site.close();
  process.exit(0);
});
