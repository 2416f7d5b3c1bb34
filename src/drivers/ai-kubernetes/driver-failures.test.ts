/**
 * The driver's failure split against the fake apiserver's faults: refused tokens and RBAC, no answer, a closed
 * port, malformed replies and error statuses, the one retry after a 409, and certificate checks over TLS.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DeviceTimeoutError, ProtocolError } from '../../errors.ts';
import { KubernetesScheduler } from './driver.ts';
import { startKubernetesSimulator } from './simulator.ts';

const TOKEN = 'sa-token-1';
const LLM = { kind: 'deployment', namespace: 'ai', name: 'llm' } as const;
const cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

async function start(options: { tls?: boolean } = {}, driverOptions = { timeoutMs: 500 }) {
  const sim = await startKubernetesSimulator({
    token: TOKEN,
    nodes: ['gpu-01', 'gpu-02'],
    workloads: [{ ...LLM, replicas: 1 }],
    ...options,
  });
  const driver = new KubernetesScheduler({ url: sim.url, token: TOKEN, ...driverOptions });
  cleanup.push(
    () => sim.close(),
    () => driver.close(),
  );
  return { sim, driver };
}

describe('KubernetesScheduler failures', () => {
  it('a refused token is a ProtocolError saying to check it; a 403 says RBAC', async () => {
    const { sim, driver } = await start();
    const stranger = new KubernetesScheduler({ url: sim.url, token: 'wrong', timeoutMs: 500 });
    cleanup.push(() => stranger.close());
    await expect(stranger.readNode('gpu-01')).rejects.toThrow(
      /Unauthorized 401: Unauthorized: the token was refused/,
    );
    sim.faults.errorStatus = 403;
    await expect(driver.listPods('gpu-01')).rejects.toThrow(/Forbidden 403: .*RBAC forbids this/);
  });

  it('an apiserver that does not answer is a DeviceTimeoutError within the timeout', async () => {
    const { sim, driver } = await start({}, { timeoutMs: 150 });
    sim.faults.hang = true;
    const startedMs = performance.now();
    await expect(driver.readWorkload(LLM)).rejects.toThrow(DeviceTimeoutError);
    expect(performance.now() - startedMs).toBeLessThan(400);
    sim.faults.hang = false;
    sim.faults.delayMs = 300;
    await expect(driver.evict('ai', 'x')).rejects.toThrow(/no complete reply within 150 ms/);
    await expect(driver.watchPods('gpu-01', () => {}, new AbortController().signal)).rejects.toThrow(
      DeviceTimeoutError,
    );
  });

  it('a closed port is a DeviceTimeoutError (connection failed)', async () => {
    const { sim } = await start();
    const url = sim.url;
    await sim.close();
    const driver = new KubernetesScheduler({ url, token: TOKEN, timeoutMs: 300 });
    cleanup.push(() => driver.close());
    await expect(driver.readNode('gpu-01')).rejects.toThrow(/connection failed \(ECONNREFUSED\)/);
  });

  it('malformed replies and error statuses are ProtocolErrors naming reason and code', async () => {
    const { sim, driver } = await start();
    sim.faults.malformed = true;
    await expect(driver.readWorkload(LLM)).rejects.toThrow(/reply is not JSON/);
    await expect(driver.apply({ kind: 'cordon', node: 'gpu-01', unschedulable: true })).rejects.toThrow(
      ProtocolError,
    );
    sim.faults.malformed = false;
    sim.faults.errorStatus = 503;
    await expect(driver.readNode('gpu-01')).rejects.toThrow(
      /ServiceUnavailable 503: simulated apiserver failure/,
    );
  });

  it('sends a patch once more after a 409, and only once', async () => {
    const { sim, driver } = await start();
    sim.faults.conflict = true;
    await driver.apply({ kind: 'cordon', node: 'gpu-02', unschedulable: true });
    expect(sim.requestCount).toBe(2);
    expect(await driver.readNode('gpu-02')).toMatchObject({ unschedulable: true });
  });
});

describe('KubernetesScheduler over TLS', () => {
  it('verifies the apiserver against caPem, refuses without it, and skips checks only when told', async () => {
    const { sim } = await start({ tls: true });
    expect(sim.url).toMatch(/^https:/);
    const make = (extra: { caPem?: string; insecure?: boolean }) => {
      const driver = new KubernetesScheduler({ url: sim.url, token: TOKEN, timeoutMs: 1000, ...extra });
      cleanup.push(() => driver.close());
      return driver;
    };
    expect(await make({ caPem: sim.caPem! }).readNode('gpu-01')).toMatchObject({ name: 'gpu-01' });
    await expect(make({}).readNode('gpu-01')).rejects.toThrow(
      /TLS verification failed \(.+\): give the cluster CA/,
    );
    expect(await make({ insecure: true }).readNode('gpu-01')).toMatchObject({ name: 'gpu-01' });
  });
});
