/**
 * @module drivers/simulator/site
 * A simulated site: N miners, each its own server on 127.0.0.1 with an ephemeral port, mixed firmware if asked,
 * faults from one spec (per-machine faults drawn from each simulator's seed).
 */

import { MINER_SIMULATORS } from '../miners.ts';
import type { MinerFirmware } from '../natures.ts';
import type { FaultSpec } from './faults.ts';
import type { MinerModelSpec } from './miner-model.ts';
import type { SimulatedMiner } from './types.ts';

export type SiteFirmware = MinerFirmware | 'mixed';

/** `mixed`: mostly LuxOS (the first write path), a quarter Braiins OS, every twentieth read-only stock cgminer. */
export function firmwareOf(index: number, firmware: SiteFirmware): MinerFirmware {
  if (firmware !== 'mixed') return firmware;
  if (index % 20 === 19) return 'cgminer';
  return index % 4 === 3 ? 'braiins' : 'luxos';
}

export const SIM_CREDENTIALS = { username: 'root', password: 'switchyard-sim' } as const;

export interface SimulatedSite {
  readonly miners: readonly SimulatedMiner[];
  close(): Promise<void>;
}

export async function startSimulatedSite(options: {
  miners: number;
  firmware: SiteFirmware;
  faults: FaultSpec;
  seed: number;
  spec: MinerModelSpec;
  host?: string;
  /** Simulators started at once (each binds a port). */
  concurrency?: number;
}): Promise<SimulatedSite> {
  const miners: SimulatedMiner[] = [];
  const batch = options.concurrency ?? 256;
  try {
    for (let first = 0; first < options.miners; first += batch) {
      const started = await Promise.all(
        Array.from({ length: Math.min(batch, options.miners - first) }, (_, k) => {
          const i = first + k;
          return MINER_SIMULATORS[firmwareOf(i, options.firmware)]({
            spec: options.spec,
            faults: options.faults,
            seed: options.seed * 1_000_003 + i,
            credentials: SIM_CREDENTIALS,
            ...(options.host === undefined ? {} : { host: options.host }),
          });
        }),
      );
      miners.push(...started);
    }
  } catch (error) {
    await Promise.all(miners.map((m) => m.close()));
    throw error;
  }
  return { miners, close: async () => void (await Promise.all(miners.map((m) => m.close()))) };
}
