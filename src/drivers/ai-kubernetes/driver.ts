/**
 * @module drivers/ai-kubernetes/driver
 * The AI-scheduler nature over the Kubernetes API (PROTOCOLS.md §3.3): read a Deployment or Job, scale (merge
 * patch of the Scale subresource), suspend a Job, cordon a node, list a node's pods, evict one, and watch a
 * node's pods. The transport (`http.ts`) turns "no reply" into a `DeviceTimeoutError`; here every reply that is
 * not the protocol (an error `Status`, not JSON, wrong shape) becomes a `ProtocolError` naming reason and code.
 */
import type { z } from 'zod';
import { ProtocolError, ValidationError } from '../../errors.ts';
import type {
  AiPod,
  AiSchedulerDriver,
  AiWorkloadCommand,
  AiWorkloadReading,
  AiWorkloadRef,
  EvictionResult,
} from '../natures.ts';
import { type HttpReply, KubeHttp } from './http.ts';
import {
  decodeBody,
  decodeValue,
  deploymentSchema,
  describeFailure,
  evictionBody,
  jobSchema,
  MERGE_PATCH,
  nodeSchema,
  PATHS,
  parseStatus,
  podListSchema,
  podSchema,
  scaleSchema,
  toAiPod,
  toWorkloadReading,
} from './protocol.ts';
import { type WatchLine, WatchLineSplitter } from './watch.ts';

export interface KubernetesEndpoint {
  /** `https://10.0.0.1:6443` (a path prefix, as behind Rancher, is kept). */
  readonly url: string;
  /** A service-account token, sent as `Authorization: Bearer`. */
  readonly token: string;
  /** The cluster CA, PEM. */
  readonly caPem?: string;
  /** Skip certificate verification (labs only). */
  readonly insecure?: boolean;
  /** Per request; for a watch, until the stream starts. */
  readonly timeoutMs: number;
}

export interface PodWatchEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly pod: AiPod;
}

/** What the apiserver answers for a path it does not serve, as opposed to an object it does not hold. */
const NO_SUCH_ROUTE = 'the server could not find the requested resource';

export class KubernetesScheduler implements AiSchedulerDriver {
  readonly device: string;
  private readonly http: KubeHttp;

  constructor(endpoint: KubernetesEndpoint) {
    this.device = `kubernetes@${new URL(endpoint.url).host}`;
    this.http = new KubeHttp({ ...endpoint, label: this.device });
  }

  /**
   * One GET of the Deployment rather than of its Scale: the Deployment holds both `spec.replicas` (the same
   * figure the Scale shows) and `status.readyReplicas`. The Scale's `status.replicas` counts pods still pending
   * (and, on older clusters, terminating), so it is not "running".
   */
  async readWorkload(ref: AiWorkloadRef): Promise<AiWorkloadReading> {
    if (ref.kind === 'deployment') {
      return toWorkloadReading(
        ref,
        await this.call('GET', PATHS.deployment(ref.namespace, ref.name), deploymentSchema),
      );
    }
    return toWorkloadReading(ref, await this.call('GET', PATHS.job(ref.namespace, ref.name), jobSchema));
  }

  async readNode(node: string): Promise<{ readonly name: string; readonly unschedulable: boolean }> {
    const body = await this.call('GET', PATHS.node(node), nodeSchema);
    return { name: body.metadata.name, unschedulable: body.spec.unschedulable === true };
  }

  async listPods(node: string): Promise<readonly AiPod[]> {
    return (await this.call('GET', PATHS.podsOnNode(node), podListSchema)).items.map(toAiPod);
  }

  async evict(namespace: string, pod: string): Promise<EvictionResult> {
    const path = PATHS.eviction(namespace, pod);
    const command = `POST ${path}`;
    const reply = await this.http.send('POST', path, evictionBody(namespace, pod));
    if (reply.status >= 200 && reply.status <= 299) return 'evicted';
    if (reply.status === 404 && parseStatus(reply.text)?.message !== NO_SUCH_ROUTE) return 'gone';
    // A PodDisruptionBudget refuses for now; the apiserver sends no Retry-After, the caller picks when.
    if (reply.status === 429) return 'blocked';
    if (reply.status === 500) {
      throw new ProtocolError(
        this.device,
        command,
        `${describeFailure(500, reply.text)}; usually more than one PodDisruptionBudget selects the pod, a ` +
          'misconfiguration that retrying will not clear: fix the budgets before evicting again',
        reply.text,
      );
    }
    throw this.failure(command, reply);
  }

  async apply(command: AiWorkloadCommand): Promise<void> {
    switch (command.kind) {
      case 'scale': {
        const { ref, replicas } = command;
        if (!Number.isInteger(replicas) || replicas < 0) {
          throw new ValidationError([
            {
              field: 'command.replicas',
              problem: 'must be a whole number of replicas, 0 or more',
              value: replicas,
              fix: 'send a non-negative integer',
            },
          ]);
        }
        if (ref.kind === 'deployment') {
          await this.call('PATCH', PATHS.scale(ref.namespace, ref.name), scaleSchema, { spec: { replicas } });
        } else {
          // A Job's parallelism is mutable and is what the nature reads as its desired replicas.
          await this.call('PATCH', PATHS.job(ref.namespace, ref.name), jobSchema, {
            spec: { parallelism: replicas },
          });
        }
        return;
      }
      case 'suspend': {
        const { ref, suspended } = command;
        if (ref.kind !== 'job') {
          throw new ValidationError(
            [
              {
                field: 'command.ref.kind',
                problem: 'only a Job can be suspended',
                value: ref.kind,
                fix: 'scale the Deployment to 0 replicas, and back to its count to resume',
              },
            ],
            { code: 'UNSUPPORTED' },
          );
        }
        await this.call('PATCH', PATHS.job(ref.namespace, ref.name), jobSchema, {
          spec: { suspend: suspended },
        });
        return;
      }
      case 'cordon':
        await this.call('PATCH', PATHS.node(command.node), nodeSchema, {
          spec: { unschedulable: command.unschedulable },
        });
        return;
    }
  }

  /**
   * Streams the pods of `node` as watch events until the server ends the stream (apiservers close watches after
   * their timeout, 30–60 min) or `signal` aborts; both resolve. The stream opens with an ADDED event per pod
   * already there. Lines that are not events, or not pods, go to `onBadLine` and the watch goes on; an ERROR
   * event (such as 410 Gone) ends it with a `ProtocolError`.
   */
  async watchPods(
    node: string,
    onEvent: (event: PodWatchEvent) => void,
    signal: AbortSignal,
    onBadLine: (problem: ProtocolError) => void = () => {},
  ): Promise<void> {
    const path = `${PATHS.podsOnNode(node)}&watch=1`;
    const command = `GET ${path}`;
    const ended = new AbortController();
    let failure: ProtocolError | null = null;
    const handle = (lines: readonly WatchLine[]) => {
      for (const line of lines) {
        if (failure !== null) return;
        if (!line.ok) {
          onBadLine(new ProtocolError(this.device, command, line.problem, line.line));
          continue;
        }
        const { type, object } = line.event;
        const raw = JSON.stringify(line.event);
        if (type === 'ERROR') {
          failure = new ProtocolError(
            this.device,
            command,
            `watch ended: ${describeFailure(null, JSON.stringify(object))}`,
            raw,
          );
          ended.abort();
        } else if (type !== 'BOOKMARK') {
          try {
            onEvent({ type, pod: toAiPod(decodeValue(podSchema, object, raw, this.device, command)) });
          } catch (error) {
            if (!(error instanceof ProtocolError)) throw error;
            onBadLine(error);
          }
        }
      }
    };
    const splitter = new WatchLineSplitter();
    const reply = await this.http.stream(path, AbortSignal.any([signal, ended.signal]), (chunk) =>
      handle(splitter.push(chunk)),
    );
    if (reply !== null) throw this.failure(command, reply);
    if (failure === null && !signal.aborted) handle(splitter.end());
    if (failure !== null) throw failure;
  }

  async close(): Promise<void> {
    await this.http.close();
  }

  private async call<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<z.output<S>> {
    const command = `${method} ${path}`;
    const send = () =>
      this.http.send(method, path, body, method === 'PATCH' ? MERGE_PATCH : 'application/json');
    let reply = await send();
    // A merge patch carries no resourceVersion, so a 409 means the apiserver lost its own optimistic-locking race
    // to another writer; the patch sets values, so sending it once more is safe.
    if (method === 'PATCH' && reply.status === 409) reply = await send();
    if (reply.status < 200 || reply.status > 299) throw this.failure(command, reply);
    return decodeBody(schema, reply.text, this.device, command);
  }

  private failure(command: string, reply: HttpReply): ProtocolError {
    const hint =
      reply.status === 401
        ? ': the token was refused; check it is a current service-account token'
        : reply.status === 403
          ? ': the token is valid but RBAC forbids this; grant the verb to its service account'
          : '';
    return new ProtocolError(
      this.device,
      command,
      `${describeFailure(reply.status, reply.text)}${hint}`,
      reply.text,
    );
  }
}
