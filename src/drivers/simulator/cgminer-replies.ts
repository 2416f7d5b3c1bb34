/**
 * @module drivers/simulator/cgminer-replies
 * The report replies of the 4028 simulator in the layouts of PROTOCOLS.md §1.5 (bmminer `stats` with its identity
 * object and numbered chain keys, GHS hashrates), filled from the physical model. With quirks on they come as
 * older bmminer builds send them: string-typed numbers, `Pool Stale%%`, and `stats` objects with no comma between.
 */
import type { MinerModel } from './miner-model.ts';

export type CgminerFlavour = 'cgminer' | 'luxos';
export type SimEntry = Record<string, unknown>;
/** `{STATUS:[...], SECTION:[...], id:1}`, in that key order (cgminer's). */
export type SimReply = Record<string, unknown>;

export interface ReplyScene {
  readonly flavour: CgminerFlavour;
  readonly model: MinerModel;
  readonly atMs: number;
  /** `When`: miner clock, Unix s, with any injected skew. */
  readonly whenS: number;
  readonly quirks: boolean;
  /** LuxOS: the active profile (`CONFIG[0].Profile`). */
  readonly profileName: string;
}

/** Identity strings: the stock flavour is the bmminer S19 of the §1.5 examples; LuxOS as luxos-tooling's fixture. */
const FIRMWARE = {
  cgminer: {
    description: 'bmminer 1.0.0',
    identity: {
      BMMiner: '1.0.0',
      API: '3.1',
      Miner: '49.0.1.3',
      CompileTime: 'Mon Dec 26 17:10:01 CST 2022',
    },
    versionMsg: 'BMMiner versions',
    configMsg: 'CGMiner config',
    statsMsg: 'CGMiner stats',
  },
  luxos: {
    description: 'LUXminer 2024.11.1.161021-4e8d1b3',
    identity: {
      LUXminer: '2024.11.1.161021-4e8d1b3',
      API: '3.7',
      Miner: '2024.11.1.161021-4e8d1b3',
      CompileTime: 'Fri Nov 01 10:00:00 UTC 2024',
    },
    versionMsg: 'LUXminer versions',
    configMsg: 'LUXminer config',
    statsMsg: 'LUXminer stats',
  },
} as const;

const CHAINS = [1, 2, 3] as const;
/** Boards of one machine never read alike; the middle one runs hottest. */
const CHIP_OFFSET_C = [-1, 1, -2] as const;
const CHIPS_PER_CHAIN = 126;
const STOCK_FREQUENCY_MHZ = 525;
/** `chain_acs{n}`: one `o` per healthy chip in groups of eight (`x`/`-` would mark bad ones). */
const CHIP_MAP = ` ${'o'.repeat(CHIPS_PER_CHAIN).replace(/o{8}/g, '$& ').trimEnd()}`;

const round2 = (value: number): number => Math.round(value * 100) / 100;

export function statusEntry(scene: ReplyScene, letter: 'S' | 'E', code: number, msg: string): SimEntry {
  return {
    STATUS: letter,
    When: scene.whenS,
    Code: code,
    Msg: msg,
    Description: FIRMWARE[scene.flavour].description,
  };
}

export function okReply(scene: ReplyScene, code: number, msg: string, sections: Record<string, SimEntry[]>) {
  return { STATUS: [statusEntry(scene, 'S', code, msg)], ...sections, id: 1 };
}

export function errorReply(scene: ReplyScene, code: number, msg: string): SimReply {
  return { STATUS: [statusEntry(scene, 'E', code, msg)], id: 1 };
}

/** Older bmminer sends some numbers as strings (§1.4); quirks mode does too. */
function maybeString(scene: ReplyScene, value: number): number | string {
  return scene.quirks ? value.toFixed(2) : round2(value);
}

function version(scene: ReplyScene): SimReply {
  const firmware = FIRMWARE[scene.flavour];
  return okReply(scene, 22, firmware.versionMsg, {
    VERSION: [{ ...firmware.identity, Type: scene.model.spec.model }],
  });
}

function config(scene: ReplyScene): SimReply {
  const entry: SimEntry = {
    'ASC Count': CHAINS.length,
    'PGA Count': 0,
    'Pool Count': 2,
    Strategy: 'Failover',
    'Log Interval': 5,
    'Device Code': 'BTM',
    OS: 'Linux',
    Hotplug: 'None',
  };
  if (scene.flavour === 'luxos') {
    Object.assign(entry, { Profile: scene.profileName, MACAddr: '02:00:00:00:40:28', RedLed: 'off' });
  }
  return okReply(scene, 33, FIRMWARE[scene.flavour].configMsg, { CONFIG: [entry] });
}

function counters(model: MinerModel, atMs: number) {
  const elapsedS = model.uptimeS(atMs);
  const accepted = model.acceptedSharesAt(atMs);
  return {
    elapsedS,
    accepted,
    rejected: Math.floor(accepted / 1100),
    hardwareErrors: Math.floor(elapsedS / 770),
  };
}

function summary(scene: ReplyScene): SimReply {
  const { model, atMs } = scene;
  const ghs = model.hashrateThs(atMs) * 1000;
  const { elapsedS, accepted, rejected, hardwareErrors } = counters(model, atMs);
  return okReply(scene, 11, 'Summary', {
    SUMMARY: [
      {
        Elapsed: elapsedS,
        'GHS 5s': maybeString(scene, ghs),
        'GHS av': round2(ghs),
        'GHS 30m': round2(ghs),
        'Found Blocks': 0,
        Getworks: Math.floor(elapsedS / 16),
        Accepted: accepted,
        Rejected: rejected,
        'Hardware Errors': hardwareErrors,
        Utility: elapsedS > 0 ? round2((accepted * 60) / elapsedS) : 0,
        Stale: 0,
        'Get Failures': 0,
        'Remote Failures': 0,
        'Difficulty Accepted': accepted * 65_536,
        'Difficulty Rejected': rejected * 65_536,
        'Device Hardware%': 0.0001,
        'Pool Rejected%': accepted > 0 ? round2((100 * rejected) / (accepted + rejected)) : 0,
        'Last getwork': scene.whenS,
      },
    ],
  });
}

function stats(scene: ReplyScene): SimReply {
  const { model, atMs } = scene;
  const { spec } = model;
  const ghs = model.hashrateThs(atMs) * 1000;
  const idealGhs = spec.ratedHashrateThs * 1000;
  const load = model.powerW(atMs) / spec.ratedPowerW;
  const chipC = model.chipTemperatureC(atMs);
  const fanRpm = Math.round(1800 + 3500 * load);
  const machine: SimEntry = {
    STATS: 0,
    ID: 'BC50',
    Elapsed: model.uptimeS(atMs),
    Calls: 0,
    Wait: 0,
    Max: 0,
    Min: 99999999,
    'GHS 5s': maybeString(scene, ghs),
    'GHS av': round2(ghs),
    rate_30m: round2(ghs),
    miner_count: CHAINS.length,
    frequency: String(Math.round(STOCK_FREQUENCY_MHZ * load)),
    fan_num: 4,
    fan1: fanRpm,
    fan2: fanRpm,
    fan3: fanRpm - 120,
    fan4: fanRpm - 120,
    temp_num: CHAINS.length,
  };
  CHAINS.forEach((n, i) => {
    const chip = Math.round(chipC + CHIP_OFFSET_C[i]!);
    const board = Math.round(chip - 15);
    Object.assign(machine, {
      [`temp${n}`]: board,
      [`temp2_${n}`]: chip,
      [`temp_pcb${n}`]: `${board - 10}-${board - 10}-${board}-${board}`,
      [`temp_chip${n}`]: `${chip - 10}-${chip - 10}-${chip}-${chip}`,
      [`chain_acn${n}`]: CHIPS_PER_CHAIN,
      [`chain_acs${n}`]: CHIP_MAP,
      [`chain_hw${n}`]: Math.floor(model.uptimeS(atMs) / 2300),
      [`chain_rate${n}`]: maybeString(scene, ghs / CHAINS.length),
      [`chain_rateideal${n}`]: round2(idealGhs / CHAINS.length),
    });
  });
  Object.assign(machine, {
    total_rateideal: idealGhs,
    total_freqavg: STOCK_FREQUENCY_MHZ * load,
    total_acn: CHIPS_PER_CHAIN * CHAINS.length,
    total_rate: round2(ghs),
    rate_unit: 'GH/s',
    'Device Hardware%': 0.0001,
  });
  const firmware = FIRMWARE[scene.flavour];
  const { API: _api, ...identity } = firmware.identity;
  return okReply(scene, 70, firmware.statsMsg, { STATS: [{ ...identity, Type: spec.model }, machine] });
}

function devs(scene: ReplyScene): SimReply {
  const { model, atMs } = scene;
  const mhsPerChain = (model.hashrateThs(atMs) * 1e6) / CHAINS.length;
  const { elapsedS, accepted, rejected, hardwareErrors } = counters(model, atMs);
  const chipC = model.chipTemperatureC(atMs);
  const DEVS = CHAINS.map((_, i) => ({
    ASC: i,
    Name: 'BTM',
    ID: i,
    Enabled: 'Y',
    Status: 'Alive',
    Temperature: Math.round(chipC + CHIP_OFFSET_C[i]!),
    'MHS av': round2(mhsPerChain),
    'MHS 5s': round2(mhsPerChain),
    Accepted: Math.floor(accepted / CHAINS.length),
    Rejected: Math.floor(rejected / CHAINS.length),
    'Hardware Errors': Math.floor(hardwareErrors / CHAINS.length),
    'Last Share Pool': 0,
    'Last Share Time': scene.whenS,
    'Device Hardware%': 0.0001,
    'Device Elapsed': elapsedS,
  }));
  return okReply(scene, 9, `${CHAINS.length} ASC(s)`, { DEVS });
}

function pools(scene: ReplyScene): SimReply {
  const { accepted, rejected } = counters(scene.model, scene.atMs);
  const POOLS = ['btc.pool.example', 'backup.example'].map((host, i) => ({
    POOL: i,
    URL: `stratum+tcp://${host}:3333`,
    Status: 'Alive',
    Priority: i,
    Quota: 1,
    'Long Poll': 'N',
    Accepted: i === 0 ? accepted : 0,
    Rejected: i === 0 ? rejected : 0,
    User: 'site1.s19-0042',
    // bmminer writes an elapsed-time string and leaks a doubled % from its format string (§1.5).
    'Last Share Time': scene.quirks ? '0:00:02' : scene.whenS - 2,
    [scene.quirks ? 'Pool Stale%%' : 'Pool Stale%']: 0,
    'Stratum Active': i === 0,
    ...(scene.flavour === 'luxos' ? { GROUP: 0 } : {}),
  }));
  return okReply(scene, 7, `${POOLS.length} Pool(s)`, { POOLS });
}

/** The report commands every flavour answers. */
export const REPORTS: Readonly<Record<string, (scene: ReplyScene) => SimReply>> = {
  version,
  config,
  summary,
  stats,
  devs,
  edevs: devs,
  pools,
};

/** JSON text of one reply; in quirks mode `STATS` objects are written back to back, as bmminer does (§1.5). */
export function serializeReply(reply: SimReply, quirks: boolean): string {
  const statsEntries = reply.STATS;
  if (!quirks || !Array.isArray(statsEntries) || statsEntries.length < 2) return JSON.stringify(reply);
  const members = Object.entries(reply).map(([key, value]) =>
    key === 'STATS'
      ? `"STATS":[${statsEntries.map((entry) => JSON.stringify(entry)).join('')}]`
      : `${JSON.stringify(key)}:${JSON.stringify(value)}`,
  );
  return `{${members.join(',')}}`;
}

/** A `+` reply: each part a one-element array (the form pyasic indexes), then a top-level `"id":1`. */
export function serializeJoined(parts: readonly (readonly [string, string])[]): string {
  return `{${parts.map(([name, json]) => `${JSON.stringify(name)}:[${json}]`).join(',')},"id":1}`;
}
