/**
 * @module controller/policy/levers
 * Shedding by marginal value (ARCHITECTURE.md, PROTOCOLS.md §3.5): when the site must come down, each lever a
 * machine has — a miner's sleep, a GPU server's power cap, draining its AI jobs — is priced at the revenue it
 * gives up per MWh it sheds, and the cheapest go first until the site fits. A GPU cap costs little because
 * throughput falls less than linearly with power; draining loses the work since the last checkpoint and SLA
 * minutes, so it comes last unless the plan's values say otherwise.
 */
import { type MinerCommand, powerToleranceW } from '../../drivers/natures.ts';
import { snapDownW } from './allocate.ts';
import { expectedDrawW, expectedRunning, pueOf } from './draw.ts';
import type { DecideConfig, MachineCommand, MachineView, PolicyName } from './types.ts';

export interface Lever {
  readonly machine: MachineView;
  readonly command: MinerCommand;
  /** Facility W the lever takes off the site's expected import. */
  readonly sheddingW: number;
  /** What it gives up per MWh of grid import it sheds (the machine's per-IT-MWh value ÷ its PUE). */
  readonly costUsdPerMWh: number;
}

/** Whether a safety policy may command the machine now: it answers, and is not already asleep or going there. */
const commandable = (m: MachineView): boolean => m.state !== 'unknown' && !m.backedOff && expectedRunning(m);

/** Every lever the fleet offers now, with what it sheds and what it costs. */
export function leversOf(
  machines: readonly MachineView[],
  config: Pick<DecideConfig, 'miningPue' | 'aiPue'>,
): Lever[] {
  const levers: Lever[] = [];
  for (const m of machines) {
    if (!commandable(m)) continue;
    const drawW = expectedDrawW(m);
    const pue = pueOf(m, config);
    // Miners trim too, but the plan's water-filling does that; a safety shed wants the sure, fast lever.
    if (m.workload === 'ai' && m.canSetPowerTarget) {
      const floorW = snapDownW(m, m.minPowerW);
      const capW = m.inFlight?.kind === 'power-target' ? m.inFlight.powerW : m.powerTargetW;
      // A cap already at the floor is pulled: sending it again would only churn the BMC and the intent log.
      const atFloor = capW !== null && Math.abs(capW - floorW) <= powerToleranceW(floorW);
      if (drawW > floorW && !atFloor)
        levers.push({
          machine: m,
          command: { kind: 'power-target', powerW: floorW },
          sheddingW: (drawW - floorW) * pue,
          costUsdPerMWh: m.leverCostUsdPerMWh.trim / pue,
        });
    }
    if (m.canSleep && drawW > m.sleepW)
      levers.push({
        machine: m,
        command: { kind: 'sleep' },
        sheddingW: (drawW - m.sleepW) * pue,
        costUsdPerMWh: m.leverCostUsdPerMWh.sleep / pue,
      });
  }
  return levers.sort(
    (a, b) =>
      a.costUsdPerMWh - b.costUsdPerMWh ||
      b.sheddingW - a.sheddingW ||
      a.machine.machineId.localeCompare(b.machine.machineId),
  );
}

export interface Shed {
  readonly commands: MachineCommand[];
  /** Facility W still over after every lever was pulled (0 when the site fits). */
  readonly remainingW: number;
}

/**
 * Pulls the cheapest levers until `overW` facility W are shed, plus every lever cheaper than `priceUsdPerMWh`.
 * A machine gets one command: a later, deeper lever (drain after cap) replaces the earlier one and only adds
 * what it sheds beyond it.
 */
export function shedByValue(
  machines: readonly MachineView[],
  config: Pick<DecideConfig, 'miningPue' | 'aiPue'>,
  overW: number,
  priceUsdPerMWh: number | null,
  policy: PolicyName,
  reason: string,
): Shed {
  const chosen = new Map<string, { command: MinerCommand; sheddingW: number }>();
  let remainingW = overW;
  for (const lever of leversOf(machines, config)) {
    const belowPrice = priceUsdPerMWh !== null && lever.costUsdPerMWh < priceUsdPerMWh;
    if (remainingW <= 0 && !belowPrice) break;
    const earlier = chosen.get(lever.machine.machineId);
    const addedW = lever.sheddingW - (earlier?.sheddingW ?? 0);
    if (addedW <= 0) continue;
    chosen.set(lever.machine.machineId, { command: lever.command, sheddingW: lever.sheddingW });
    remainingW -= addedW;
  }
  const commands = [...chosen].map(([machineId, { command }]) => ({ machineId, command, policy, reason }));
  return { commands, remainingW: Math.max(0, remainingW) };
}
