/**
 * @module drivers/simulator/faults
 * Fault injection shared by every simulator, so drivers and the controller are tested against the failures
 * operators report (ANCHORS.md §6): slow and dropped replies, garbage, error statuses, firmware quirks,
 * writes acknowledged but not applied, and reboots. Per-request faults are probabilities drawn from a seeded
 * generator; `ackNotApplied` and `dead` pick whole machines, as a bad firmware build or a dead PSU does.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { ConfigError } from '../../errors.ts';

export interface FaultSpec {
  /** Added to every reply, ms. */
  readonly delayMs: number;
  /** Close the connection without replying. */
  readonly dropRate: number;
  /** Accept, then never answer (the client's timeout must fire). */
  readonly hangRate: number;
  /** Reply with bytes that are not the protocol (random garbage). */
  readonly malformedRate: number;
  /** Reply cut short mid-JSON. */
  readonly truncateRate: number;
  /** Reply with the protocol's error status. */
  readonly errorRate: number;
  /** Restart the miner (uptime resets, power ramps back) at a request. */
  readonly rebootRate: number;
  /** Share of machines whose writes are acknowledged but never applied. */
  readonly ackNotAppliedShare: number;
  /** Share of machines that refuse every connection. */
  readonly deadShare: number;
  /** Emit the firmware quirks of PROTOCOLS.md §1.4 (NUL terminator is always sent). */
  readonly quirks: boolean;
  /** Miner clock offset reported in `When`, s. */
  readonly clockSkewS: number;
}

export const NO_FAULTS: FaultSpec = {
  delayMs: 0,
  dropRate: 0,
  hangRate: 0,
  malformedRate: 0,
  truncateRate: 0,
  errorRate: 0,
  rebootRate: 0,
  ackNotAppliedShare: 0,
  deadShare: 0,
  quirks: false,
  clockSkewS: 0,
};

const KEYS: Record<string, keyof FaultSpec> = {
  delay: 'delayMs',
  drop: 'dropRate',
  hang: 'hangRate',
  malformed: 'malformedRate',
  truncate: 'truncateRate',
  error: 'errorRate',
  reboot: 'rebootRate',
  'ack-not-applied': 'ackNotAppliedShare',
  dead: 'deadShare',
  quirks: 'quirks',
  skew: 'clockSkewS',
};

const SPEC_HELP = `comma-separated key=value from ${Object.keys(KEYS).join(', ')}; e.g. "drop=0.05,delay=200,ack-not-applied=0.1,quirks"`;

/** The per-request faults in the order `drawRequestFault` stacks them on one uniform draw. */
const REQUEST_FAULT_KEYS = ['drop', 'hang', 'malformed', 'truncate', 'error', 'reboot'] as const;

/** What a numeric key accepts, in the words of its error. */
function expectedValue(key: keyof FaultSpec): string {
  if (key === 'delayMs') return 'must be a number of ms ≥ 0';
  if (key === 'clockSkewS') return 'must be a number of seconds (may be negative)';
  return 'must be a fraction from 0 to 1';
}

/** Parses `--faults "drop=0.05,delay=200,quirks"`; rates and shares are fractions 0–1, delay ms, skew s. */
export function parseFaultSpec(text: string, source = '--faults'): FaultSpec {
  const spec: Record<string, number | boolean> = { ...NO_FAULTS };
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name = '', raw] = part.split('=', 2).map((p) => p.trim());
    // A plain lookup would find `constructor`, `toString`, … on Object.prototype and fail later as a TypeError.
    const key = Object.hasOwn(KEYS, name) ? KEYS[name] : undefined;
    if (key === undefined) {
      throw new ConfigError([{ field: name, problem: 'is not a known fault', fix: SPEC_HELP, source }]);
    }
    if (key === 'quirks') {
      spec.quirks = raw === undefined || raw === 'true' || raw === '1';
      continue;
    }
    const value = Number(raw);
    const isFraction = key.endsWith('Rate') || key.endsWith('Share');
    const inRange = key === 'clockSkewS' ? true : isFraction ? value >= 0 && value <= 1 : value >= 0;
    if (raw === undefined || raw === '' || !Number.isFinite(value) || !inRange) {
      throw new ConfigError([
        { field: name, problem: expectedValue(key), value: raw, fix: SPEC_HELP, source },
      ]);
    }
    spec[key] = value;
  }
  const faults = spec as unknown as FaultSpec;
  // drawRequestFault stacks the rates on one draw, so past 1 the later faults would be silently cut short.
  const rates = REQUEST_FAULT_KEYS.map(
    (name) => [name, faults[KEYS[name] as keyof FaultSpec] as number] as const,
  );
  const sum = rates.reduce((total, [, rate]) => total + rate, 0);
  if (sum > 1 + 1e-9) {
    const named = rates.filter(([, rate]) => rate > 0).map(([name, rate]) => `${name}=${rate}`);
    throw new ConfigError([
      {
        field: REQUEST_FAULT_KEYS.join('+'),
        problem: `the per-request rates ${named.join(' + ')} add up to ${Number(sum.toFixed(6))}`,
        value: text,
        fix: 'lower them: the per-request rates must add up to at most 1',
        source,
      },
    ]);
  }
  return faults;
}

/** Which request fault (if any) hits this request, from one uniform draw in [0, 1). */
export type RequestFault = 'drop' | 'hang' | 'malformed' | 'truncate' | 'error' | 'reboot' | null;

export function drawRequestFault(spec: FaultSpec, uniform: number): RequestFault {
  let edge = 0;
  for (const [fault, rate] of [
    ['drop', spec.dropRate],
    ['hang', spec.hangRate],
    ['malformed', spec.malformedRate],
    ['truncate', spec.truncateRate],
    ['error', spec.errorRate],
    ['reboot', spec.rebootRate],
  ] as const) {
    edge += rate;
    if (uniform < edge) return fault;
  }
  return null;
}

/**
 * The generator of one simulator's fault draws. pure-rand seeds xoroshiro128+ with the seed's bits nearly as
 * given, so neighbouring seeds (a site numbers its machines 0, 1, 2, ...) begin with almost equal draws: seeded
 * 0..9,999 unmixed, not one machine of 10,000 drew `ackNotApplied` at a 10 % share. murmur3's 32-bit finaliser
 * spreads the seed first.
 */
export function faultGenerator(seed: number): RandomGenerator {
  let h = seed | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return xoroshiro128plus(h ^ (h >>> 16));
}
