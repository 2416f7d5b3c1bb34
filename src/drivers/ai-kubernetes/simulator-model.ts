/**
 * @module drivers/ai-kubernetes/simulator-model
 * The cluster behind the fake apiserver: GPU nodes that each run at most one workload pod (one 8-GPU pod per
 * server), Deployments and Jobs whose controllers create and delete pods, a scheduler that binds pending pods
 * to free schedulable nodes in order, and kubelets that start a pod `podStartS` after binding and remove a
 * deleted one `terminationGraceS` after deletion. Pure: time comes in as `atMs`, and `advance` replays every
 * transition up to it in order, so a site model driven by pod events sees each at its own time.
 */

import type {
  ClusterOptions,
  EvictionOutcome,
  PodEventType,
  PodListener,
  SimNode,
  SimPod,
  SimWorkload,
  WorkloadKind,
  WorkloadStatus,
} from './simulator-types.ts';

/** The characters Kubernetes uses for generated name suffixes (no vowels, no look-alikes). */
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export const workloadKey = (kind: WorkloadKind, namespace: string, name: string) =>
  `${kind}/${namespace}/${name}`;

export class ClusterModel {
  readonly nodes = new Map<string, SimNode>();
  readonly workloads = new Map<string, SimWorkload>();
  /** By `namespace/name`, in creation order (the scheduler's queue order). */
  readonly pods = new Map<string, SimPod>();
  /** `namespace/name` of workloads whose evictions a PodDisruptionBudget refuses (429). */
  readonly pdbBlocked = new Set<string>();
  /** `namespace/name` of workloads selected by two budgets (eviction answers 500). */
  readonly pdbOverlapping = new Set<string>();
  nowMs: number;
  resourceVersion = 1000;
  /** How long a deleted pod keeps terminating (its `terminationGracePeriodSeconds`), ms. */
  readonly graceMs: number;
  private serial = 0;
  private readonly podStartMs: number;
  private readonly daemonSet: ClusterOptions['daemonSet'];
  private readonly listeners = new Set<PodListener>();

  constructor(options: ClusterOptions) {
    this.nowMs = options.startMs;
    this.graceMs = options.terminationGraceS * 1000;
    this.podStartMs = options.podStartS * 1000;
    this.daemonSet = options.daemonSet;
    for (const name of options.nodes) {
      this.nodes.set(name, {
        name,
        uid: this.uid(),
        createdMs: this.nowMs,
        unschedulable: false,
        unschedulableSinceMs: null,
        resourceVersion: ++this.resourceVersion,
      });
    }
    for (const spec of options.workloads) {
      this.workloads.set(workloadKey(spec.kind, spec.namespace, spec.name), {
        ...spec,
        uid: this.uid(),
        createdMs: this.nowMs,
        podPrefix: spec.kind === 'deployment' ? `${spec.name}-${this.suffix(9)}` : spec.name,
        suspended: false,
        suspendedCondition: null,
        generation: 1,
        resourceVersion: ++this.resourceVersion,
        statusKey: '',
      });
    }
    // The cluster starts settled: what fits is already running.
    this.reconcile(this.nowMs);
    for (const pod of this.pods.values()) if (pod.nodeName !== null) pod.phase = 'Running';
    this.refreshStatuses();
  }

  onPodEvent(listener: PodListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Replays every start and removal due by `atMs`, in time order. A clock that steps back changes nothing. */
  advance(atMs: number): void {
    const untilMs = Math.max(atMs, this.nowMs);
    for (let dueMs = this.nextDueMs(); dueMs <= untilMs; dueMs = this.nextDueMs()) {
      this.nowMs = Math.max(this.nowMs, dueMs);
      for (const pod of [...this.pods.values()]) {
        if (pod.deletedMs !== null) {
          if (pod.deletedMs + this.graceMs <= dueMs) this.remove(pod, dueMs);
        } else if (
          pod.phase === 'Pending' &&
          pod.startedMs !== null &&
          pod.startedMs + this.podStartMs <= dueMs
        ) {
          pod.phase = 'Running';
          this.touchPod(pod, 'MODIFIED', dueMs);
        }
      }
      this.reconcile(dueMs);
    }
    this.nowMs = untilMs;
  }

  workloadStatus(workload: SimWorkload): WorkloadStatus {
    let replicas = 0;
    let ready = 0;
    let terminating = 0;
    for (const pod of this.pods.values()) {
      if (pod.workload !== workload) continue;
      if (pod.deletedMs !== null) terminating++;
      else {
        replicas++;
        if (pod.phase === 'Running') ready++;
      }
    }
    return { replicas, ready, terminating };
  }

  /** 1 while a workload pod that has run, or is being deleted, holds the node: it draws until it is gone. */
  nodeLoad(node: string): number {
    for (const pod of this.pods.values()) {
      if (
        pod.workload !== null &&
        pod.nodeName === node &&
        (pod.phase === 'Running' || pod.deletedMs !== null)
      ) {
        return 1;
      }
    }
    return 0;
  }

  setReplicas(workload: SimWorkload, replicas: number): void {
    if (workload.replicas === replicas) return;
    workload.replicas = replicas;
    this.specChanged(workload);
  }

  setSuspended(workload: SimWorkload, suspended: boolean): void {
    if (workload.suspended === suspended) return;
    workload.suspended = suspended;
    workload.suspendedCondition = { status: suspended ? 'True' : 'False', sinceMs: this.nowMs };
    this.specChanged(workload);
  }

  setUnschedulable(node: SimNode, unschedulable: boolean): void {
    if (node.unschedulable === unschedulable) return;
    node.unschedulable = unschedulable;
    node.unschedulableSinceMs = unschedulable ? this.nowMs : null;
    node.resourceVersion = ++this.resourceVersion;
    this.settle();
  }

  evict(namespace: string, name: string): EvictionOutcome {
    const pod = this.pods.get(`${namespace}/${name}`);
    if (pod === undefined) return 'gone';
    // A pod already being deleted is past any budget's say.
    if (pod.deletedMs !== null) return 'evicted';
    const owner = pod.workload === null ? '' : `${pod.workload.namespace}/${pod.workload.name}`;
    if (this.pdbOverlapping.has(owner)) return 'overlapping';
    if (this.pdbBlocked.has(owner)) return 'blocked';
    this.delete(pod, this.nowMs);
    this.settle();
    return 'evicted';
  }

  private specChanged(workload: SimWorkload): void {
    workload.generation++;
    workload.resourceVersion = ++this.resourceVersion;
    this.settle();
  }

  /** After a command: controllers and scheduler act, and anything due at once (a zero grace) happens. */
  private settle(): void {
    this.reconcile(this.nowMs);
    this.advance(this.nowMs);
  }

  private nextDueMs(): number {
    let dueMs = Number.POSITIVE_INFINITY;
    for (const pod of this.pods.values()) {
      if (pod.deletedMs !== null) dueMs = Math.min(dueMs, pod.deletedMs + this.graceMs);
      else if (pod.phase === 'Pending' && pod.startedMs !== null) {
        dueMs = Math.min(dueMs, pod.startedMs + this.podStartMs);
      }
    }
    return dueMs;
  }

  /** The Deployment, Job and DaemonSet controllers, then the scheduler. */
  private reconcile(atMs: number): void {
    for (const workload of this.workloads.values()) {
      const active = [...this.pods.values()].filter(
        (pod) => pod.workload === workload && pod.deletedMs === null,
      );
      // Newest first, so that ties in the ranking below go to the newest.
      active.reverse();
      const wanted = workload.kind === 'job' && workload.suspended ? 0 : workload.replicas;
      for (let count = active.length; count < wanted; count++) this.create(workload, null, atMs);
      // As the ReplicaSet controller: unscheduled first, then not yet running, then the newest.
      const rank = (pod: SimPod) => (pod.nodeName === null ? 2 : pod.phase === 'Pending' ? 1 : 0);
      active.sort((a, b) => rank(b) - rank(a) || (b.startedMs ?? 0) - (a.startedMs ?? 0));
      for (const pod of active.slice(0, Math.max(0, active.length - wanted))) this.delete(pod, atMs);
    }
    if (this.daemonSet !== null) {
      for (const node of this.nodes.keys()) {
        const pods = [...this.pods.values()];
        if (!pods.some((pod) => pod.workload === null && pod.nodeName === node && pod.deletedMs === null)) {
          this.create(null, node, atMs);
        }
      }
    }
    const busy = new Set<string>();
    for (const pod of this.pods.values())
      if (pod.workload !== null && pod.nodeName !== null) busy.add(pod.nodeName);
    const free = [...this.nodes.values()].filter((node) => !node.unschedulable && !busy.has(node.name));
    for (const pod of this.pods.values()) {
      if (free.length === 0) break;
      if (pod.nodeName !== null || pod.deletedMs !== null) continue;
      pod.nodeName = free.shift()!.name;
      pod.startedMs = atMs;
      this.touchPod(pod, 'MODIFIED', atMs);
    }
    this.refreshStatuses();
  }

  /** A workload's resourceVersion moves whenever its status does, as the controllers write it. */
  private refreshStatuses(): void {
    for (const workload of this.workloads.values()) {
      const key = JSON.stringify(this.workloadStatus(workload));
      if (key === workload.statusKey) continue;
      workload.statusKey = key;
      workload.resourceVersion = ++this.resourceVersion;
    }
  }

  private create(workload: SimWorkload | null, nodeName: string | null, atMs: number): void {
    const daemonSet = this.daemonSet!;
    const owner = workload ?? daemonSet;
    const prefix = workload?.podPrefix ?? daemonSet.name;
    let name = `${prefix}-${this.suffix(5)}`;
    while (this.pods.has(`${owner.namespace}/${name}`)) name = `${prefix}-${this.suffix(5)}`;
    const pod: SimPod = {
      uid: this.uid(),
      namespace: owner.namespace,
      name,
      ownerKind: workload === null ? 'DaemonSet' : workload.kind === 'job' ? 'Job' : 'ReplicaSet',
      ownerName: workload?.podPrefix ?? daemonSet.name,
      workload,
      createdMs: atMs,
      nodeName,
      startedMs: nodeName === null ? null : atMs,
      phase: 'Pending',
      deletedMs: null,
      resourceVersion: 0,
    };
    this.pods.set(`${pod.namespace}/${pod.name}`, pod);
    this.touchPod(pod, 'ADDED', atMs);
  }

  /** Deletion: an unscheduled pod goes at once; one on a node terminates for the grace period. */
  private delete(pod: SimPod, atMs: number): void {
    if (pod.nodeName === null) this.remove(pod, atMs);
    else {
      pod.deletedMs = atMs;
      this.touchPod(pod, 'MODIFIED', atMs);
    }
  }

  private remove(pod: SimPod, atMs: number): void {
    this.pods.delete(`${pod.namespace}/${pod.name}`);
    this.touchPod(pod, 'DELETED', atMs);
  }

  private touchPod(pod: SimPod, type: PodEventType, atMs: number): void {
    pod.resourceVersion = ++this.resourceVersion;
    for (const listener of this.listeners) listener(type, pod, atMs);
  }

  private uid(): string {
    const serial = (++this.serial).toString(16).padStart(12, '0');
    return `5e1f0000-0000-4000-8000-${serial}`;
  }

  /** Deterministic but random-looking, as a generated name suffix is. */
  private suffix(length: number): string {
    const seed = ++this.serial;
    let text = '';
    for (let i = 0; i < length; i++) {
      text += NAME_ALPHABET[(Math.imul(seed * 977 + i, 0x9e3779b1) >>> 0) % NAME_ALPHABET.length];
    }
    return text;
  }
}
