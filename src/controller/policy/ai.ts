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
import { activeEvents, aiFloorUsdPerMWh, aiLevel, aiOverrideW } from './target.ts';
import type { DecideInput, MachineCommand, MachineView } from './types.ts';

/** Room is compared in float watts: a limit typed as 10.2 kW is 10,199.999… W and must still fit a 10.2 kW server. */
const ROOM_SLACK_W = 1;

/** What a running GPU server may draw once its jobs ramp: its cap (in flight or set), else its rated power. */
const ceilingW = (m: MachineView): number =>
  m.inFlight?.kind === 'power-target' ? m.inFlight.powerW : (m.powerTargetW ?? m.ratedPowerW);

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
  const floorUsdPerMWh = Math.max(aiFloorUsdPerMWh(input), priceUsdPerMWh);
  // Room is what is left once every running server could draw up to its ceiling: a server whose jobs are between
  // batches draws less now, and counting that as room would spend it twice.
  const headroomW = snapshot.machines
    .filter((m) => m.workload === 'ai' && m.state === 'running')
    .reduce((sum, m) => sum + Math.max(0, ceilingW(m) - expectedDrawW(m)) * config.aiPue, 0);
  let roomW =
    config.importLimitW * (1 - config.importMarginFraction) -
    (input.meterCorrectionW ?? 0) -
    expectedFacilityW(snapshot.machines, config) -
    headroomW;
  // The operator's AI cap bounds the restore too: every server counted at its ceiling (or its draw, drained).
  const aiCeilingW = snapshot.machines
    .filter((m) => m.workload === 'ai')
    .reduce(
      (sum, m) => sum + (m.state === 'running' ? Math.max(ceilingW(m), expectedDrawW(m)) : expectedDrawW(m)),
      0,
    );
  let aiRoomW = (aiOverrideW(input) - aiCeilingW) * config.aiPue;
  const commands: MachineCommand[] = [];
  const candidates = snapshot.machines
    // A powered-off server is not this controller's to wake by uncordoning: it needs a person or a Reset On.
    .filter((m) => m.workload === 'ai' && m.state !== 'off' && movable(m, snapshot.atMs, config))
    // The most valuable work first: the costliest lever to keep pulled is the first to release.
    .sort(
      (a, b) =>
        b.leverCostUsdPerMWh.sleep - a.leverCostUsdPerMWh.sleep || a.machineId.localeCompare(b.machineId),
    );
  for (const m of candidates) {
    if (commands.length >= config.batchSize) break;
    const level = aiLevel(m, floorUsdPerMWh, config.aiPue);
    if (level === 'asleep') continue;
    const levelW = level === 'rated' ? m.ratedPowerW : m.minPowerW;
    const reason = `ai-restore: ${m.machineId} back to ${Math.round(levelW)} W`;
    if (!expectedRunning(m)) {
      // A drained server wakes at its current cap; the cap is raised on a later cycle once it runs.
      const wakeW = Math.min(m.powerTargetW ?? m.ratedPowerW, m.ratedPowerW);
      const addedW = (wakeW - expectedDrawW(m)) * config.aiPue;
      if (addedW > Math.min(roomW, aiRoomW) + ROOM_SLACK_W) continue;
      roomW -= addedW;
      aiRoomW -= addedW;
      commands.push({ machineId: m.machineId, command: { kind: 'wake' }, policy: 'ai-restore', reason });
      continue;
    }
    const capW = m.powerTargetW ?? m.ratedPowerW;
    if (!m.canSetPowerTarget || capW >= levelW - powerToleranceW(levelW)) continue;
    const addedW = (levelW - ceilingW(m)) * config.aiPue;
    if (addedW > Math.min(roomW, aiRoomW) + ROOM_SLACK_W) continue;
    roomW -= addedW;
    aiRoomW -= addedW;
    commands.push({
      machineId: m.machineId,
      command: { kind: 'power-target', powerW: levelW },
      policy: 'ai-restore',
      reason,
    });
  }
  return commands;
}
