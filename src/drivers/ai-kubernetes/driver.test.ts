/**
 * The driver against the fake apiserver on a stepped clock: workloads converge as the grace period and pod start
 * pass, drains, budgets, node load, the watch, and the failure split (ProtocolError vs DeviceTimeoutError).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ProtocolError, ValidationError } from '../../errors.ts';
import type { AiWorkloadRef } from '../natures.ts';
import { drainNode } from './drain.ts';
import { KubernetesScheduler, type PodWatchEvent } from './driver.ts';
import { type KubernetesSimulatorOptions, startKubernetesSimulator } from './simulator.ts';

const TOKEN = 'sa-token-1';
const LLM: AiWorkloadRef = { kind: 'deployment', namespace: 'ai', name: 'llm' };
const TRAIN: AiWorkloadRef = { kind: 'job', namespace: 'ai', name: 'train' };
const START_MS = Date.parse('2026-07-15T19:00:00Z');
let nowMs = START_MS;
const advanceS = (s: number) => {
  nowMs += s * 1000;
};
const cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
  nowMs = START_MS;
});

/** Four GPU nodes; llm's two pods land on gpu-01 and gpu-02, train's on gpu-03; gpu-04 is free. */
async function start(options: Partial<KubernetesSimulatorOptions> = {}, driverOptions = { timeoutMs: 500 }) {
  const sim = await startKubernetesSimulator({
    token: TOKEN,
    nodes: ['gpu-01', 'gpu-02', 'gpu-03', 'gpu-04'],
    workloads: [
      { ...LLM, replicas: 2 },
      { ...TRAIN, replicas: 1 },
    ],
    terminationGraceS: 30,
    podStartS: 20,
    nowMs: () => nowMs,
    daemonSet: { namespace: 'kube-system', name: 'dcgm-exporter' },
    ...options,
  });
  const driver = new KubernetesScheduler({ url: sim.url, token: TOKEN, ...driverOptions });
  cleanup.push(
    () => sim.close(),
    () => driver.close(),
  );
  return { sim, driver };
}

const loads = (sim: { nodeLoad(node: string): number }) =>
  ['gpu-01', 'gpu-02', 'gpu-03', 'gpu-04'].map((node) => sim.nodeLoad(node));

async function waitFor(condition: () => boolean): Promise<void> {
  for (let waitedMs = 0; !condition(); waitedMs += 5) {
    if (waitedMs > 2000) throw new Error('condition not met within 2 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('KubernetesScheduler workloads', () => {
  it('scales a Deployment down and up; replicas converge after the grace period and the pod start', async () => {
    const { sim, driver } = await start();
    expect(await driver.readWorkload(LLM)).toEqual({
      ref: LLM,
      desiredReplicas: 2,
      runningReplicas: 2,
      suspended: false,
    });
    await driver.apply({ kind: 'scale', ref: LLM, replicas: 1 });
    expect(await driver.readWorkload(LLM)).toMatchObject({ desiredReplicas: 1, runningReplicas: 1 });
    // The deleted pod terminates for 30 s and draws all that time.
    const [first, second] = await Promise.all([driver.listPods('gpu-01'), driver.listPods('gpu-02')]);
    expect([...first!, ...second!].filter((pod) => pod.terminating).map((pod) => pod.ownerKind)).toEqual([
      'ReplicaSet',
    ]);
    expect(loads(sim)).toEqual([1, 1, 1, 0]);
    advanceS(29);
    sim.tick();
    expect(loads(sim)).toEqual([1, 1, 1, 0]);
    advanceS(1);
    sim.tick();
    // Of two equal pods the ReplicaSet deletes the newer, gpu-02's.
    expect(loads(sim)).toEqual([1, 0, 1, 0]);

    await driver.apply({ kind: 'scale', ref: LLM, replicas: 3 });
    expect(await driver.readWorkload(LLM)).toMatchObject({ desiredReplicas: 3, runningReplicas: 1 });
    advanceS(20);
    expect(await driver.readWorkload(LLM)).toMatchObject({ desiredReplicas: 3, runningReplicas: 3 });
    expect(loads(sim)).toEqual([1, 1, 1, 1]);
  });

  it('scales to 0 (suspended) and reads the Scale that omits a zero', async () => {
    const { driver } = await start();
    await driver.apply({ kind: 'scale', ref: LLM, replicas: 0 });
    expect(await driver.readWorkload(LLM)).toEqual({
      ref: LLM,
      desiredReplicas: 0,
      runningReplicas: 0,
      suspended: true,
    });
  });

  it('suspends a Job (pods terminate, condition Suspended=True) and resumes it', async () => {
    const { sim, driver } = await start();
    await driver.apply({ kind: 'suspend', ref: TRAIN, suspended: true });
    expect(await driver.readWorkload(TRAIN)).toEqual({
      ref: TRAIN,
      desiredReplicas: 1,
      runningReplicas: 0,
      suspended: true,
    });
    const job = await getJson(sim.url, '/apis/batch/v1/namespaces/ai/jobs/train');
    expect(job.status.conditions).toMatchObject([
      { type: 'Suspended', status: 'True', reason: 'JobSuspended' },
    ]);
    expect((await driver.listPods('gpu-03')).find((pod) => pod.ownerKind === 'Job')?.terminating).toBe(true);
    advanceS(30);
    expect((await driver.listPods('gpu-03')).map((pod) => pod.ownerKind)).toEqual(['DaemonSet']);
    expect(sim.nodeLoad('gpu-03')).toBe(0);

    await driver.apply({ kind: 'suspend', ref: TRAIN, suspended: false });
    const resumed = await getJson(sim.url, '/apis/batch/v1/namespaces/ai/jobs/train');
    expect(resumed.status.conditions).toMatchObject([
      { type: 'Suspended', status: 'False', reason: 'JobResumed' },
    ]);
    // Job `status.active` counts the new pod while it starts, so the reading shows it before it runs.
    expect(await driver.readWorkload(TRAIN)).toMatchObject({ runningReplicas: 1, suspended: false });
    const [pod] = (await driver.listPods('gpu-03')).filter((p) => p.ownerKind === 'Job');
    expect(pod).toMatchObject({ phase: 'Pending', startedAtMs: nowMs });
    advanceS(20);
    expect((await driver.listPods('gpu-03')).find((p) => p.ownerKind === 'Job')?.phase).toBe('Running');
    expect(sim.nodeLoad('gpu-03')).toBe(1);
  });

  it('scales a Job through its parallelism', async () => {
    const { driver } = await start();
    await driver.apply({ kind: 'scale', ref: TRAIN, replicas: 2 });
    advanceS(20);
    expect(await driver.readWorkload(TRAIN)).toMatchObject({ desiredReplicas: 2, runningReplicas: 2 });
  });

  it('refuses, before sending, a negative or fractional replica count and suspending a Deployment', async () => {
    const { sim, driver } = await start();
    await expect(driver.apply({ kind: 'scale', ref: LLM, replicas: -1 })).rejects.toThrow(ValidationError);
    await expect(driver.apply({ kind: 'scale', ref: LLM, replicas: 1.5 })).rejects.toThrow(ValidationError);
    await expect(driver.apply({ kind: 'suspend', ref: LLM, suspended: true })).rejects.toMatchObject({
      code: 'UNSUPPORTED',
    });
    expect(sim.requestCount).toBe(0);
  });

  it('names the missing object in a 404', async () => {
    const { driver } = await start();
    await expect(driver.readWorkload({ ...LLM, name: 'nope' })).rejects.toThrow(
      /NotFound 404: deployments.apps "nope" not found/,
    );
  });
});

describe('KubernetesScheduler nodes, drain and eviction', () => {
  it('cordons and drains a node: the DaemonSet pod stays, the replacement goes to the free node', async () => {
    const { sim, driver } = await start();
    const result = await drainNode(driver, 'gpu-03');
    expect(result.complete).toBe(true);
    expect(result.pods.map((pod) => [pod.namespace, pod.outcome])).toEqual([
      ['ai', 'evicted'],
      ['kube-system', 'skipped'],
    ]);
    expect(await driver.readNode('gpu-03')).toEqual({ name: 'gpu-03', unschedulable: true });
    // The replacement runs on the free gpu-04 after 20 s while the evicted pod still terminates, and draws.
    advanceS(20);
    const onGpu03 = await driver.listPods('gpu-03');
    expect(onGpu03.map((pod) => [pod.ownerKind, pod.terminating])).toEqual([
      ['Job', true],
      ['DaemonSet', false],
    ]);
    expect(loads(sim)).toEqual([1, 1, 1, 1]);
    advanceS(10);
    expect((await driver.listPods('gpu-03')).map((pod) => pod.ownerKind)).toEqual(['DaemonSet']);
    expect((await driver.listPods('gpu-04')).map((pod) => [pod.ownerKind, pod.phase])).toEqual([
      ['Job', 'Running'],
      ['DaemonSet', 'Running'],
    ]);
    expect(loads(sim)).toEqual([1, 1, 0, 1]);

    // With every other node busy or cordoned, the next replacement waits unscheduled, until a node frees up.
    await drainNode(driver, 'gpu-04');
    advanceS(30);
    expect(await driver.listPods('gpu-04')).toHaveLength(1);
    expect(await driver.readWorkload(TRAIN)).toMatchObject({ runningReplicas: 1 });
    await driver.apply({ kind: 'cordon', node: 'gpu-03', unschedulable: false });
    expect(await driver.readNode('gpu-03')).toEqual({ name: 'gpu-03', unschedulable: false });
    expect((await driver.listPods('gpu-03')).find((pod) => pod.ownerKind === 'Job')?.phase).toBe('Pending');
  });

  it('reports a pod that a disruption budget protects as blocked, until the budget allows it', async () => {
    const { sim, driver } = await start({ pdbBlocked: ['ai/llm'] });
    const result = await drainNode(driver, 'gpu-01');
    expect(result.complete).toBe(false);
    expect(result.pods.map((pod) => pod.outcome)).toEqual(['blocked', 'skipped']);
    sim.pdbBlocked.delete('ai/llm');
    const [pod] = await driver.listPods('gpu-01');
    expect(await driver.evict(pod!.namespace, pod!.name)).toBe('evicted');
    // Evicting a pod already terminating succeeds again; once gone it is 'gone'.
    expect(await driver.evict(pod!.namespace, pod!.name)).toBe('evicted');
    advanceS(30);
    expect(await driver.evict(pod!.namespace, pod!.name)).toBe('gone');
  });

  it('says overlapping budgets are a misconfiguration, and the drain records it and goes on', async () => {
    const { driver } = await start({ pdbOverlapping: ['ai/train'] });
    const [pod] = await driver.listPods('gpu-03');
    const error = await driver.evict(pod!.namespace, pod!.name).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as Error).message).toMatch(
      /InternalError 500: .*more than one PodDisruptionBudget.*fix the budgets/,
    );
    const result = await drainNode(driver, 'gpu-03');
    expect(result.pods.map((p) => p.outcome)).toEqual(['failed', 'skipped']);
    expect(result.complete).toBe(false);
  });

  it('reports every node load change at the simulated time it happened, replayed lazily', async () => {
    const { sim, driver } = await start();
    const changes: [string, number, number][] = [];
    sim.onNodeLoadChange((node, load, atMs) => changes.push([node, load, (atMs - START_MS) / 1000]));
    await driver.apply({ kind: 'scale', ref: LLM, replicas: 0 });
    advanceS(100);
    await driver.apply({ kind: 'scale', ref: LLM, replicas: 2 });
    advanceS(100);
    sim.tick();
    expect(changes).toEqual([
      ['gpu-01', 0, 30],
      ['gpu-02', 0, 30],
      ['gpu-01', 1, 120],
      ['gpu-02', 1, 120],
    ]);
  });
});

describe('KubernetesScheduler watch', () => {
  it('streams a node’s pods: ADDED for each, MODIFIED as one terminates, DELETED when gone', async () => {
    const { sim, driver } = await start();
    const events: PodWatchEvent[] = [];
    const stop = new AbortController();
    const watching = driver.watchPods('gpu-03', (event) => events.push(event), stop.signal);
    await waitFor(() => events.length === 2);
    expect(events.map((e) => [e.type, e.pod.ownerKind])).toEqual([
      ['ADDED', 'Job'],
      ['ADDED', 'DaemonSet'],
    ]);
    await driver.apply({ kind: 'suspend', ref: TRAIN, suspended: true });
    advanceS(30);
    sim.tick();
    await waitFor(() => events.length === 4);
    expect(events.slice(2).map((e) => [e.type, e.pod.terminating])).toEqual([
      ['MODIFIED', true],
      ['DELETED', true],
    ]);
    stop.abort();
    await expect(watching).resolves.toBeUndefined();
  });
});

async function getJson(url: string, path: string) {
  const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  // biome-ignore lint/suspicious/noExplicitAny: a test reads into the apiserver's JSON freely.
  return (await response.json()) as any;
}
