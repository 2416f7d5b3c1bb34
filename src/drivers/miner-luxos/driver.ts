/**
 * @module drivers/miner-luxos/driver
 * LuxOS on TCP 4028 (PROTOCOLS.md §2.1): cgminer telemetry plus `curtail` (sleep/wake) and the profile ladder
 * (power). Writes take a session id; one session exists per miner, so the driver reuses whatever `session`
 * discloses and keeps its id, as pyasic does, rather than logging on around every command.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { ProtocolError } from '../../errors.ts';
import { CgminerClient } from '../cgminer/client.ts';
import { type CgminerReply, expectOk, firstEntry, isOk } from '../cgminer/protocol.ts';
import { readString } from '../cgminer/telemetry.ts';
import type {
  MinerCapabilities,
  MinerCommand,
  MinerDriver,
  MinerEndpoint,
  MinerReading,
} from '../natures.ts';
import {
  type LuxosDetail,
  type LuxosProfile,
  type LuxosTelemetry,
  luxosReading,
  parseProfiles,
  pickProfile,
  profileUnknown,
} from './reading.ts';

export interface LuxosDriverOptions {
  /** `logon` attempts while another client holds the session (Code 402). */
  readonly logonAttempts?: number;
  /** Wait after the first 402, ms; doubles per attempt. */
  readonly logonBackoffMs?: number;
}

/** luxos-tooling's `logon()`: no SESSION section and Code 402 = "Another session is active". */
const SESSION_BUSY_CODE = 402;
const READ_COMMANDS = ['summary', 'power', 'config'] as const;
/**
 * `stats` is most of a reply's bytes and the model never changes, so model and temperatures are re-read every
 * sixth read (30 s at a 5 s cycle, inside the chips' 60–120 s thermal time constant) and after a restart.
 */
const DETAIL_COMMANDS = ['version', 'stats'] as const;
const DETAIL_EVERY_READS = 6;

/**
 * A write refused for its session id (expired or taken over). No source shows LuxOS's code or text for it, so
 * any failure status that talks about the session counts.
 */
function sessionRejected(reply: CgminerReply): boolean {
  return !isOk(reply) && reply.status.code !== SESSION_BUSY_CODE && /session/i.test(reply.status.msg);
}

export class LuxosDriver implements MinerDriver {
  readonly firmware = 'luxos' as const;
  private readonly client: CgminerClient;
  private readonly logonAttempts: number;
  private readonly logonBackoffMs: number;
  private sessionId: string | null = null;
  /** Profiles change only when someone edits them on the miner; reloaded when `config` names an unknown one. */
  private ladder: readonly LuxosProfile[] | null = null;
  /** Reads left before the next one that also asks for `version` and `stats`; 0 = the next read does. */
  private readsUntilDetail = 0;
  private detail: LuxosDetail = { temperatureC: null, model: null };
  private lastUptimeS: number | null = null;

  constructor(endpoint: MinerEndpoint, options: LuxosDriverOptions = {}) {
    this.client = new CgminerClient(endpoint, 'luxos');
    this.logonAttempts = Math.max(1, options.logonAttempts ?? 4);
    this.logonBackoffMs = options.logonBackoffMs ?? 250;
  }

  /** One joined request, with `profiles` added while the ladder is not cached (pyasic joins it the same way). */
  async read(): Promise<MinerReading> {
    const withDetail = this.readsUntilDetail === 0;
    const commands = [
      ...READ_COMMANDS,
      ...(withDetail ? DETAIL_COMMANDS : []),
      ...(this.ladder === null ? ['profiles'] : []),
    ];
    const parts = await this.client.requestJoined(commands);
    const part = (name: string) => parts.get(name)!;
    if (this.ladder === null) {
      // Telemetry does not hinge on the ladder: without it the reading only lacks its power target.
      try {
        this.ladder = parseProfiles(part('profiles'));
      } catch (error) {
        if (!(error instanceof ProtocolError)) throw error;
      }
    }
    const telemetry: LuxosTelemetry = {
      summary: part('summary'),
      power: part('power'),
      config: part('config'),
      ...(withDetail ? { version: part('version'), stats: part('stats') } : {}),
    };
    const reading = luxosReading(telemetry, this.ladder, this.detail);
    if (this.ladder !== null && profileUnknown(telemetry.config, this.ladder)) this.ladder = null;
    if (withDetail) {
      this.detail = { temperatureC: reading.temperatureC, model: reading.model };
      this.readsUntilDetail = DETAIL_EVERY_READS;
    }
    this.readsUntilDetail--;
    // A restart may bring new firmware or boards: look again at once.
    if (reading.uptimeS !== null && this.lastUptimeS !== null && reading.uptimeS < this.lastUptimeS)
      this.readsUntilDetail = 0;
    this.lastUptimeS = reading.uptimeS;
    return reading;
  }

  async capabilities(): Promise<MinerCapabilities> {
    const ladder = await this.profiles();
    return {
      canSleep: true,
      canSetPowerTarget: true,
      powerRangeW: { minW: ladder[0]!.powerW, maxW: ladder[ladder.length - 1]!.powerW },
      powerStepsW: ladder.map((p) => p.powerW),
    };
  }

  async apply(command: MinerCommand): Promise<MinerCommand> {
    switch (command.kind) {
      case 'sleep':
        await this.write('curtail', ['sleep']);
        return command;
      case 'wake':
        await this.write('curtail', ['wakeup']);
        return command;
      case 'power-target':
        return { kind: 'power-target', powerW: (await this.setProfile(command.powerW)).powerW };
    }
  }

  /** Releases the session so other tools need not wait out its timeout; best effort, the miner may be gone. */
  async close(): Promise<void> {
    const sessionId = this.sessionId;
    this.sessionId = null;
    if (sessionId !== null) await this.client.request('logoff', [sessionId]).catch(() => undefined);
  }

  private async profiles(): Promise<readonly LuxosProfile[]> {
    this.ladder ??= parseProfiles(await this.client.request('profiles'));
    return this.ladder;
  }

  /**
   * The ATM pattern of pyasic and luxos-tooling (§2.1): thermal management may override profiles, so it is
   * switched off around `profileset` and restored after, even when `profileset` fails.
   */
  private async setProfile(targetW: number): Promise<LuxosProfile> {
    const profile = pickProfile(await this.profiles(), targetW);
    const atm = await this.client.request('atm');
    // A build without ATM answers `atm` with an error status: nothing to switch off.
    const atmEnabled = isOk(atm) && firstEntry(atm, 'ATM').Enabled === true;
    if (atmEnabled) await this.write('atmset', ['enabled=false']);
    let failure: unknown = null;
    try {
      const reply = await this.write('profileset', [profile.name]);
      const applied = readString(reply, firstEntry(reply, 'PROFILE'), 'Profile');
      if (applied !== profile.name) {
        throw new ProtocolError(
          reply.device,
          reply.command,
          `set profile "${applied}", asked for "${profile.name}"`,
          reply.raw,
        );
      }
    } catch (error) {
      failure = error;
    }
    if (atmEnabled) {
      await this.write('atmset', ['enabled=true']).catch((error: unknown) => {
        failure ??= error;
      });
    }
    if (failure !== null) throw failure;
    return profile;
  }

  /** A session command: the id goes first; a refused id is dropped and the command retried once with a new one. */
  private async write(command: string, parameters: readonly string[]): Promise<CgminerReply> {
    let reply = await this.client.request(command, [await this.session(), ...parameters]);
    if (sessionRejected(reply)) {
      this.sessionId = null;
      reply = await this.client.request(command, [await this.session(), ...parameters]);
    }
    return expectOk(reply);
  }

  /**
   * `logon` first (luxos-tooling's order): on a miner nobody else is writing to, that is the one extra request a
   * write costs, which matters when 10,000 miners are curtailed at once. When another session is active (Code
   * 402), `session` discloses its id (pyasic reuses it); when even that is empty the holder just left: back off
   * and retry.
   */
  private async session(): Promise<string> {
    if (this.sessionId !== null) return this.sessionId;
    for (let attempt = 1; ; attempt++) {
      const logon = await this.client.request('logon');
      const busy = logon.status.code === SESSION_BUSY_CODE && !Object.hasOwn(logon.sections, 'SESSION');
      if (!busy) {
        const id = readString(logon, firstEntry(expectOk(logon), 'SESSION'), 'SessionID');
        if (!id) throw new ProtocolError(logon.device, 'logon', 'no SessionID', logon.raw);
        this.sessionId = id;
        return id;
      }
      const session = expectOk(await this.client.request('session'));
      const held = readString(session, firstEntry(session, 'SESSION'), 'SessionID') ?? '';
      if (held !== '') {
        this.sessionId = held;
        return held;
      }
      if (attempt >= this.logonAttempts) {
        throw new ProtocolError(
          logon.device,
          'logon',
          `session still held after ${attempt} attempts`,
          logon.raw,
        );
      }
      await delay(this.logonBackoffMs * 2 ** (attempt - 1));
    }
  }
}
