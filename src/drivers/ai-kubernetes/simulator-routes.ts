/**
 * @module drivers/ai-kubernetes/simulator-routes
 * The fake apiserver's requests as a pure function of the cluster model: the six endpoints of PROTOCOLS.md
 * §3.3 (deployment and its scale, job, node, pods by node, eviction) with the apiserver's refusals: 404 for an
 * unknown path or object, 405, 415 for a PATCH that is not a merge patch, 400 for a body that is not JSON, 422
 * for a value out of range. A pods GET with `watch=1` comes back as a watch request for the server to stream.
 */
import {
  deploymentBody,
  EVICTED,
  failure,
  jobBody,
  nodeBody,
  podListBody,
  scaleBody,
} from './simulator-bodies.ts';
import { type ClusterModel, workloadKey } from './simulator-model.ts';
import type { SimPod } from './simulator-types.ts';

export interface SimRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  readonly contentType: string;
  readonly body: string;
}

export interface Reply {
  readonly status: number;
  readonly body: unknown;
}

/** A pods watch; `watchNode` null watches every pod. */
export interface WatchRequest {
  readonly watchNode: string | null;
}

const DEPLOYMENT = /^\/apis\/apps\/v1\/namespaces\/([^/]+)\/deployments\/([^/]+?)(\/scale)?$/;
const JOB = /^\/apis\/batch\/v1\/namespaces\/([^/]+)\/jobs\/([^/]+)$/;
const NODE = /^\/api\/v1\/nodes\/([^/]+)$/;
const EVICTION = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/eviction$/;
const PODS = /^\/api\/v1\/pods$/;
const MERGE_PATCHES = ['application/merge-patch+json', 'application/strategic-merge-patch+json'];

const reply = (status: number, body: unknown): Reply => ({ status, body });
const notAllowed = () =>
  reply(405, failure(405, 'the server does not allow this method on the requested resource'));
const notFound = (resource: string, name: string, group: string) =>
  reply(
    404,
    failure(404, `${resource}${group ? `.${group}` : ''} "${name}" not found`, {
      name,
      group,
      kind: resource,
    }),
  );

type Handler = (
  model: ClusterModel,
  request: SimRequest,
  match: RegExpExecArray,
  url: URL,
) => Reply | WatchRequest;

const ROUTES: readonly (readonly [RegExp, Handler])[] = [
  [DEPLOYMENT, deployment],
  [JOB, job],
  [NODE, node],
  [PODS, pods],
  [
    EVICTION,
    (model, request, match) => (request.method === 'POST' ? evict(model, request, match) : notAllowed()),
  ],
];

export function route(model: ClusterModel, request: SimRequest): Reply | WatchRequest {
  const url = new URL(request.url, 'http://apiserver');
  for (const [pattern, handler] of ROUTES) {
    const match = pattern.exec(url.pathname);
    if (match !== null) return handler(model, request, match, url);
  }
  return reply(404, failure(404, 'the server could not find the requested resource', {}));
}

function deployment(model: ClusterModel, request: SimRequest, match: RegExpExecArray): Reply {
  const [namespace, name, scale] = [decode(match[1]), decode(match[2]), match[3] !== undefined];
  if (request.method !== 'GET' && !(scale && request.method === 'PATCH')) return notAllowed();
  const workload = model.workloads.get(workloadKey('deployment', namespace, name));
  if (workload === undefined) return notFound('deployments', name, 'apps');
  if (request.method === 'GET') return reply(200, (scale ? scaleBody : deploymentBody)(model, workload));
  const patch = readPatch(request, 'Scale.autoscaling', name, { replicas: 'count' });
  if (!patch.ok) return patch.reply;
  if (patch.values.replicas !== undefined) model.setReplicas(workload, patch.values.replicas as number);
  return reply(200, scaleBody(model, workload));
}

function job(model: ClusterModel, request: SimRequest, match: RegExpExecArray): Reply {
  const [namespace, name] = [decode(match[1]), decode(match[2])];
  if (request.method !== 'GET' && request.method !== 'PATCH') return notAllowed();
  const workload = model.workloads.get(workloadKey('job', namespace, name));
  if (workload === undefined) return notFound('jobs', name, 'batch');
  if (request.method === 'PATCH') {
    const patch = readPatch(request, 'Job.batch', name, { suspend: 'flag', parallelism: 'count' });
    if (!patch.ok) return patch.reply;
    const { parallelism, suspend } = patch.values;
    if (parallelism !== undefined) model.setReplicas(workload, parallelism as number);
    if (suspend !== undefined) model.setSuspended(workload, suspend === true);
  }
  return reply(200, jobBody(model, workload));
}

function node(model: ClusterModel, request: SimRequest, match: RegExpExecArray): Reply {
  const name = decode(match[1]);
  if (request.method !== 'GET' && request.method !== 'PATCH') return notAllowed();
  const found = model.nodes.get(name);
  if (found === undefined) return notFound('nodes', name, '');
  if (request.method === 'PATCH') {
    const patch = readPatch(request, 'Node', name, { unschedulable: 'flag' });
    if (!patch.ok) return patch.reply;
    if (patch.values.unschedulable !== undefined)
      model.setUnschedulable(found, patch.values.unschedulable === true);
  }
  return reply(200, nodeBody(found));
}

function pods(
  model: ClusterModel,
  request: SimRequest,
  _match: RegExpExecArray,
  url: URL,
): Reply | WatchRequest {
  if (request.method !== 'GET') return notAllowed();
  const selector = url.searchParams.get('fieldSelector');
  const node = selector === null ? null : /^spec\.nodeName==?(.*)$/.exec(selector)?.[1];
  if (node === undefined) return reply(400, failure(400, `field label not supported: ${selector}`));
  if (['1', 'true'].includes(url.searchParams.get('watch') ?? '')) return { watchNode: node };
  const onNode = [...model.pods.values()].filter((pod) => node === null || pod.nodeName === node);
  // As etcd returns them: by key, namespace then name.
  const key = (pod: SimPod) => `${pod.namespace}/${pod.name}`;
  onNode.sort((a, b) => (key(a) < key(b) ? -1 : 1));
  return reply(200, podListBody(model, onNode));
}

function evict(model: ClusterModel, request: SimRequest, match: RegExpExecArray): Reply {
  const [namespace, pod] = [decode(match[1]), decode(match[2])];
  if (mediaType(request) !== 'application/json') return unsupportedMediaType();
  const body = parseJson(request.body);
  if (!isObject(body) || body.kind !== 'Eviction' || body.apiVersion !== 'policy/v1') {
    return reply(400, failure(400, 'expected a policy/v1 Eviction'));
  }
  const meta = isObject(body.metadata) ? body.metadata : {};
  if (meta.name !== pod)
    return reply(400, failure(400, 'name in URL does not match name in Eviction object'));
  switch (model.evict(namespace, pod)) {
    case 'evicted':
      return reply(201, EVICTED);
    case 'gone':
      return reply(404, failure(404, `pods "${pod}" not found`, { name: pod, kind: 'pods' }));
    case 'blocked':
      return reply(
        429,
        failure(429, "Cannot evict pod as it would violate the pod's disruption budget.", {
          causes: [
            {
              reason: 'DisruptionBudget',
              message: 'The disruption budget needs 1 healthy pods and has 1 currently',
            },
          ],
        }),
      );
    case 'overlapping':
      return reply(
        500,
        failure(
          500,
          'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
        ),
      );
  }
}

type FieldType = 'count' | 'flag';
type Patch =
  | { readonly ok: true; readonly values: Record<string, number | boolean> }
  | { readonly ok: false; readonly reply: Reply };

/** A merge patch's `spec` fields, checked; `null` (merge-patch for "remove") is `false` for a flag. */
function readPatch(
  request: SimRequest,
  kind: string,
  name: string,
  fields: Readonly<Record<string, FieldType>>,
): Patch {
  if (!MERGE_PATCHES.includes(mediaType(request))) return { ok: false, reply: unsupportedMediaType() };
  const body = parseJson(request.body);
  if (!isObject(body)) {
    return {
      ok: false,
      reply: reply(400, failure(400, 'error decoding patch: the patch is not a JSON object')),
    };
  }
  const spec = isObject(body.spec) ? body.spec : {};
  const values: Record<string, number | boolean> = {};
  for (const [field, type] of Object.entries(fields)) {
    const value = spec[field];
    if (value === undefined) continue;
    const valid =
      type === 'flag'
        ? value === null || typeof value === 'boolean'
        : Number.isInteger(value) && (value as number) >= 0;
    if (!valid) {
      const problem = type === 'flag' ? 'must be true or false' : 'must be greater than or equal to 0';
      const message = `Invalid value: ${JSON.stringify(value)}: ${problem}`;
      const details = {
        name,
        kind,
        causes: [{ reason: 'FieldValueInvalid', message, field: `spec.${field}` }],
      };
      const text = `${kind} "${name}" is invalid: spec.${field}: ${message}`;
      return { ok: false, reply: reply(422, failure(422, text, details)) };
    }
    values[field] = value === null ? false : (value as number | boolean);
  }
  return { ok: true, values };
}

function unsupportedMediaType(): Reply {
  const accepted = MERGE_PATCHES.join(', ');
  return reply(
    415,
    failure(
      415,
      `the body of the request was in an unknown format - accepted media types include: ${accepted}`,
    ),
  );
}

const mediaType = (request: SimRequest) => request.contentType.split(';')[0]!.trim().toLowerCase();
function decode(segment: string | undefined): string {
  try {
    return decodeURIComponent(segment ?? '');
  } catch {
    return segment ?? '';
  }
}
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
