/**
 * @module drivers/simulator/luxos-commands
 * The LuxOS additions to the 4028 simulator (PROTOCOLS.md §2.1): one session at a time with an inactivity
 * timeout on the injected clock, `curtail` sleep/wake, the profile ladder with `profileset`, ATM, and `power`.
 * Codes 316, 321, 335, 339, 340 and 402 are the ones §2.1 quotes; the others (and the session and ATM refusal
 * rules) are this simulator's choice, since no source shows them.
 */
import {
  okReply,
  type ReplyScene,
  type SimEntry,
  type SimReply,
  errorReply as statusError,
} from './cgminer-replies.ts';
import { hashrateAtPowerThs, type MinerModelSpec } from './miner-model.ts';

const CODE = {
  logon: 316,
  logoff: 317,
  session: 319,
  profileSet: 321,
  profileRefused: 322,
  profiles: 327,
  curtail: 335,
  curtailRefused: 336,
  atm: 339,
  atmSet: 340,
  atmRefused: 341,
  power: 345,
  sessionInvalid: 401,
  sessionBusy: 402,
} as const;

const PROFILE_COUNT = 8;
const STOCK_FREQUENCY_MHZ = 525;
export const DEFAULT_PROFILE = 'default';

export interface LuxosProfileRow extends SimEntry {
  readonly 'Profile Name': string;
  readonly Watts: number;
}

/**
 * Eight profiles from the firmware's lowest power target to rated power, named by frequency as LuxOS names them
 * (`580MHz`), the top one `default`; each with the six keys pyasic requires. Computed per request from the spec,
 * so ten thousand simulators hold no ladders.
 */
export function profileLadder(spec: MinerModelSpec): LuxosProfileRow[] {
  return Array.from({ length: PROFILE_COUNT }, (_, i) => {
    const watts = Math.round(
      spec.minPowerW + ((spec.ratedPowerW - spec.minPowerW) * i) / (PROFILE_COUNT - 1),
    );
    const frequencyMHz = Math.round((STOCK_FREQUENCY_MHZ * watts) / spec.ratedPowerW / 5) * 5;
    return {
      'Profile Name': i === PROFILE_COUNT - 1 ? DEFAULT_PROFILE : `${frequencyMHz}MHz`,
      Watts: watts,
      Hashrate: Math.round(hashrateAtPowerThs(spec, watts) * 100) / 100,
      Frequency: frequencyMHz,
      Voltage: Math.round((12 + (2.4 * watts) / spec.ratedPowerW) * 100) / 100,
      IsTuned: false,
    };
  });
}

const SESSION_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** An 8-character id like `yJN2nlj1`, different per logon and per seeded machine. */
function sessionIdFor(seed: number, serial: number): string {
  let x = (Math.imul(seed, 0x9e3779b1) ^ Math.imul(serial + 1, 0x85ebca6b)) >>> 0;
  let id = '';
  for (let i = 0; i < 8; i++) {
    x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) >>> 0;
    x = (x ^ (x >>> 12)) >>> 0;
    id += SESSION_ALPHABET.charAt(x % SESSION_ALPHABET.length);
  }
  return id;
}

const WRITES = new Set(['logon', 'logoff', 'curtail', 'profileset', 'atmset']);
const READS = new Set(['session', 'profiles', 'atm', 'power']);

export interface LuxosRequest {
  readonly scene: ReplyScene;
  readonly parameters: readonly string[];
  /** The machine acknowledges writes without applying them. */
  readonly ackNotApplied: boolean;
}

export class LuxosState {
  profileName = DEFAULT_PROFILE;
  private atmEnabled = true;
  private sessionId = '';
  private sessionUsedAtMs = 0;
  private sessionsIssued = 0;
  private readonly ttlMs: number;
  private readonly seed: number;

  constructor(ttlS: number, seed: number) {
    this.ttlMs = ttlS * 1000;
    this.seed = seed;
  }

  /** Whether the command is LuxOS's; `write` ones are refused inside a `+` request. */
  kind(command: string): 'read' | 'write' | null {
    return READS.has(command) ? 'read' : WRITES.has(command) ? 'write' : null;
  }

  handle(command: string, request: LuxosRequest): SimReply {
    const { scene, parameters } = request;
    const activeId = this.activeSession(scene.atMs);
    switch (command) {
      case 'session':
        return okReply(scene, CODE.session, 'Session', { SESSION: [{ SessionID: activeId }] });
      case 'logon':
        if (activeId !== '') return statusError(scene, CODE.sessionBusy, 'Another session is active');
        this.sessionId = sessionIdFor(this.seed, this.sessionsIssued++);
        this.sessionUsedAtMs = scene.atMs;
        return okReply(scene, CODE.logon, 'Session created', { SESSION: [{ SessionID: this.sessionId }] });
      case 'profiles':
        return okReply(scene, CODE.profiles, 'Profiles', { PROFILES: profileLadder(scene.model.spec) });
      case 'atm':
        return okReply(scene, CODE.atm, 'ATM configuration values', { ATM: [this.atmEntry()] });
      case 'power':
        return okReply(scene, CODE.power, 'Power', {
          POWER: [{ Watts: Math.round(scene.model.powerW(scene.atMs)), PSU: true }],
        });
    }
    // Writes: the session id comes first, and each use keeps the session alive.
    const [sessionId = '', ...args] = parameters;
    if (activeId === '' || sessionId !== activeId) {
      return statusError(scene, CODE.sessionInvalid, 'Invalid session id');
    }
    this.sessionUsedAtMs = scene.atMs;
    if (command === 'logoff') {
      this.sessionId = '';
      return okReply(scene, CODE.logoff, 'Session ended', {});
    }
    return this.write(command, args, request);
  }

  private write(command: string, args: readonly string[], request: LuxosRequest): SimReply {
    const { scene, ackNotApplied } = request;
    const { model, atMs } = scene;
    const apply = !ackNotApplied;
    const [first = ''] = args;
    if (command === 'curtail') {
      if (first !== 'sleep' && first !== 'wakeup') {
        return statusError(scene, CODE.curtailRefused, `Invalid curtail action '${first}'`);
      }
      if (apply) first === 'sleep' ? model.sleep(atMs) : model.wake(atMs);
      const action = first === 'sleep' ? 'sleep mode' : 'wake up';
      return okReply(scene, CODE.curtail, 'Curtailment command sent', { CURTAIL: [{ Action: action }] });
    }
    if (command === 'profileset') {
      const profile = profileLadder(model.spec).find((p) => p['Profile Name'] === first);
      if (profile === undefined) return statusError(scene, CODE.profileRefused, `Invalid profile '${first}'`);
      if (apply) {
        // This simulator's reading of "ATM may override profiles": it refuses them while ATM is on.
        if (this.atmEnabled) return statusError(scene, CODE.profileRefused, 'ATM is enabled');
        this.profileName = first;
        model.setPowerTarget(profile.Watts, atMs);
      }
      const PROFILE = [0, 1, 2].map((board) => ({
        Board: board,
        FrequencyStep: 5,
        Profile: first,
        VoltageStep: 0.05,
      }));
      return okReply(scene, CODE.profileSet, 'Profile Set', { PROFILE });
    }
    // atmset: key=value pairs; booleans written true/false.
    let enabled = this.atmEnabled;
    for (const pair of args) {
      const [key = '', value = ''] = pair.split('=', 2);
      if (key === 'enabled' && (value === 'true' || value === 'false')) enabled = value === 'true';
      else if (!ATM_KEYS.has(key))
        return statusError(scene, CODE.atmRefused, `Invalid ATM parameter '${pair}'`);
    }
    if (apply) this.atmEnabled = enabled;
    return okReply(scene, CODE.atmSet, 'Advanced Thermal Management configuration updated', {
      ATM: [this.atmEntry()],
    });
  }

  private atmEntry(): SimEntry {
    return {
      Enabled: this.atmEnabled,
      MaxProfile: DEFAULT_PROFILE,
      MinProfile: '',
      PostRampMinutes: 1,
      StartupMinutes: 1,
      TempWindow: 3.0,
    };
  }

  /** The live session id, '' when none; an idle session lapses after the TTL. */
  private activeSession(atMs: number): string {
    if (this.sessionId !== '' && atMs - this.sessionUsedAtMs > this.ttlMs) this.sessionId = '';
    return this.sessionId;
  }
}

const ATM_KEYS = new Set([
  'min_profile',
  'max_profile',
  'startup_minutes',
  'post_ramp_minutes',
  'temp_window',
  'prevent_oc',
]);
