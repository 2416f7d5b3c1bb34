/**
 * @module controller/policy/draw
 * What each machine will draw once the commands in flight land. Every limit is checked against this, never
 * against nameplates alone, and an unknown machine counts at its rated power: a machine we cannot see is
 * assumed to be running, because assuming it off could break the import limit.
 */
import type { MachineView } from './types.ts';

export function expectedDrawW(machine: MachineView): number {
  const command = machine.inFlight;
  if (command !== null) {
    if (command.kind === 'sleep') return 0;
    if (command.kind === 'power-target') return command.powerW;
    return machine.powerTargetW ?? machine.ratedPowerW;
  }
  switch (machine.state) {
    case 'running':
      return machine.powerTargetW ?? machine.powerW ?? machine.ratedPowerW;
    case 'unknown':
      return machine.ratedPowerW;
    default:
      return 0;
  }
}

export function expectedRunning(machine: MachineView): boolean {
  if (machine.inFlight !== null) return machine.inFlight.kind !== 'sleep';
  return machine.state === 'running' || machine.state === 'unknown';
}

export const totalExpectedDrawW = (machines: readonly MachineView[]): number =>
  machines.reduce((sum, m) => sum + expectedDrawW(m), 0);

/** Below this difference a new power target is not worth a command (firmware estimates wobble by more). */
export const trimDeadbandW = (machine: MachineView): number => Math.max(0.05 * machine.ratedPowerW, 100);
