/**
 * @module drivers/simulator/setup
 * What every miner simulator derives from its options the same way: where it listens, its clock, its physical
 * model, its faults and its seeded generator, and the machine-level faults drawn once from that seed (so a
 * fleet of differently seeded simulators shows the configured shares).
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { type FaultSpec, faultGenerator, NO_FAULTS } from './faults.ts';
import { DEFAULT_MINER_SPEC, MinerModel } from './miner-model.ts';
import type { MinerSimulatorOptions } from './types.ts';

export interface SimulatorSetup {
  readonly host: string;
  readonly clock: () => number;
  readonly model: MinerModel;
  readonly faults: FaultSpec;
  readonly rng: RandomGenerator;
  readonly ackNotApplied: boolean;
  readonly dead: boolean;
}

export function simulatorSetup(options: MinerSimulatorOptions, defaultSeed: number): SimulatorSetup {
  const clock = options.clock ?? Date.now;
  const faults = options.faults ?? NO_FAULTS;
  const rng = faultGenerator(options.seed ?? defaultSeed);
  const ackDraw = uniformFloat64(rng);
  const deadDraw = uniformFloat64(rng);
  return {
    host: options.host ?? '127.0.0.1',
    clock,
    model: new MinerModel(options.spec ?? DEFAULT_MINER_SPEC, clock()),
    faults,
    rng,
    ackNotApplied: options.ackNotApplied ?? ackDraw < faults.ackNotAppliedShare,
    dead: deadDraw < faults.deadShare,
  };
}
