/**
 * @module controller/policy/ai
 * Bringing AI back after a shed: each GPU server returns to the level its value earns it (see `aiReservedW`),
 * a lever at a time — first its jobs (a drained server is made schedulable again), then its cap — once no
 * import-limit event is in force, and only into headroom the site has now, so a restore never pushes the import
 * over its limit.
 */
import { powerToleranceW } from '../../drivers/natures.ts';
import { movable } from './allocate.ts';
import { expectedDrawW, expectedFacilityW, expectedRunning } from './draw.ts';
import { activeEvents, miningValueUsdPerMWh } from './target.ts';
import type { DecideInput, MachineCommand, MachineView } from './types.ts';

/** The deepest level a GPU server should run at: rated while its cap is worth more than mining and any price. */
function plannedLevel(m: MachineView, floorUsdPerMWh: number): 'rated' | 'floor' | 'asleep' {
  if (m.leverCostUsdPerMWh.trim >= floorUsdPerMWh) return 'rated';
  return m.leverCostUsdPerMWh.sleep >= floorUsdPerMWh ? 'floor' : 'asleep';
}

export function restoreAi(input: DecideInput): MachineCommand[] {
  const { snapshot, config } = input;
  const events = activeEvents(input);
  // What an import-limit event shed stays shed until it ends: restoring into the room the shed itself made
  // would only be shed again next cycle (a flap the meter shows, and the grid operator counts against the site).
  if (events.some((e) => e.importLimitW !== null)) return [];
  const priceUsdPerMWh = Math.max(
    Number.NEGATIVE_INFINITY,
    ...events.map((e) => e.priceUsdPerMWh ?? Number.NEGATIVE_INFINITY),
  );
  const floorUsdPerMWh = Math.max(miningValueUsdPerMWh(snapshot.machines), priceUsdPerMWh);
  let roomW =
    config.importLimitW * (1 - config.importMarginFraction) -
    (input.meterCorrectionW ?? 0) -
    expectedFacilityW(snapshot.machines, config);
  const commands: MachineCommand[] = [];
  const candidates = snapshot.machines
    .filter((m) => m.workload === 'ai' && movable(m, snapshot.atMs, config))
    // The most valuable work first: the costliest lever to keep pulled is the first to release.
    .sort(
      (a, b) =>
        b.leverCostUsdPerMWh.sleep - a.leverCostUsdPerMWh.sleep || a.machineId.localeCompare(b.machineId),
    );
  for (const m of candidates) {
    if (commands.length >= config.batchSize) break;
    const level = plannedLevel(m, floorUsdPerMWh);
    if (level === 'asleep') continue;
    const levelW = level === 'rated' ? m.ratedPowerW : m.minPowerW;
    const reason = `ai-restore: ${m.machineId} back to ${Math.round(levelW)} W`;
    if (!expectedRunning(m)) {
      // A drained server wakes at its current cap; the cap is raised on a later cycle once it runs.
      const wakeW = Math.min(m.powerTargetW ?? m.ratedPowerW, m.ratedPowerW);
      const addedW = (wakeW - expectedDrawW(m)) * config.aiPue;
      if (addedW > roomW) continue;
      roomW -= addedW;
      commands.push({ machineId: m.machineId, command: { kind: 'wake' }, policy: 'ai-restore', reason });
      continue;
    }
    const capW = m.powerTargetW ?? m.ratedPowerW;
    if (!m.canSetPowerTarget || capW >= levelW - powerToleranceW(levelW)) continue;
    const addedW = (levelW - expectedDrawW(m)) * config.aiPue;
    if (addedW > roomW) continue;
    roomW -= addedW;
    commands.push({
      machineId: m.machineId,
      command: { kind: 'power-target', powerW: levelW },
      policy: 'ai-restore',
      reason,
    });
  }
  return commands;
}
