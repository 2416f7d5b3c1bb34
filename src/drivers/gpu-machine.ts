/**
 * @module drivers/gpu-machine
 * A GPU server as the controller drives it: one machine with two levers behind two protocols. Its BMC
 * (Redfish) reads the watts and sets the cap — the fast lever; the AI scheduler (Kubernetes) drains its node —
 * cordon, then evict the pods — the deep lever that stops the work. Both map onto the machine vocabulary the
 * controller already confirms: `power-target` = cap (rated = uncapped), `sleep` = drain, `wake` = uncordon.
 */
import { ProtocolError } from '../errors.ts';
import { drainNode, workLostS } from './ai-kubernetes/drain.ts';
import type {
  AiInterruption,
  AiPod,
  AiSchedulerDriver,
  GpuServerCapabilities,
  GpuServerDriver,
  MachineDriver,
  MinerCapabilities,
  MinerCommand,
  MinerReading,
} from './natures.ts';

export interface GpuMachineOptions {
  readonly bmc: GpuServerDriver;
  /** The scheduler and this server's node in it; without them the server can only be capped. */
  readonly scheduler?: { readonly driver: AiSchedulerDriver; readonly node: string };
  readonly ratedPowerW: number;
  /** Draw with the GPUs idle, W: a drain counts as done once the jobs are gone and the draw is down to it. */
  readonly idlePowerW: number;
  readonly gpus: number;
  readonly checkpointEveryS: number;
  readonly nowMs: () => number;
}

/** Pods that hold GPUs: DaemonSet pods (exporters, drivers) stay on a drained node and draw nothing of note. */
const isWorkload = (pod: AiPod): boolean =>
  !DRAIN_SKIPS_OWNERS.includes(pod.ownerKind ?? '') &&
  (pod.phase === 'Running' || pod.phase === 'Pending' || pod.terminating);

/** Owners whose pods stay on a drained node: DaemonSets (exporters, drivers) and static pods the kubelet runs. */
const DRAIN_SKIPS_OWNERS: readonly string[] = ['DaemonSet', 'Node'];

/** The lowest cap assumed when the BMC states no range, as a share of rated power. */
const DEFAULT_FLOOR_SHARE = 0.4;

/** Idle draw wobbles with fans and memory clocks; a quarter above it still counts as idle. */
const IDLE_TOLERANCE = 1.25;

export class GpuMachine implements MachineDriver {
  private readonly options: GpuMachineOptions;
  private caps: GpuServerCapabilities | null = null;
  private interruptions: AiInterruption[] = [];

  constructor(options: GpuMachineOptions) {
    this.options = options;
  }

  async read(): Promise<MinerReading> {
    const { bmc, scheduler } = this.options;
    // A scheduler outage must not cost the cap lever: without it the BMC alone says what the server draws.
    const [reading, node, pods] = await Promise.all([
      bmc.read(),
      scheduler?.driver.readNode(scheduler.node).catch(() => undefined),
      scheduler?.driver.listPods(scheduler.node).catch(() => undefined),
    ]);
    const busy =
      (pods?.some(isWorkload) ?? true) || reading.powerW > this.options.idlePowerW * IDLE_TOLERANCE;
    const state =
      reading.powerState !== 'on' ? 'off' : node?.unschedulable === true && !busy ? 'curtailed' : 'running';
    return {
      state,
      powerW: reading.powerW,
      hashrateThs: 0,
      powerTargetW: reading.powerLimitW,
      temperatureC: null,
      uptimeS: null,
      model: reading.model,
      targetIsCeiling: true,
    };
  }

  async capabilities(): Promise<MinerCapabilities> {
    this.caps ??= await this.options.bmc.capabilities();
    const { ratedPowerW } = this.options;
    return {
      canSleep: this.options.scheduler !== undefined,
      canSetPowerTarget: this.caps.canCap,
      // The legacy Power schema states no range; GPUs take caps down to about 40 % of board power (nvidia-smi
      // power.min_limit), so that is the floor assumed, and the BMC's 400 says so if it is wrong.
      // A floor under idle (the DMTF mockup says 150 W) would promise watts a cap cannot take off.
      powerRangeW: this.caps.canCap
        ? {
            minW: Math.max(
              this.caps.powerLimitRangeW?.minW ?? DEFAULT_FLOOR_SHARE * ratedPowerW,
              this.options.idlePowerW,
            ),
            maxW: this.caps.powerLimitRangeW?.maxW ?? ratedPowerW,
          }
        : null,
      powerStepsW: null,
    };
  }

  async apply(command: MinerCommand): Promise<MinerCommand> {
    switch (command.kind) {
      case 'power-target': {
        const caps = await this.capabilities();
        // At or above rated a cap only risks throttling a burst: remove it instead.
        if (command.powerW >= this.options.ratedPowerW) {
          await this.options.bmc.apply({ kind: 'uncap' });
          return command;
        }
        const taken = await this.options.bmc.apply({ kind: 'cap', powerW: command.powerW });
        const capW = taken.kind === 'cap' ? taken.powerW : command.powerW;
        return { kind: 'power-target', powerW: Math.max(capW, caps.powerRangeW?.minW ?? 0) };
      }
      case 'sleep':
        await this.drain();
        return command;
      case 'wake':
        await this.schedulerOrThrow('wake').driver.apply({
          kind: 'cordon',
          node: this.schedulerOrThrow('wake').node,
          unschedulable: false,
        });
        return command;
    }
  }

  takeInterruptions(): readonly AiInterruption[] {
    const taken = this.interruptions;
    this.interruptions = [];
    return taken;
  }

  async close(): Promise<void> {
    await this.options.bmc.close();
  }

  private schedulerOrThrow(what: string): NonNullable<GpuMachineOptions['scheduler']> {
    const scheduler = this.options.scheduler;
    if (scheduler === undefined)
      throw new ProtocolError(
        'gpu-server',
        what,
        'no scheduler node configured: this server can only be capped',
        '',
      );
    return scheduler;
  }

  private async drain(): Promise<void> {
    const { driver, node } = this.schedulerOrThrow('sleep');
    const result = await drainNode(driver, node, { skipOwnerKinds: DRAIN_SKIPS_OWNERS });
    const atMs = this.options.nowMs();
    // The server's GPUs are shared among its workload pods (one 8-GPU pod, or eight 1-GPU pods).
    const gpusPerPod = this.options.gpus / Math.max(1, result.pods.filter((p) => isWorkload(p.pod)).length);
    let workLostGpuS = 0;
    for (const { pod, outcome } of result.pods) {
      // Inference replicas lose no work; a Job's pod loses what it trained since its last checkpoint.
      if (outcome !== 'evicted' || pod.ownerKind !== 'Job' || pod.startedAtMs === null) continue;
      const lostS = workLostS({
        startedAtMs: pod.startedAtMs,
        nowMs: atMs,
        checkpointIntervalS: this.options.checkpointEveryS,
      });
      workLostGpuS += lostS * gpusPerPod;
    }
    const count = (outcome: string) => result.pods.filter((p) => p.outcome === outcome).length;
    this.interruptions.push({
      atMs,
      podsEvicted: count('evicted'),
      podsBlocked: count('blocked') + count('failed'),
      workLostGpuS,
    });
  }
}
