/**
 * @module drivers/ai-kubernetes
 * The AI-scheduler nature over Kubernetes (PROTOCOLS.md §3.3): the driver, drain and lost-work helpers, the
 * watch-stream parser, and the fake apiserver the tests and the site simulator run against.
 */
export {
  type DrainedPod,
  type DrainOptions,
  type DrainOutcome,
  type DrainResult,
  drainNode,
  workLostS,
} from './drain.ts';
export { type KubernetesEndpoint, KubernetesScheduler, type PodWatchEvent } from './driver.ts';
export {
  type KubernetesFaults,
  type KubernetesSimulator,
  type KubernetesSimulatorOptions,
  type NodeLoadListener,
  startKubernetesSimulator,
} from './simulator.ts';
export type { SimWorkloadSpec } from './simulator-types.ts';
export { parseWatchLine, type WatchEvent, type WatchLine, WatchLineSplitter } from './watch.ts';
