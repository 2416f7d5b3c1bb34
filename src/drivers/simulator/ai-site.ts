/**
 * @module drivers/simulator/ai-site
 * The AI half of a simulated hybrid site, all on 127.0.0.1: one Redfish BMC per GPU server (the three power
 * schema generations in turn, so the driver's discovery is exercised on every run), one Kubernetes API server
 * whose pods drive each server's GPU load (a pod on a node = its GPUs busy, until its grace period ends), and an
 * OpenADR 3 VTN with one demand-response program for the site's VEN.
 */

import { startVtnSimulator, type VtnSimulator } from '../../providers/grid-openadr/simulator.ts';
import { type KubernetesSimulator, startKubernetesSimulator } from '../ai-kubernetes/simulator.ts';
import type { RedfishGeneration } from '../gpu-redfish/codec.ts';
import { type RedfishSimulator, startRedfishSimulator } from '../gpu-redfish/simulator.ts';

const GENERATIONS: readonly RedfishGeneration[] = ['environment-metrics', 'power-subsystem', 'legacy-power'];

/** An 8× H100 SXM server: 10.2 kW at full load, 2 kW idle, caps from 4 kW (PROTOCOLS.md §3.1–3.2). */
export const SIM_GPU_SERVER = { ratedPowerW: 10_200, idleW: 2000, allowableMinW: 4000, gpus: 8 } as const;
/** GPU load of a busy server: training and batched inference keep them near, not at, the limit. */
const BUSY_LOAD = 0.92;

export const SIM_BMC_CREDENTIALS = { username: 'admin', password: 'switchyard-sim' } as const;
export const SIM_K8S_TOKEN = 'switchyard-sim-serviceaccount-token';
export const SIM_VEN_NAME = 'switchyard-sim';
export const SIM_PROGRAM_NAME = 'switchyard-sim-dr';

export interface SimulatedGpuServer {
  readonly url: string;
  readonly node: string;
  readonly bmc: RedfishSimulator;
}

export interface SimulatedAiSite {
  readonly servers: readonly SimulatedGpuServer[];
  readonly scheduler: KubernetesSimulator;
  readonly vtn: VtnSimulator;
  readonly programId: string;
  /** What the GPU servers draw together now, W (IT power, before the AI hall's PUE). */
  physicalPowerW(): number;
  close(): Promise<void>;
}

export interface AiSiteOptions {
  readonly servers: number;
  /** Lever speeds: a cap bites in `capResponseS`; a drained pod draws for `terminationGraceS`. */
  readonly capResponseS?: number;
  readonly terminationGraceS?: number;
  readonly podStartS?: number;
  readonly nowMs?: () => number;
  /** Advance the scheduler's pods on a timer (a live site); tests with a manual clock call `scheduler.tick()`. */
  readonly tickMs?: number;
}

export async function startSimulatedAiSite(options: AiSiteOptions): Promise<SimulatedAiSite> {
  const nodes = Array.from({ length: options.servers }, (_, i) => `gpu-${String(i).padStart(3, '0')}`);
  const clock = options.nowMs === undefined ? {} : { nowMs: options.nowMs };
  const bmcs = await Promise.all(
    nodes.map((_, i) =>
      startRedfishSimulator({
        ...clock,
        ...SIM_BMC_CREDENTIALS,
        auth: 'session',
        etags: true,
        generation: GENERATIONS[i % GENERATIONS.length]!,
        systemId: `HGX_Baseboard_${i}`,
        ratedPowerW: SIM_GPU_SERVER.ratedPowerW,
        idleW: SIM_GPU_SERVER.idleW,
        allowableMinW: SIM_GPU_SERVER.allowableMinW,
        allowableMaxW: SIM_GPU_SERVER.ratedPowerW,
        initialLoadFraction: 0,
        ...(options.capResponseS === undefined ? {} : { capResponseS: options.capResponseS }),
      }),
    ),
  );
  const byNode = new Map(nodes.map((node, i) => [node, bmcs[i]!]));
  const inference = Math.ceil(options.servers / 2);
  const scheduler = await startKubernetesSimulator({
    ...clock,
    token: SIM_K8S_TOKEN,
    nodes,
    workloads: [
      { kind: 'deployment', namespace: 'ai', name: 'llm-inference', replicas: inference },
      { kind: 'job', namespace: 'ai', name: 'train-7b', replicas: options.servers - inference },
    ],
    daemonSet: { namespace: 'kube-system', name: 'dcgm-exporter' },
    ...(options.terminationGraceS === undefined ? {} : { terminationGraceS: options.terminationGraceS }),
    ...(options.podStartS === undefined ? {} : { podStartS: options.podStartS }),
  });
  scheduler.onNodeLoadChange((node, load) => byNode.get(node)?.setLoadFraction(load > 0 ? BUSY_LOAD : 0));
  for (const node of nodes) byNode.get(node)!.setLoadFraction(scheduler.nodeLoad(node) > 0 ? BUSY_LOAD : 0);
  const ticker =
    options.tickMs === undefined ? undefined : setInterval(() => scheduler.tick(), options.tickMs).unref();
  const vtn = await startVtnSimulator(options.nowMs === undefined ? {} : { clock: options.nowMs });
  const program = vtn.createProgram({
    programName: SIM_PROGRAM_NAME,
    programLongName: 'Simulated demand response',
  });
  return {
    servers: nodes.map((node, i) => ({ url: bmcs[i]!.url, node, bmc: bmcs[i]! })),
    scheduler,
    vtn,
    programId: program.id,
    physicalPowerW: () => bmcs.reduce((sum, b) => sum + b.physicalPowerW(), 0),
    close: async () => {
      clearInterval(ticker);
      await Promise.all([...bmcs.map((b) => b.close()), scheduler.close(), vtn.close()]);
    },
  };
}
