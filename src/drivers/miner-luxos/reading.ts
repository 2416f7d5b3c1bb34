/**
 * @module drivers/miner-luxos/reading
 * LuxOS replies to the miner nature (PROTOCOLS.md §2.1), pure: the profile ladder from `profiles`, the choice of a
 * profile for a power target, and one reading from `summary+power+config` (+ `version+stats` every few reads).
 */
import { ProtocolError } from '../../errors.ts';
import { type CgminerReply, expectOk, firstEntry, sectionOf } from '../cgminer/protocol.ts';
import {
  modelName,
  readNumber,
  readString,
  statsMaxTemperatureC,
  summaryHashrateThs,
  summaryUptimeS,
} from '../cgminer/telemetry.ts';
import { type MinerReading, SLEEP_POWER_CEILING_W } from '../natures.ts';

export interface LuxosProfile {
  readonly name: string;
  readonly powerW: number;
}

/** `PROFILES[]` as a ladder, ascending in watts (pyasic needs `Watts` to be a number; so do we). */
export function parseProfiles(reply: CgminerReply): readonly LuxosProfile[] {
  const profiles = sectionOf(expectOk(reply), 'PROFILES').map((entry) => {
    const name = readString(reply, entry, 'Profile Name');
    const powerW = readNumber(reply, entry, 'Watts');
    if (!name || powerW === undefined || powerW <= 0) {
      throw new ProtocolError(
        reply.device,
        reply.command,
        'a profile without a name or positive Watts',
        reply.raw,
      );
    }
    return { name, powerW };
  });
  return profiles.sort((a, b) => a.powerW - b.powerW);
}

/** pyasic's rule: the highest profile whose watts fit under the target; the lowest when none does. */
export function pickProfile(ladder: readonly LuxosProfile[], targetW: number): LuxosProfile {
  let chosen = ladder[0]!;
  for (const profile of ladder) if (profile.powerW <= targetW) chosen = profile;
  return chosen;
}

export interface LuxosTelemetry {
  readonly summary: CgminerReply;
  readonly power: CgminerReply;
  readonly config: CgminerReply;
  /** `version` and `stats` (model, temperatures) come with every few reads only; see `LuxosDriver`. */
  readonly version?: CgminerReply;
  readonly stats?: CgminerReply;
}

/** What the last detailed read showed, carried by reads without `version` and `stats`. */
export interface LuxosDetail {
  readonly temperatureC: number | null;
  readonly model: string | null;
}

/**
 * One reading. LuxOS shows no sleep flag in any source we have, so sleep is inferred as §2.1 confirms it: not
 * hashing and drawing no more than a control board does (`SLEEP_POWER_CEILING_W`). Not hashing above that is
 * `off` — ramping down, ramping up, or broken; the next reads tell which.
 */
export function luxosReading(
  telemetry: LuxosTelemetry,
  ladder: readonly LuxosProfile[] | null,
  carried: LuxosDetail = { temperatureC: null, model: null },
): MinerReading {
  const { summary, power, config, version, stats } = telemetry;
  for (const reply of [summary, power, config, version, stats]) if (reply !== undefined) expectOk(reply);
  const hashrateThs = summaryHashrateThs(summary);
  const powerW = readNumber(power, firstEntry(power, 'POWER'), 'Watts');
  if (powerW === undefined || powerW < 0) {
    throw new ProtocolError(power.device, power.command, 'no POWER[0].Watts', power.raw);
  }
  const profileName = readString(config, firstEntry(config, 'CONFIG'), 'Profile');
  const profile = ladder?.find((p) => p.name === profileName);
  return {
    state: hashrateThs > 0 ? 'running' : powerW <= SLEEP_POWER_CEILING_W ? 'curtailed' : 'off',
    powerW,
    hashrateThs,
    powerTargetW: profile?.powerW ?? null,
    temperatureC: stats === undefined ? carried.temperatureC : statsMaxTemperatureC(stats),
    uptimeS: summaryUptimeS(summary),
    model: version === undefined && stats === undefined ? carried.model : modelName(version, stats),
  };
}

/** Whether the active profile is one the ladder does not know (profiles edited on the miner): reload the ladder. */
export function profileUnknown(config: CgminerReply, ladder: readonly LuxosProfile[]): boolean {
  const name = readString(config, firstEntry(config, 'CONFIG'), 'Profile');
  return name !== undefined && !ladder.some((p) => p.name === name);
}
