/**
 * The fake apiserver over raw HTTP, where the driver would hide it: refusals (401, 404, 405, 415, 400, 422) as
 * `Status` objects, `omitempty` gaps, resourceVersion bumps, list order, and the watch's view of a pod that the
 * scheduler binds later.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type KubernetesSimulator, startKubernetesSimulator } from './simulator.ts';

const TOKEN = 'sa-token-1';
let nowMs = Date.parse('2026-07-15T19:00:00Z');
const sims: KubernetesSimulator[] = [];

afterEach(async () => {
  for (const sim of sims.splice(0)) await sim.close();
});

async function start(nodes = ['gpu-01', 'gpu-02']) {
  const sim = await startKubernetesSimulator({
    token: TOKEN,
    nodes,
    workloads: [{ kind: 'deployment', namespace: 'ai', name: 'llm', replicas: 1 }],
    nowMs: () => nowMs,
    podStartS: 20,
    daemonSet: { namespace: 'kube-system', name: 'dcgm-exporter' },
  });
  sims.push(sim);
  return sim;
}

// biome-ignore lint/suspicious/noExplicitAny: tests read the apiserver's JSON freely.
type Json = any;

async function call(
  sim: KubernetesSimulator,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Json }> {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/merge-patch+json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: response.status, json: await response.json() };
}

const NODE = '/api/v1/nodes/gpu-01';
const SCALE = '/apis/apps/v1/namespaces/ai/deployments/llm/scale';

describe('Kubernetes simulator', () => {
  it('answers a missing or wrong token with the apiserver’s 401 Status', async () => {
    const sim = await start();
    const expected = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Unauthorized',
    };
    for (const authorization of ['', `Bearer ${TOKEN}x`, TOKEN]) {
      const { status, json } = await call(sim, 'GET', NODE, undefined, { authorization });
      expect(status).toBe(401);
      expect(json).toEqual({ ...expected, reason: 'Unauthorized', code: 401 });
    }
  });

  it('tells an unknown path from an unknown object, and refuses a method a resource lacks', async () => {
    const sim = await start();
    expect((await call(sim, 'GET', '/apis/apps/v1/deployments')).json).toMatchObject({
      code: 404,
      reason: 'NotFound',
      message: 'the server could not find the requested resource',
    });
    expect((await call(sim, 'GET', '/api/v1/nodes/gpu-99')).json).toMatchObject({
      message: 'nodes "gpu-99" not found',
      details: { name: 'gpu-99', kind: 'nodes' },
    });
    expect((await call(sim, 'DELETE', NODE)).status).toBe(405);
    expect((await call(sim, 'PATCH', '/apis/apps/v1/namespaces/ai/deployments/llm', {})).status).toBe(405);
  });

  it('takes only merge patches (415), JSON (400) and values in range (422)', async () => {
    const sim = await start();
    const json = { 'content-type': 'application/json' };
    expect(await call(sim, 'PATCH', SCALE, { spec: { replicas: 2 } }, json)).toMatchObject({
      status: 415,
      json: { reason: 'UnsupportedMediaType' },
    });
    expect((await call(sim, 'PATCH', SCALE, '{"spec":')).status).toBe(400);
    const invalid = await call(sim, 'PATCH', SCALE, { spec: { replicas: -1 } });
    expect(invalid.status).toBe(422);
    expect(invalid.json).toMatchObject({
      reason: 'Invalid',
      message:
        'Scale.autoscaling "llm" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      details: { causes: [{ reason: 'FieldValueInvalid', field: 'spec.replicas' }] },
    });
    expect((await call(sim, 'PATCH', NODE, { spec: { unschedulable: 'yes' } })).status).toBe(422);
    expect((await call(sim, 'GET', SCALE)).json.spec).toEqual({ replicas: 1 });
  });

  it('checks the Eviction body against the URL', async () => {
    const sim = await start();
    const path = '/api/v1/namespaces/ai/pods/someone/eviction';
    const json = { 'content-type': 'application/json' };
    const body = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'other', namespace: 'ai' } };
    expect((await call(sim, 'POST', path, body, json)).json.message).toMatch(/does not match/);
    expect((await call(sim, 'POST', path, { ...body, apiVersion: 'policy/v1beta1' }, json)).status).toBe(400);
    expect((await call(sim, 'POST', path, body)).status).toBe(415);
  });

  it('leaves out zeros and false, bumps resourceVersion on change only', async () => {
    const sim = await start();
    const before = (await call(sim, 'GET', NODE)).json;
    expect(before.spec).toEqual({});
    const cordoned = (await call(sim, 'PATCH', NODE, { spec: { unschedulable: true } })).json;
    expect(cordoned.spec).toMatchObject({
      unschedulable: true,
      taints: [{ key: 'node.kubernetes.io/unschedulable' }],
    });
    expect(Number(cordoned.metadata.resourceVersion)).toBeGreaterThan(
      Number(before.metadata.resourceVersion),
    );
    const again = (await call(sim, 'PATCH', NODE, { spec: { unschedulable: true } })).json;
    expect(again.metadata.resourceVersion).toBe(cordoned.metadata.resourceVersion);

    const scaled = (await call(sim, 'PATCH', SCALE, { spec: { replicas: 0 } })).json;
    expect(scaled).toMatchObject({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      spec: {},
      status: { replicas: 0 },
    });
    const deployment = (await call(sim, 'GET', '/apis/apps/v1/namespaces/ai/deployments/llm')).json;
    expect(deployment.spec.replicas).toBe(0);
    expect(deployment.status).toEqual({ observedGeneration: 2 });
  });

  it('lists pods by namespace and name, items without kind, and refuses other field selectors', async () => {
    const sim = await start();
    const { json } = await call(sim, 'GET', '/api/v1/pods');
    expect(json.kind).toBe('PodList');
    const names = json.items.map((item: Json) => `${item.metadata.namespace}/${item.metadata.name}`);
    expect(names).toEqual([...names].sort());
    expect(names).toHaveLength(3);
    expect(json.items.every((item: Json) => item.kind === undefined)).toBe(true);
    expect((await call(sim, 'GET', '/api/v1/pods?fieldSelector=status.phase%3DRunning')).status).toBe(400);
  });

  it('streams a pod into a node’s watch as ADDED when the scheduler binds it there', async () => {
    const sim = await start(['gpu-01']);
    await call(sim, 'PATCH', NODE, { spec: { unschedulable: true } });
    const response = await fetch(`${sim.url}/api/v1/pods?watch=1&fieldSelector=spec.nodeName%3Dgpu-01`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const lines: Json[] = [];
    const reading = (async () => {
      let text = '';
      for await (const chunk of response.body!) {
        text += Buffer.from(chunk).toString('utf8');
        const parts = text.split('\n');
        text = parts.pop()!;
        lines.push(...parts.map((part) => JSON.parse(part)));
      }
    })();
    const [running] = (await call(sim, 'GET', '/api/v1/pods?fieldSelector=spec.nodeName%3Dgpu-01')).json
      .items;
    const eviction = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: running.metadata.name } };
    const path = `/api/v1/namespaces/ai/pods/${running.metadata.name}/eviction`;
    expect((await call(sim, 'POST', path, eviction, { 'content-type': 'application/json' })).status).toBe(
      201,
    );
    // The replacement waits unscheduled (the only node is cordoned) until the old pod is gone and the cordon lifted.
    nowMs += 30_000;
    await call(sim, 'PATCH', NODE, { spec: { unschedulable: false } });
    await waitFor(() => lines.length === 5);
    expect(lines.map((line) => [line.type, line.object.metadata.name === running.metadata.name])).toEqual([
      ['ADDED', true],
      ['ADDED', false],
      ['MODIFIED', true],
      ['DELETED', true],
      ['ADDED', false],
    ]);
    expect(lines[4].object).toMatchObject({ spec: { nodeName: 'gpu-01' }, status: { phase: 'Pending' } });
    expect(lines[4].object.metadata.name).toMatch(/^llm-/);
    await sim.close();
    await reading;
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let waitedMs = 0; !condition(); waitedMs += 5) {
    if (waitedMs > 2000) throw new Error('condition not met within 2 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
