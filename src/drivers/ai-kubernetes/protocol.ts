/**
 * @module drivers/ai-kubernetes/protocol
 * The Kubernetes API subset of PROTOCOLS.md §3.3 as data: paths, zod schemas of the objects the driver reads and
 * the pure mapping to the AI-scheduler nature. The apiserver renders Go structs with `omitempty`, so zeros and
 * `false` are often absent (`status.readyReplicas`, `status.active`, `spec.unschedulable`, a Scale's
 * `spec.replicas` at 0); every default below is one of those. Fields the driver does not use are not checked.
 */
import { z } from 'zod';
import type { AiPod, AiWorkloadReading, AiWorkloadRef } from '../natures.ts';

const seg = encodeURIComponent;

export const PATHS = {
  deployment: (ns: string, name: string) => `/apis/apps/v1/namespaces/${seg(ns)}/deployments/${seg(name)}`,
  scale: (ns: string, name: string) => `/apis/apps/v1/namespaces/${seg(ns)}/deployments/${seg(name)}/scale`,
  job: (ns: string, name: string) => `/apis/batch/v1/namespaces/${seg(ns)}/jobs/${seg(name)}`,
  node: (name: string) => `/api/v1/nodes/${seg(name)}`,
  podsOnNode: (node: string) => `/api/v1/pods?fieldSelector=${seg(`spec.nodeName=${node}`)}`,
  eviction: (ns: string, pod: string) => `/api/v1/namespaces/${seg(ns)}/pods/${seg(pod)}/eviction`,
} as const;

/** Every PATCH here is a JSON merge patch (RFC 7386): plain JSON, `null` deletes, no list merging needed. */
export const MERGE_PATCH = 'application/merge-patch+json';

/** The policy/v1 Eviction body (GA since 1.22; policy/v1beta1 is gone since 1.25). */
export function evictionBody(namespace: string, pod: string): unknown {
  return { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: pod, namespace } };
}

const count = z.number().int().nonnegative();
/** metav1.Time is RFC 3339 at whole seconds; MicroTime fields carry fractions, accepted too. */
const timestampMs = z.iso
  .datetime({ offset: true })
  .transform((text) => Date.parse(text))
  .pipe(z.number());

export const scaleSchema = z.object({
  kind: z.literal('Scale'),
  spec: z.object({ replicas: count.default(0) }),
});

export const deploymentSchema = z.object({
  kind: z.literal('Deployment'),
  // The apiserver defaults spec.replicas to 1, so it is absent only from a hand-written object.
  spec: z.object({ replicas: count.default(1) }),
  status: z.object({ readyReplicas: count.default(0) }).default({ readyReplicas: 0 }),
});

export const jobSchema = z.object({
  kind: z.literal('Job'),
  spec: z.object({ parallelism: count.default(1), suspend: z.boolean().nullish() }),
  status: z.object({ active: count.default(0) }).default({ active: 0 }),
});

export const nodeSchema = z.object({
  kind: z.literal('Node'),
  metadata: z.object({ name: z.string() }),
  spec: z.object({ unschedulable: z.boolean().nullish() }).default({}),
});

const ownerReferenceSchema = z.object({
  kind: z.string(),
  name: z.string(),
  controller: z.boolean().optional(),
});

export const podSchema = z.object({
  metadata: z.object({
    name: z.string().min(1),
    namespace: z.string().min(1),
    deletionTimestamp: timestampMs.nullish(),
    ownerReferences: z.array(ownerReferenceSchema).optional(),
  }),
  status: z
    .object({ phase: z.string().default('Unknown'), startTime: timestampMs.nullish() })
    .default({ phase: 'Unknown' }),
});

export const podListSchema = z.object({ kind: z.literal('PodList'), items: z.array(podSchema) });

/** Error replies (and the eviction's success reply) are `Status` objects. */
export const statusSchema = z.object({
  kind: z.literal('Status'),
  status: z.string().optional(),
  reason: z.string().optional(),
  code: z.number().int().optional(),
  message: z.string().optional(),
});
export type KubeStatus = z.output<typeof statusSchema>;

export const WATCH_EVENT_TYPES = ['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR'] as const;
export const watchEventSchema = z.object({
  type: z.enum(WATCH_EVENT_TYPES),
  object: z.record(z.string(), z.unknown()),
});

export function toWorkloadReading(
  ref: AiWorkloadRef,
  body: z.output<typeof deploymentSchema> | z.output<typeof jobSchema>,
): AiWorkloadReading {
  if (body.kind === 'Deployment') {
    const desiredReplicas = body.spec.replicas;
    return {
      ref,
      desiredReplicas,
      runningReplicas: body.status.readyReplicas,
      suspended: desiredReplicas === 0,
    };
  }
  return {
    ref,
    desiredReplicas: body.spec.parallelism,
    runningReplicas: body.status.active,
    suspended: body.spec.suspend === true,
  };
}

export function toAiPod(body: z.output<typeof podSchema>): AiPod {
  const owners = body.metadata.ownerReferences ?? [];
  // A pod has at most one controlling owner; the others (rare) are garbage-collection links.
  const owner = owners.find((ref) => ref.controller === true) ?? owners[0];
  return {
    namespace: body.metadata.namespace,
    name: body.metadata.name,
    phase: body.status.phase,
    terminating: body.metadata.deletionTimestamp != null,
    ownerKind: owner?.kind ?? null,
    ownerName: owner?.name ?? null,
    startedAtMs: body.status.startTime ?? null,
  };
}

/** A `Status` in an error reply, or null when the body is something else (a proxy's HTML page, nothing). */
export function parseStatus(raw: string): KubeStatus | null {
  try {
    const parsed = statusSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * "Conflict 409: the object has been modified…"; "HTTP 502" when the reply is not a Status. `httpStatus` is null
 * for a Status that came without one (a watch's ERROR event).
 */
export function describeFailure(httpStatus: number | null, raw: string): string {
  const status = parseStatus(raw);
  if (status === null) return httpStatus === null ? 'an error that is not a Status' : `HTTP ${httpStatus}`;
  const head = [status.reason ?? 'HTTP', status.code ?? httpStatus].filter((part) => part != null).join(' ');
  return status.message ? `${head}: ${status.message}` : head;
}

export { decodeBody, decodeValue } from '../json-reply.ts';
