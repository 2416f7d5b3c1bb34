/**
 * @module controller/policy/draw
 * What each machine will draw once the commands in flight land, never less than it draws now while a slow lever
 * ramps down. Every limit is checked against this. An unknown machine counts at its rated power: a machine we
 * cannot see is assumed to be running, because assuming it off could break the import limit.
 */
import type { DecideConfig, MachineView } from './types.ts';

export function expectedDrawW(machine: MachineView): number {
  const measuredW = machine.powerW ?? 0;
  const command = machine.inFlight;
  if (command !== null) {
    // Sleep acts in seconds (the fast lever); a power target or a wake-up takes minutes to reach its level.
    if (command.kind === 'sleep') return machine.sleepW;
    if (command.kind === 'power-target') {
      if (machine.state === 'curtailed') return measuredW;
      // A GPU cap bites within about a second (PROTOCOLS.md §3.2) and is a ceiling: the draw never rises to it.
      if (machine.workload === 'ai') return Math.min(command.powerW, machine.powerW ?? machine.ratedPowerW);
      return Math.max(command.powerW, measuredW);
    }
    return Math.max(machine.powerTargetW ?? machine.ratedPowerW, measuredW);
  }
  switch (machine.state) {
    case 'running':
      return Math.max(machine.powerTargetW ?? machine.powerW ?? machine.ratedPowerW, measuredW);
    case 'unknown':
      return Math.max(machine.ratedPowerW, measuredW);
    default:
      return measuredW;
  }
}

export function expectedRunning(machine: MachineView): boolean {
  if (machine.inFlight !== null) return machine.inFlight.kind !== 'sleep';
  return machine.state === 'running' || machine.state === 'unknown';
}

export const totalExpectedDrawW = (machines: readonly MachineView[]): number =>
  machines.reduce((sum, m) => sum + expectedDrawW(m), 0);

/** Facility W per IT W of a machine's workload. */
export const pueOf = (machine: MachineView, config: Pick<DecideConfig, 'miningPue' | 'aiPue'>): number =>
  machine.workload === 'ai' ? config.aiPue : config.miningPue;

/** The site's expected import once everything in flight lands, facility W, before any meter correction. */
export const expectedFacilityW = (
  machines: readonly MachineView[],
  config: Pick<DecideConfig, 'miningPue' | 'aiPue' | 'overheadW' | 'otherLoadW'>,
): number =>
  machines.reduce(
    (sum, m) => sum + expectedDrawW(m) * pueOf(m, config),
    config.overheadW + config.otherLoadW,
  );
