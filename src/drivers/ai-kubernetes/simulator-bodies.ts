/**
 * @module drivers/ai-kubernetes/simulator-bodies
 * The JSON the fake apiserver answers with, shaped as a 1.30 apiserver renders it: `kind`/`apiVersion` on single
 * objects and watch events but not on list items, timestamps at whole seconds, `resourceVersion` as a string,
 * and Go's `omitempty` (zero counts and `false` flags left out), which is what trips clients up. Pure.
 */
import type { ClusterModel } from './simulator-model.ts';
import type { SimNode, SimPod, SimWorkload } from './simulator-types.ts';

/** metav1.Time: RFC 3339 in UTC at whole seconds. */
export const rfc3339 = (ms: number) =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

export const REASONS: Readonly<Record<number, string>> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
};

export function failure(code: number, message: string, details?: Record<string, unknown>): unknown {
  const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message };
  return {
    ...status,
    reason: REASONS[code] ?? 'Unknown',
    ...(details === undefined ? {} : { details }),
    code,
  };
}

/** What apiservers answer a successful eviction with (201, although the API reference says 200). */
export const EVICTED = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };

/** Drops zero counts, as `omitempty` on an int32 does. */
function omitZeros(fields: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== 0));
}

function metadata(
  object: {
    readonly name: string;
    readonly uid: string;
    readonly resourceVersion: number;
    readonly createdMs: number;
  },
  namespace?: string,
) {
  return {
    name: object.name,
    ...(namespace === undefined ? {} : { namespace }),
    uid: object.uid,
    resourceVersion: String(object.resourceVersion),
    creationTimestamp: rfc3339(object.createdMs),
  };
}

const GPU_CONTAINER = {
  name: 'worker',
  image: 'nvcr.io/nvidia/pytorch:24.05-py3',
  resources: { limits: { 'nvidia.com/gpu': '8' }, requests: { 'nvidia.com/gpu': '8' } },
};

function podTemplate(labels: Record<string, string>, graceS: number) {
  return {
    metadata: { labels },
    spec: { containers: [GPU_CONTAINER], terminationGracePeriodSeconds: graceS },
  };
}

export function scaleBody(model: ClusterModel, workload: SimWorkload): unknown {
  const { replicas } = model.workloadStatus(workload);
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: metadata(workload, workload.namespace),
    spec: omitZeros({ replicas: workload.replicas }),
    status: { replicas, selector: `app=${workload.name}` },
  };
}

export function deploymentBody(model: ClusterModel, workload: SimWorkload): unknown {
  const { replicas, ready } = model.workloadStatus(workload);
  const labels = { app: workload.name };
  return {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: { ...metadata(workload, workload.namespace), generation: workload.generation, labels },
    spec: {
      replicas: workload.replicas,
      selector: { matchLabels: labels },
      template: podTemplate(labels, model.graceMs / 1000),
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
    },
    status: omitZeros({
      observedGeneration: workload.generation,
      replicas,
      updatedReplicas: replicas,
      readyReplicas: ready,
      availableReplicas: ready,
      unavailableReplicas: replicas - ready,
    }),
  };
}

export function jobBody(model: ClusterModel, workload: SimWorkload): unknown {
  const { replicas, ready, terminating } = model.workloadStatus(workload);
  const labels = { 'job-name': workload.name };
  const condition = workload.suspendedCondition;
  const conditions =
    condition === null
      ? []
      : [
          {
            type: 'Suspended',
            status: condition.status,
            lastProbeTime: rfc3339(condition.sinceMs),
            lastTransitionTime: rfc3339(condition.sinceMs),
            reason: condition.status === 'True' ? 'JobSuspended' : 'JobResumed',
            message: condition.status === 'True' ? 'Job suspended' : 'Job resumed',
          },
        ];
  return {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: { ...metadata(workload, workload.namespace), generation: workload.generation, labels },
    spec: {
      parallelism: workload.replicas,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      suspend: workload.suspended,
      template: { ...podTemplate(labels, model.graceMs / 1000), restartPolicy: 'Never' },
    },
    status: {
      ...(conditions.length === 0 ? {} : { conditions }),
      startTime: rfc3339(workload.createdMs),
      ...omitZeros({ active: replicas }),
      ready,
      terminating,
    },
  };
}

export function nodeBody(node: SimNode): unknown {
  const capacity = { cpu: '224', memory: '2113464Mi', 'nvidia.com/gpu': '8', pods: '110' };
  return {
    kind: 'Node',
    apiVersion: 'v1',
    metadata: { ...metadata(node), labels: { 'kubernetes.io/hostname': node.name } },
    spec: node.unschedulable
      ? {
          unschedulable: true,
          taints: [
            {
              key: 'node.kubernetes.io/unschedulable',
              effect: 'NoSchedule',
              timeAdded: rfc3339(node.unschedulableSinceMs ?? node.createdMs),
            },
          ],
        }
      : {},
    status: {
      capacity,
      allocatable: capacity,
      conditions: [
        { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ],
    },
  };
}

export function podBody(model: ClusterModel, pod: SimPod): Record<string, unknown> {
  const graceS = model.graceMs / 1000;
  const workload = pod.workload;
  const labels: Record<string, string> =
    workload === null
      ? { app: pod.ownerName }
      : workload.kind === 'job'
        ? { 'job-name': workload.name }
        : { app: workload.name };
  const ownerApi = pod.ownerKind === 'Job' ? 'batch/v1' : 'apps/v1';
  const owner = {
    apiVersion: ownerApi,
    kind: pod.ownerKind,
    name: pod.ownerName,
    uid: workload?.uid ?? pod.uid,
  };
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: {
      ...metadata(pod, pod.namespace),
      generateName: `${pod.ownerName}-`,
      labels,
      ownerReferences: [{ ...owner, controller: true, blockOwnerDeletion: true }],
      // The deletion timestamp is when the grace period runs out, not when the delete came.
      ...(pod.deletedMs === null
        ? {}
        : { deletionTimestamp: rfc3339(pod.deletedMs + model.graceMs), deletionGracePeriodSeconds: graceS }),
    },
    spec: {
      ...(pod.nodeName === null ? {} : { nodeName: pod.nodeName }),
      containers: [
        workload === null
          ? { name: 'exporter', image: 'nvcr.io/nvidia/k8s/dcgm-exporter:3.3.6' }
          : GPU_CONTAINER,
      ],
      terminationGracePeriodSeconds: graceS,
    },
    status: {
      phase: pod.phase,
      ...(pod.startedMs === null ? {} : { startTime: rfc3339(pod.startedMs) }),
    },
  };
}

export function podListBody(model: ClusterModel, pods: readonly SimPod[]): unknown {
  const items = pods.map((pod) => {
    const { kind: _kind, apiVersion: _apiVersion, ...item } = podBody(model, pod);
    return item;
  });
  return {
    kind: 'PodList',
    apiVersion: 'v1',
    metadata: { resourceVersion: String(model.resourceVersion) },
    items,
  };
}
