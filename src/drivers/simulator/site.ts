/**
 * @module drivers/simulator/site
 * A simulated site: N miners, each its own server on 127.0.0.1 with an ephemeral port, mixed firmware if asked,
 * faults from one spec (per-machine faults drawn from each simulator's seed).
 */

import { startMeterSimulator } from '../meter-modbus/simulator.ts';
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
  /** The site meter (SunSpec model 203 over Modbus TCP), when one was asked for. */
  readonly meter: { readonly host: string; readonly port: number } | null;
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
  /**
   * A site meter reading the miners' physical draw × PUE + the overhead (+ other physical load × its PUE, e.g.
   * the GPU servers), as the grid connection sees it.
   */
  meter?: {
    readonly overheadW: number;
    readonly pue: number;
    readonly other?: { readonly powerW: () => number; readonly pue: number };
  };
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
  const meterOptions = options.meter;
  const meter =
    meterOptions === undefined
      ? null
      : await startMeterSimulator({
          map: 'sunspec',
          wordOrder: 'ABCD',
          powerW: () => {
            const atMs = Date.now();
            const itW = miners.reduce((sum, m) => sum + m.model.powerW(atMs), 0);
            const other = meterOptions.other;
            return (
              meterOptions.overheadW +
              itW * meterOptions.pue +
              (other === undefined ? 0 : other.powerW() * other.pue)
            );
          },
          ...(options.host === undefined ? {} : { host: options.host }),
        });
  return {
    miners,
    meter: meter === null ? null : { host: meter.host, port: meter.port },
    close: async () => {
      await Promise.all(miners.map((m) => m.close()));
      await meter?.close();
    },
  };
}
