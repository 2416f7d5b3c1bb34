/**
 * @module drivers/ai-kubernetes/drain
 * Orchestration over any `AiSchedulerDriver`, no I/O of its own: drain a node (PROTOCOLS.md §3.3) and the
 * work a training pod loses when stopped. Draining is what frees a GPU server for a power-off; a pod that a
 * disruption budget protects stays, and the result says so rather than the drain waiting on it.
 */
import { SwitchyardError, ValidationError } from '../../errors.ts';
import type { AiPod, AiSchedulerDriver, EvictionResult } from '../natures.ts';

/**
 * `skipped`: owned by a kind left in place. `terminating`: already on its way out. `failed`: the eviction threw;
 * the drain went on with the other pods.
 */
export type DrainOutcome = EvictionResult | 'skipped' | 'terminating' | 'failed';

export interface DrainedPod {
  readonly namespace: string;
  readonly name: string;
  /** The pod as listed before its eviction (owner and start time price the work it lost). */
  readonly pod: AiPod;
  readonly outcome: DrainOutcome;
  /** The error of a `failed` eviction. */
  readonly error?: SwitchyardError;
}

export interface DrainResult {
  readonly node: string;
  readonly pods: readonly DrainedPod[];
  /** Every pod that would keep the node busy was evicted or already gone (none blocked or failed). */
  readonly complete: boolean;
}

export interface DrainOptions {
  /**
   * Owner kinds to leave in place. Default: `DaemonSet` (its controller would put the pod back on the node at
   * once, as `kubectl drain --ignore-daemonsets` knows) and `Node` (a static pod the kubelet runs from a file,
   * which the API cannot evict).
   */
  readonly skipOwnerKinds?: readonly string[];
}

/**
 * Cordons `node`, then evicts its pods one by one. A cordon that fails throws (nothing else was done); a failed
 * eviction is recorded and the drain goes on, so one misconfigured budget does not keep the other pods running.
 * Evicted pods still draw until their grace period ends: confirm with `listPods` or the node's power.
 */
export async function drainNode(
  driver: AiSchedulerDriver,
  node: string,
  options: DrainOptions = {},
): Promise<DrainResult> {
  const skipOwnerKinds = options.skipOwnerKinds ?? ['DaemonSet', 'Node'];
  await driver.apply({ kind: 'cordon', node, unschedulable: true });
  const pods: DrainedPod[] = [];
  for (const pod of await driver.listPods(node)) {
    const { namespace, name } = pod;
    const listed = { namespace, name, pod };
    if (pod.ownerKind !== null && skipOwnerKinds.includes(pod.ownerKind)) {
      pods.push({ ...listed, outcome: 'skipped' });
    } else if (pod.terminating) {
      pods.push({ ...listed, outcome: 'terminating' });
    } else {
      try {
        pods.push({ ...listed, outcome: await driver.evict(namespace, name) });
      } catch (error) {
        if (!(error instanceof SwitchyardError)) throw error;
        pods.push({ ...listed, outcome: 'failed', error });
      }
    }
  }
  const complete = pods.every((pod) => pod.outcome !== 'blocked' && pod.outcome !== 'failed');
  return { node, pods, complete };
}

/**
 * Seconds of work a pod loses if stopped at `nowMs`: the time since its last checkpoint, with checkpoints every
 * `checkpointIntervalS` from `startedAtMs` ((now − start) mod interval). 0 before the start.
 */
export function workLostS(args: {
  readonly startedAtMs: number;
  readonly nowMs: number;
  readonly checkpointIntervalS: number;
}): number {
  const { startedAtMs, nowMs, checkpointIntervalS } = args;
  if (!Number.isFinite(checkpointIntervalS) || checkpointIntervalS <= 0) {
    throw new ValidationError([
      {
        field: 'checkpointIntervalS',
        problem: 'must be a finite number of seconds > 0',
        value: checkpointIntervalS,
        fix: "give the training job's checkpoint interval",
      },
    ]);
  }
  if (!Number.isFinite(startedAtMs) || !Number.isFinite(nowMs)) {
    throw new ValidationError([
      {
        field: Number.isFinite(startedAtMs) ? 'nowMs' : 'startedAtMs',
        problem: 'must be a finite time in ms since the epoch',
        value: Number.isFinite(startedAtMs) ? nowMs : startedAtMs,
        fix: 'pass the pod’s status.startTime and the current time',
      },
    ]);
  }
  const elapsedMs = Math.max(0, nowMs - startedAtMs);
  return (elapsedMs % (checkpointIntervalS * 1000)) / 1000;
}
