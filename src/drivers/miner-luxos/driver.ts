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
const READ_COMMANDS = ['summary', 'power', 'config', 'version', 'stats'] as const;

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

  constructor(endpoint: MinerEndpoint, options: LuxosDriverOptions = {}) {
    this.client = new CgminerClient(endpoint, 'luxos');
    this.logonAttempts = Math.max(1, options.logonAttempts ?? 4);
    this.logonBackoffMs = options.logonBackoffMs ?? 250;
  }

  /** One joined request, with `profiles` added while the ladder is not cached (pyasic joins it the same way). */
  async read(): Promise<MinerReading> {
    const commands = this.ladder === null ? [...READ_COMMANDS, 'profiles'] : READ_COMMANDS;
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
      version: part('version'),
      stats: part('stats'),
    };
    const reading = luxosReading(telemetry, this.ladder);
    if (this.ladder !== null && profileUnknown(telemetry.config, this.ladder)) this.ladder = null;
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

  /** `session` first (it discloses the active id to any caller), else `logon`; a 402 race backs off and retries. */
  private async session(): Promise<string> {
    if (this.sessionId !== null) return this.sessionId;
    for (let attempt = 1; ; attempt++) {
      const session = expectOk(await this.client.request('session'));
      const held = readString(session, firstEntry(session, 'SESSION'), 'SessionID') ?? '';
      if (held !== '') {
        this.sessionId = held;
        return held;
      }
      const logon = await this.client.request('logon');
      const busy = logon.status.code === SESSION_BUSY_CODE && !Object.hasOwn(logon.sections, 'SESSION');
      if (!busy) {
        const id = readString(logon, firstEntry(expectOk(logon), 'SESSION'), 'SessionID');
        if (!id) throw new ProtocolError(logon.device, 'logon', 'no SessionID', logon.raw);
        this.sessionId = id;
        return id;
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
