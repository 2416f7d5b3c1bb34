/**
 * The codec against apiserver-shaped replies (PROTOCOLS.md §3.3's Scale and Status examples, and objects as a
 * 1.30 apiserver renders them, `omitempty` gaps included), and a fuzz: decoding never throws anything but a
 * ProtocolError.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../../errors.ts';
import type { AiWorkloadRef } from '../natures.ts';
import {
  decodeBody,
  deploymentSchema,
  describeFailure,
  jobSchema,
  nodeSchema,
  PATHS,
  podListSchema,
  podSchema,
  scaleSchema,
  toAiPod,
  toWorkloadReading,
} from './protocol.ts';

const LLM: AiWorkloadRef = { kind: 'deployment', namespace: 'ai', name: 'llm' };
const TRAIN: AiWorkloadRef = { kind: 'job', namespace: 'ai', name: 'train' };
const decode = <S extends Parameters<typeof decodeBody>[0]>(schema: S, body: unknown) =>
  decodeBody(schema, JSON.stringify(body), 'k8s', 'GET /x');

describe('protocol paths', () => {
  it('writes the pods-by-node selector as PROTOCOLS.md does, and escapes names', () => {
    expect(PATHS.podsOnNode('gpu-01')).toBe('/api/v1/pods?fieldSelector=spec.nodeName%3Dgpu-01');
    expect(PATHS.scale('ai', 'llm')).toBe('/apis/apps/v1/namespaces/ai/deployments/llm/scale');
    expect(PATHS.eviction('ai', 'a/b')).toBe('/api/v1/namespaces/ai/pods/a%2Fb/eviction');
  });
});

describe('protocol decoding', () => {
  it('reads the Scale example of PROTOCOLS.md, and a Scale at 0 whose replicas are omitted', () => {
    const example =
      '{"kind":"Scale","apiVersion":"autoscaling/v1","metadata":{"name":"llm","namespace":"ai","resourceVersion":"91823"},"spec":{"replicas":2},"status":{"replicas":6,"selector":"app=llm"}}';
    expect(decodeBody(scaleSchema, example, 'k8s', 'PATCH').spec.replicas).toBe(2);
    expect(decode(scaleSchema, { kind: 'Scale', spec: {}, status: { replicas: 0 } }).spec.replicas).toBe(0);
  });

  it('maps a Deployment, with readyReplicas omitted at 0', () => {
    const body = decode(deploymentSchema, {
      kind: 'Deployment',
      spec: { replicas: 3 },
      status: { replicas: 3 },
    });
    expect(toWorkloadReading(LLM, body)).toEqual({
      ref: LLM,
      desiredReplicas: 3,
      runningReplicas: 0,
      suspended: false,
    });
    const idle = decode(deploymentSchema, { kind: 'Deployment', spec: { replicas: 0 } });
    expect(toWorkloadReading(LLM, idle)).toMatchObject({ desiredReplicas: 0, suspended: true });
  });

  it('maps a Job: parallelism 1 and active 0 when absent, suspend when set', () => {
    const bare = decode(jobSchema, { kind: 'Job', spec: {}, status: {} });
    expect(toWorkloadReading(TRAIN, bare)).toEqual({
      ref: TRAIN,
      desiredReplicas: 1,
      runningReplicas: 0,
      suspended: false,
    });
    const suspended = decode(jobSchema, {
      kind: 'Job',
      spec: { parallelism: 4, suspend: true },
      status: { active: 2 },
    });
    expect(toWorkloadReading(TRAIN, suspended)).toMatchObject({
      desiredReplicas: 4,
      runningReplicas: 2,
      suspended: true,
    });
  });

  it('reads a schedulable node whose spec is empty', () => {
    expect(
      decode(nodeSchema, { kind: 'Node', metadata: { name: 'gpu-01' }, spec: {} }).spec.unschedulable,
    ).toBeUndefined();
  });

  it('maps a pod: controlling owner, deletion timestamp, start time to ms, phase Unknown when absent', () => {
    const pod = decode(podSchema, {
      metadata: {
        name: 'llm-5d4f7c9b8-x7k2p',
        namespace: 'ai',
        deletionTimestamp: '2026-07-15T19:00:30Z',
        ownerReferences: [
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'other' },
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'llm-5d4f7c9b8', controller: true },
        ],
      },
      status: { phase: 'Running', startTime: '2026-07-15T18:00:00Z' },
    });
    expect(toAiPod(pod)).toEqual({
      namespace: 'ai',
      name: 'llm-5d4f7c9b8-x7k2p',
      phase: 'Running',
      terminating: true,
      ownerKind: 'ReplicaSet',
      ownerName: 'llm-5d4f7c9b8',
      startedAtMs: Date.UTC(2026, 6, 15, 18),
    });
    const bare = toAiPod(decode(podSchema, { metadata: { name: 'p', namespace: 'ai' } }));
    expect(bare).toMatchObject({ phase: 'Unknown', terminating: false, ownerKind: null, startedAtMs: null });
  });

  it('refuses a list that is not a PodList and a timestamp that is not RFC 3339', () => {
    expect(() => decode(podListSchema, { kind: 'Status', items: [] })).toThrow(ProtocolError);
    const badTime = { metadata: { name: 'p', namespace: 'ai' }, status: { startTime: 'yesterday' } };
    expect(() => decode(podSchema, badTime)).toThrow(/status.startTime/);
  });

  it('describes the Status example of PROTOCOLS.md, and a reply that is not a Status', () => {
    const status =
      '{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Conflict","code":409,"message":"the object has been modified"}';
    expect(describeFailure(409, status)).toBe('Conflict 409: the object has been modified');
    expect(describeFailure(502, '<html>Bad Gateway</html>')).toBe('HTTP 502');
    expect(describeFailure(null, '{"kind":"Status","reason":"Expired","code":410}')).toBe('Expired 410');
  });

  it('never throws anything but a ProtocolError, whatever the body', () => {
    const schemas = [scaleSchema, deploymentSchema, jobSchema, nodeSchema, podListSchema];
    const body = fc.oneof(
      fc.string(),
      fc.json(),
      fc
        .record({
          kind: fc.constantFrom('Scale', 'Deployment', 'Job', 'Node', 'PodList', 'Status'),
          metadata: fc.anything(),
          spec: fc.anything(),
          status: fc.anything(),
          items: fc.array(fc.record({ metadata: fc.anything(), status: fc.anything() }), { maxLength: 3 }),
        })
        .map((value) => JSON.stringify(value)),
    );
    fc.assert(
      fc.property(body, fc.constantFrom(...schemas), (raw, schema) => {
        try {
          decodeBody(schema, raw, 'k8s', 'GET /x');
        } catch (error) {
          expect(error).toBeInstanceOf(ProtocolError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
