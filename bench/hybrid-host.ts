/**
 * The simulated hybrid site of the grid-event benchmark, in its own process: 2,000 LuxOS miners (Antminer S21 XP
 * Hydro, 5,676 W), 40 GPU servers (Redfish BMCs, jobs on a Kubernetes API), a SunSpec meter summing their
 * physical draw, and an OpenADR VTN. Levers at their real speeds: a miner sleeps in 5 s, a GPU cap bites in 1 s, a
 * drained pod terminates in 30 s. Sends its endpoints to the parent over IPC and stops when told.
 */
import { startSimulatedAiSite } from '../src/drivers/simulator/ai-site.ts';
import { NO_FAULTS } from '../src/drivers/simulator/faults.ts';
import { DEFAULT_MINER_SPEC } from '../src/drivers/simulator/miner-model.ts';
import { startSimulatedSite } from '../src/drivers/simulator/site.ts';

const HYBRID = { miners: 2000, gpus: 40, overheadW: 500_000, miningPue: 1.05, aiPue: 1.3 } as const;

/** Antminer S21 XP Hydro from the catalog (5,676 W, 473 TH/s); the power-target floor is an assumption. */
const S21_XP_HYDRO = {
  ...DEFAULT_MINER_SPEC,
  model: 'Antminer S21 XP Hydro',
  ratedPowerW: 5676,
  ratedHashrateThs: 473,
  minPowerW: 2800,
  // Wake-ups shortened from 90 s so a scenario's site is back to full within the benchmark; shedding is measured.
  wakeS: 10,
};

const ai = await startSimulatedAiSite({
  servers: HYBRID.gpus,
  capResponseS: 1,
  terminationGraceS: 30,
  podStartS: 5,
  tickMs: 100,
});
const site = await startSimulatedSite({
  miners: HYBRID.miners,
  firmware: 'luxos',
  faults: NO_FAULTS,
  seed: 1,
  spec: S21_XP_HYDRO,
  meter: {
    overheadW: HYBRID.overheadW,
    pue: HYBRID.miningPue,
    other: { powerW: ai.physicalPowerW, pue: HYBRID.aiPue },
  },
});
process.send!({
  site: HYBRID,
  miners: site.miners.map((m) => ({ host: m.host, port: m.port, ratedPowerW: m.model.spec.ratedPowerW })),
  gpus: ai.servers.map((s) => ({ url: s.url, node: s.node })),
  scheduler: ai.scheduler.url,
  vtn: ai.vtn.baseUrl,
  meter: site.meter,
});
process.on('message', async (message: { stop?: boolean }) => {
  if (!message.stop) return;
  await Promise.all([site.close(), ai.close()]);
  process.exit(0);
});
