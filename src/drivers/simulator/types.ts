/**
 * @module drivers/simulator/types
 * What every miner simulator exposes to tests, benchmarks and `switchyard sim`: where it listens, the physical
 * model behind it and the faults it injects (mutable, so a test can turn a fault on mid-run).
 */
import type { MinerFirmware } from '../natures.ts';
import type { FaultSpec } from './faults.ts';
import type { MinerModel, MinerModelSpec } from './miner-model.ts';

export interface SimulatedMiner {
  readonly firmware: MinerFirmware;
  readonly host: string;
  readonly port: number;
  readonly model: MinerModel;
  /** Per-request faults; replace the object to change them. */
  faults: FaultSpec;
  /** This machine acknowledges writes and ignores them. */
  ackNotApplied: boolean;
  /** This machine refuses every connection (its port stays bound so nothing else takes it). */
  dead: boolean;
  /** Requests served so far (for tests that count polls). */
  readonly requestCount: number;
  close(): Promise<void>;
}

export interface MinerSimulatorOptions {
  readonly spec?: MinerModelSpec;
  readonly faults?: FaultSpec;
  /** Simulated time, ms; defaults to `Date.now`. Tests pass a manual clock and step it. */
  readonly clock?: () => number;
  /** Seed of the per-request fault draws. */
  readonly seed?: number;
  readonly ackNotApplied?: boolean;
  /** LuxOS: session inactivity timeout, s (unconfirmed on real firmware; 60 by default). */
  readonly sessionTtlS?: number;
  /** Braiins: the login the REST API accepts. */
  readonly credentials?: { readonly username: string; readonly password: string };
  readonly host?: string;
  /** 0 (default) = an ephemeral port. */
  readonly port?: number;
}

export type StartMinerSimulator = (options?: MinerSimulatorOptions) => Promise<SimulatedMiner>;
