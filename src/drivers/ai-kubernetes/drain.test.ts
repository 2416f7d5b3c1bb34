/** drainNode over a recording fake driver, and workLostS by hand-worked examples and properties. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProtocolError, ValidationError } from '../../errors.ts';
import type { AiPod, AiSchedulerDriver, EvictionResult } from '../natures.ts';
import { drainNode, workLostS } from './drain.ts';

const pod = (name: string, ownerKind: string | null, terminating = false): AiPod => ({
  namespace: 'ai',
  name,
  phase: 'Running',
  terminating,
  ownerKind,
  ownerName: ownerKind === null ? null : `${name}-owner`,
  startedAtMs: 0,
});

function fakeDriver(pods: readonly AiPod[], evictions: Record<string, EvictionResult | Error>) {
  const calls: string[] = [];
  const driver: AiSchedulerDriver = {
    readWorkload: () => Promise.reject(new Error('not used')),
    readNode: (name) => Promise.resolve({ name, unschedulable: true }),
    listPods: async (node) => {
      calls.push(`list ${node}`);
      return pods;
    },
    evict: async (_namespace, name) => {
      calls.push(`evict ${name}`);
      const outcome = evictions[name] ?? 'evicted';
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
    apply: async (command) => {
      calls.push(JSON.stringify(command));
      if (command.kind === 'cordon' && command.node === 'broken')
        throw new ProtocolError('k8s', 'PATCH', 'no', '');
    },
    close: async () => {},
  };
  return { driver, calls };
}

describe('drainNode', () => {
  it('cordons first, then evicts what it should and reports every pod', async () => {
    const pods = [
      pod('llm-a', 'ReplicaSet'),
      pod('dcgm-a', 'DaemonSet'),
      pod('etcd-gpu', 'Node'),
      pod('old', 'Job', true),
      pod('train-a', 'Job'),
      pod('bare', null),
    ];
    const { driver, calls } = fakeDriver(pods, { 'train-a': 'blocked', bare: 'gone' });
    const result = await drainNode(driver, 'gpu-01');
    expect(calls).toEqual([
      '{"kind":"cordon","node":"gpu-01","unschedulable":true}',
      'list gpu-01',
      'evict llm-a',
      'evict train-a',
      'evict bare',
    ]);
    expect(result.pods.map((p) => [p.name, p.outcome])).toEqual([
      ['llm-a', 'evicted'],
      ['dcgm-a', 'skipped'],
      ['etcd-gpu', 'skipped'],
      ['old', 'terminating'],
      ['train-a', 'blocked'],
      ['bare', 'gone'],
    ]);
    expect(result.complete).toBe(false);
  });

  it('records a failed eviction and goes on; rethrows errors that are not the driver’s', async () => {
    const failure = new ProtocolError('k8s', 'POST', 'InternalError 500', '');
    const { driver } = fakeDriver([pod('a', 'Job'), pod('b', 'Job')], { a: failure });
    const result = await drainNode(driver, 'gpu-01');
    expect(result.pods).toEqual([
      { namespace: 'ai', name: 'a', pod: pod('a', 'Job'), outcome: 'failed', error: failure },
      { namespace: 'ai', name: 'b', pod: pod('b', 'Job'), outcome: 'evicted' },
    ]);
    const { driver: buggy } = fakeDriver([pod('a', 'Job')], { a: new TypeError('bug') });
    await expect(drainNode(buggy, 'gpu-01')).rejects.toThrow(TypeError);
  });

  it('does nothing more when the cordon fails', async () => {
    const { driver, calls } = fakeDriver([pod('a', 'Job')], {});
    await expect(drainNode(driver, 'broken')).rejects.toThrow(ProtocolError);
    expect(calls).toHaveLength(1);
  });

  it('skips the owner kinds it is given instead of the default', async () => {
    const { driver } = fakeDriver([pod('d', 'DaemonSet'), pod('s', 'StatefulSet')], {});
    const result = await drainNode(driver, 'gpu-01', { skipOwnerKinds: ['StatefulSet'] });
    expect(result.pods.map((p) => p.outcome)).toEqual(['evicted', 'skipped']);
    expect(result.complete).toBe(true);
  });
});

describe('workLostS', () => {
  const startedAtMs = Date.UTC(2026, 6, 15, 12);
  const minutes = (m: number) => startedAtMs + m * 60_000;

  it('is the time since the last checkpoint', () => {
    // Checkpoints every 30 min from 12:00: at 13:40 the last was at 13:30, 10 min = 600 s ago.
    expect(workLostS({ startedAtMs, nowMs: minutes(100), checkpointIntervalS: 1800 })).toBe(600);
    expect(workLostS({ startedAtMs, nowMs: minutes(90), checkpointIntervalS: 1800 })).toBe(0);
    expect(workLostS({ startedAtMs, nowMs: minutes(7.5), checkpointIntervalS: 1800 })).toBe(450);
    expect(workLostS({ startedAtMs, nowMs: minutes(-5), checkpointIntervalS: 1800 })).toBe(0);
  });

  it('stays in [0, interval), equals the run time before the first checkpoint, and repeats each interval', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 9 }),
        fc.integer({ min: 1, max: 86_400 }),
        fc.integer({ min: 0, max: 1000 }),
        (elapsedMs, checkpointIntervalS, periods) => {
          const lostS = workLostS({ startedAtMs, nowMs: startedAtMs + elapsedMs, checkpointIntervalS });
          expect(lostS).toBeGreaterThanOrEqual(0);
          expect(lostS).toBeLessThan(checkpointIntervalS);
          if (elapsedMs < checkpointIntervalS * 1000) expect(lostS).toBe(elapsedMs / 1000);
          const later = startedAtMs + elapsedMs + periods * checkpointIntervalS * 1000;
          expect(workLostS({ startedAtMs, nowMs: later, checkpointIntervalS })).toBe(lostS);
        },
      ),
    );
  });

  it('refuses an interval that is not a positive number of seconds, and times that are not finite', () => {
    for (const checkpointIntervalS of [0, -60, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => workLostS({ startedAtMs, nowMs: minutes(1), checkpointIntervalS })).toThrow(
        ValidationError,
      );
    }
    expect(() => workLostS({ startedAtMs: Number.NaN, nowMs: 0, checkpointIntervalS: 60 })).toThrow(
      /startedAtMs/,
    );
  });
});
