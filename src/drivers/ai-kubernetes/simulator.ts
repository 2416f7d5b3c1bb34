/**
 * @module drivers/ai-kubernetes/simulator
 * A fake apiserver on 127.0.0.1 (HTTP, or HTTPS with a fresh self-signed certificate) serving the subset of
 * PROTOCOLS.md §3.3 from `ClusterModel` on an injected clock: the model catches up on every request and on
 * `tick()`. Bearer-token auth, the pods watch, and mutable faults (delay, error status, malformed reply, hang, one
 * 409). `nodeLoad` and `onNodeLoadChange` let a site model draw each GPU server's power from its pods.
 */
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { readRequestBody } from '../simulator/request-body.ts';
import { failure, podBody } from './simulator-bodies.ts';
import { ClusterModel } from './simulator-model.ts';
import { type Reply, route } from './simulator-routes.ts';
import type { SimPod, SimWorkloadSpec } from './simulator-types.ts';

export interface KubernetesSimulatorOptions {
  readonly token: string;
  readonly nodes: readonly string[];
  readonly workloads: readonly SimWorkloadSpec[];
  /** How long a deleted pod keeps terminating (and drawing), s. Default 30, Kubernetes' default. */
  readonly terminationGraceS?: number;
  /** From binding to running (image cached, CUDA up), s. Default 20. */
  readonly podStartS?: number;
  /** The clock, ms since the epoch. Default `Date.now`. */
  readonly nowMs?: () => number;
  /** `namespace/name` of workloads whose pods' evictions a disruption budget refuses (429). */
  readonly pdbBlocked?: readonly string[];
  /** `namespace/name` of workloads two budgets select (evictions answer 500). */
  readonly pdbOverlapping?: readonly string[];
  /** A DaemonSet with a pod on every node, which a drain must leave alone. */
  readonly daemonSet?: { readonly namespace: string; readonly name: string };
  /** Serve HTTPS with a self-signed certificate for 127.0.0.1 (returned as `caPem`). */
  readonly tls?: boolean;
}

/** Faults for every following request, until changed. */
export interface KubernetesFaults {
  delayMs: number;
  /** Answer every request with a `Status` of this code. */
  errorStatus: number | null;
  /** Answer 200 with a body cut off mid-JSON. */
  malformed: boolean;
  /** Never answer (until `close`). */
  hang: boolean;
  /** Answer the next PATCH with 409 Conflict, once. */
  conflict: boolean;
}

export type NodeLoadListener = (node: string, load: number, atMs: number) => void;

export interface KubernetesSimulator {
  readonly url: string;
  readonly port: number;
  /** The server's certificate, to pass as the driver's `caPem`; null over plain HTTP. */
  readonly caPem: string | null;
  readonly faults: KubernetesFaults;
  /** `namespace/name` of workloads whose evictions answer 429; change it to lift or add a budget. */
  readonly pdbBlocked: Set<string>;
  readonly requestCount: number;
  /** 1 while a running or terminating workload pod holds the node, else 0 (as of the last request or tick). */
  nodeLoad(node: string): number;
  /** Called at each change, with the simulated time it happened; returns the unsubscribe. */
  onNodeLoadChange(listener: NodeLoadListener): () => void;
  /** Brings the cluster up to the clock without a request. */
  tick(): void;
  close(): Promise<void>;
}

/** The apiserver's own limit is 3 MB; nothing in this subset comes near. */
const MAX_BODY_BYTES = 3 * 1024 * 1024;
const MALFORMED = '{"kind":"Scale","apiVersion":"autoscaling/v1","spec":{"repl';

class Simulator implements KubernetesSimulator {
  url = '';
  port = 0;
  readonly caPem: string | null;
  readonly faults: KubernetesFaults = {
    delayMs: 0,
    errorStatus: null,
    malformed: false,
    hang: false,
    conflict: false,
  };
  readonly pdbBlocked: Set<string>;
  private served = 0;
  private readonly model: ClusterModel;
  private readonly clock: () => number;
  private readonly token: string;
  private readonly server: Server;
  private readonly loads = new Map<string, number>();
  private readonly loadListeners = new Set<NodeLoadListener>();
  private readonly watches = new Set<ServerResponse>();

  constructor(options: KubernetesSimulatorOptions, tls: { key: string; cert: string } | null) {
    this.clock = options.nowMs ?? Date.now;
    this.token = options.token;
    this.model = new ClusterModel({
      nodes: options.nodes,
      workloads: options.workloads,
      terminationGraceS: options.terminationGraceS ?? 30,
      podStartS: options.podStartS ?? 20,
      daemonSet: options.daemonSet ?? null,
      startMs: this.clock(),
    });
    for (const key of options.pdbOverlapping ?? []) this.model.pdbOverlapping.add(key);
    this.pdbBlocked = this.model.pdbBlocked;
    for (const key of options.pdbBlocked ?? []) this.pdbBlocked.add(key);
    for (const node of options.nodes) this.loads.set(node, this.model.nodeLoad(node));
    this.model.onPodEvent((_type, pod, atMs) => this.followLoad(pod, atMs));
    this.caPem = tls?.cert ?? null;
    const handler = (req: IncomingMessage, res: ServerResponse) => this.onRequest(req, res);
    this.server = tls === null ? createHttpServer(handler) : createHttpsServer(tls, handler);
  }

  get requestCount(): number {
    return this.served;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.url = `${this.caPem === null ? 'http' : 'https'}://127.0.0.1:${this.port}`;
  }

  nodeLoad(node: string): number {
    return this.loads.get(node) ?? 0;
  }

  onNodeLoadChange(listener: NodeLoadListener): () => void {
    this.loadListeners.add(listener);
    return () => this.loadListeners.delete(listener);
  }

  tick(): void {
    this.model.advance(this.clock());
  }

  close(): Promise<void> {
    for (const res of this.watches) res.end();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      // Hung requests never end on their own; closing every connection is what lets tests finish.
      this.server.closeAllConnections();
    });
  }

  private followLoad(pod: SimPod, atMs: number): void {
    const node = pod.nodeName;
    if (pod.workload === null || node === null) return;
    const load = this.model.nodeLoad(node);
    if (load === this.loads.get(node)) return;
    this.loads.set(node, load);
    for (const listener of this.loadListeners) listener(node, load, atMs);
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    this.served++;
    if (this.faults.hang) return;
    readRequestBody(req, MAX_BODY_BYTES, (body) => {
      const respond = () => {
        // A delayed reply may outlive close(), which destroyed its socket.
        if (res.destroyed) return;
        if (body === null)
          return this.send(res, { status: 413, body: failure(413, 'request entity too large') });
        this.send(res, this.answer(req, body, res));
      };
      if (this.faults.delayMs > 0) setTimeout(respond, this.faults.delayMs);
      else respond();
    });
  }

  /** The reply, or null once a watch has taken over the response. */
  private answer(req: IncomingMessage, body: string, res: ServerResponse): Reply | string | null {
    const { faults } = this;
    if (faults.malformed) return MALFORMED;
    if (req.headers.authorization !== `Bearer ${this.token}`)
      return { status: 401, body: failure(401, 'Unauthorized') };
    if (faults.errorStatus !== null) {
      return { status: faults.errorStatus, body: failure(faults.errorStatus, 'simulated apiserver failure') };
    }
    if (faults.conflict && req.method === 'PATCH') {
      faults.conflict = false;
      const message =
        'Operation cannot be fulfilled: the object has been modified; please apply your changes to the latest version and try again';
      return { status: 409, body: failure(409, message) };
    }
    this.model.advance(this.clock());
    const method = req.method ?? 'GET';
    const routed = route(this.model, {
      method,
      url: req.url ?? '/',
      contentType: req.headers['content-type'] ?? '',
      body,
    });
    if (!('watchNode' in routed)) return routed;
    this.watch(res, routed.watchNode);
    return null;
  }

  /** Opens with ADDED for each matching pod, then follows the model; a pod entering the filter is ADDED. */
  private watch(res: ServerResponse, node: string | null): void {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache, private' });
    const known = new Set<string>();
    const emit = (type: string, pod: SimPod) =>
      res.write(`${JSON.stringify({ type, object: podBody(this.model, pod) })}\n`);
    const matches = (pod: SimPod) => node === null || pod.nodeName === node;
    for (const pod of this.model.pods.values()) {
      if (!matches(pod)) continue;
      known.add(pod.uid);
      emit('ADDED', pod);
    }
    const unsubscribe = this.model.onPodEvent((type, pod) => {
      if (!known.has(pod.uid)) {
        if (type === 'DELETED' || !matches(pod)) return;
        known.add(pod.uid);
        return emit('ADDED', pod);
      }
      if (type === 'DELETED' || !matches(pod)) known.delete(pod.uid);
      emit(known.has(pod.uid) ? type : 'DELETED', pod);
    });
    this.watches.add(res);
    res.on('close', () => {
      unsubscribe();
      this.watches.delete(res);
    });
  }

  private send(res: ServerResponse, reply: Reply | string | null): void {
    if (reply === null) return;
    const [status, text] =
      typeof reply === 'string' ? [200, reply] : [reply.status, JSON.stringify(reply.body)];
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }
}

export async function startKubernetesSimulator(
  options: KubernetesSimulatorOptions,
): Promise<KubernetesSimulator> {
  const tls = options.tls === true ? await selfSigned() : null;
  const simulator = new Simulator(options, tls);
  await simulator.listen();
  return simulator;
}

/** An EC certificate (fast to make) naming 127.0.0.1, as a kubeadm apiserver certificate names its address. */
async function selfSigned(): Promise<{ key: string; cert: string }> {
  const pems = await generate([{ name: 'commonName', value: 'kube-apiserver' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
