/**
 * @module drivers/ai-kubernetes/simulator-types
 * The fake cluster's objects as the model keeps them (mutable where the cluster changes them) and as the
 * bodies render them.
 */

export type WorkloadKind = 'deployment' | 'job';

export interface SimWorkloadSpec {
  readonly kind: WorkloadKind;
  readonly namespace: string;
  readonly name: string;
  /** Deployment `spec.replicas`, Job `spec.parallelism`. */
  readonly replicas: number;
}

export interface ClusterOptions {
  readonly nodes: readonly string[];
  readonly workloads: readonly SimWorkloadSpec[];
  readonly terminationGraceS: number;
  readonly podStartS: number;
  /** A DaemonSet with a pod on every node (cordons do not keep it off), or none. */
  readonly daemonSet: { readonly namespace: string; readonly name: string } | null;
  readonly startMs: number;
}

export interface SimWorkload extends SimWorkloadSpec {
  readonly uid: string;
  readonly createdMs: number;
  /** Pods are named after this: the ReplicaSet (`llm-5d4f7c9b8`) for a Deployment, the Job's own name. */
  readonly podPrefix: string;
  replicas: number;
  suspended: boolean;
  /** The Job's `Suspended` condition once it has been suspended. */
  suspendedCondition: { readonly status: 'True' | 'False'; readonly sinceMs: number } | null;
  generation: number;
  resourceVersion: number;
  statusKey: string;
}

export interface SimNode {
  readonly name: string;
  readonly uid: string;
  readonly createdMs: number;
  unschedulable: boolean;
  unschedulableSinceMs: number | null;
  resourceVersion: number;
}

export interface SimPod {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  readonly ownerKind: 'ReplicaSet' | 'Job' | 'DaemonSet';
  readonly ownerName: string;
  /** null for DaemonSet pods, which take no GPU server. */
  readonly workload: SimWorkload | null;
  readonly createdMs: number;
  nodeName: string | null;
  /** When the kubelet took it (`status.startTime`); it runs `podStartS` later. */
  startedMs: number | null;
  phase: 'Pending' | 'Running';
  deletedMs: number | null;
  resourceVersion: number;
}

export interface WorkloadStatus {
  /** Pods not being deleted (pending or running): Scale `status.replicas`, Job `status.active`. */
  readonly replicas: number;
  /** Running and not being deleted: `readyReplicas`, Job `status.ready`. */
  readonly ready: number;
  readonly terminating: number;
}

export type PodEventType = 'ADDED' | 'MODIFIED' | 'DELETED';
export type PodListener = (type: PodEventType, pod: SimPod, atMs: number) => void;
export type EvictionOutcome = 'evicted' | 'gone' | 'blocked' | 'overlapping';
