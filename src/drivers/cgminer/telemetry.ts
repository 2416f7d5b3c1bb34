/**
 * @module drivers/cgminer/telemetry
 * Typed reads of the cgminer-family detail sections (PROTOCOLS.md §1.5), shared by every 4028 driver: numbers that
 * may come as strings, hashrates in whatever unit the key names, and the bmminer `stats` machine object with its
 * numbered per-chain keys. Every bad field is a `ProtocolError` naming the device, command and key.
 */
import { ProtocolError } from '../../errors.ts';
import { type CgminerEntry, type CgminerReply, firstEntry } from './protocol.ts';

function fieldError(reply: CgminerReply, key: string, problem: string): ProtocolError {
  return new ProtocolError(reply.device, reply.command, `"${key}" ${problem}`, reply.raw);
}

function own(entry: CgminerEntry, key: string): unknown {
  return Object.hasOwn(entry, key) ? entry[key] : undefined;
}

/**
 * A number that older bmminer builds send as a string (`"GHS 5s":"104312.55"`, §1.4). Absent, null and `""` (an
 * empty board slot on older builds) read as undefined.
 */
export function readNumber(reply: CgminerReply, entry: CgminerEntry, key: string): number | undefined {
  const value = own(entry, key);
  if (value === undefined || value === null || value === '') return undefined;
  const parsed = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  if (!Number.isFinite(parsed)) throw fieldError(reply, key, `is not a number: ${JSON.stringify(value)}`);
  return parsed;
}

export function readString(reply: CgminerReply, entry: CgminerEntry, key: string): string | undefined {
  const value = own(entry, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw fieldError(reply, key, `is not a string: ${JSON.stringify(value)}`);
  return value;
}

function readNonNegative(reply: CgminerReply, entry: CgminerEntry, key: string): number | undefined {
  const value = readNumber(reply, entry, key);
  if (value !== undefined && value < 0) throw fieldError(reply, key, `is negative: ${value}`);
  return value;
}

/** Hashrate keys by preference, with their scale to TH/s: bmminer and LuxOS send GH/s, cgminer 4.x and BOSminer MH/s. */
const HASHRATE_KEYS: readonly (readonly [string, number])[] = [
  ['GHS 5s', 1e-3],
  ['GHS av', 1e-3],
  ['MHS 5s', 1e-6],
  ['MHS 1m', 1e-6],
  ['MHS av', 1e-6],
];

/** `SUMMARY[0]` hashrate in TH/s; a summary without any hashrate key is not one we can read. */
export function summaryHashrateThs(summary: CgminerReply): number {
  const entry = firstEntry(summary, 'SUMMARY');
  for (const [key, toThs] of HASHRATE_KEYS) {
    const value = readNonNegative(summary, entry, key);
    if (value !== undefined) return value * toThs;
  }
  throw new ProtocolError(summary.device, summary.command, 'no GHS/MHS hashrate in SUMMARY', summary.raw);
}

/** `SUMMARY[0].Elapsed`: seconds since the mining process started. */
export function summaryUptimeS(summary: CgminerReply): number | null {
  return readNonNegative(summary, firstEntry(summary, 'SUMMARY'), 'Elapsed') ?? null;
}

/** `VERSION[0].Type` (trimmed: one S19 build sends a trailing space), else the `stats` identity object's. */
export function modelName(version: CgminerReply | undefined, stats: CgminerReply | undefined): string | null {
  for (const [reply, name] of [
    [version, 'VERSION'],
    [stats, 'STATS'],
  ] as const) {
    if (reply === undefined || !Object.hasOwn(reply.sections, name)) continue;
    for (const entry of reply.sections[name] ?? []) {
      const type = readString(reply, entry, 'Type')?.trim();
      if (type) return type;
    }
  }
  return null;
}

/** bmminer numbers chains 1–3 (S17/S19), 1–4 (S15) or 6–8 (S9), and newer builds list every slot up to 16. */
const CHAIN_SLOTS = Array.from({ length: 16 }, (_, i) => i + 1);

/**
 * The machine object of a bmminer `stats` reply (`STATS[1]`, the one with a `STATS` key; `STATS[0]` is the
 * identity). cgminer proper lists per-device timing objects instead, which carry none of the keys read here.
 */
export function statsMachine(stats: CgminerReply): CgminerEntry {
  const entries = stats.sections.STATS ?? [];
  return entries.find((entry) => Object.hasOwn(entry, 'STATS')) ?? firstEntry(stats, 'STATS');
}

/** `"63-63-73-73"` (newer builds: four sensors per board) or a plain number. */
function sensorValues(reply: CgminerReply, entry: CgminerEntry, key: string): number[] {
  const value = own(entry, key);
  if (typeof value !== 'string' || !value.includes('-')) {
    const single = readNumber(reply, entry, key);
    return single === undefined ? [] : [single];
  }
  return value.split('-').map((part) => {
    const parsed = part.trim() === '' ? Number.NaN : Number(part);
    if (!Number.isFinite(parsed))
      throw fieldError(reply, key, `has a sensor that is not a number: "${value}"`);
    return parsed;
  });
}

function maxPositive(values: readonly number[]): number | null {
  let max = 0;
  for (const value of values) if (value > max) max = value;
  // Empty slots read 0 (`"0-0-0-0"`): no sensor, not a frozen chip.
  return max > 0 ? max : null;
}

/** Hottest chip (`temp_chip{n}`, `temp2_{n}`), else hottest board (`temp{n}`, `temp_pcb{n}`), °C. */
export function statsMaxTemperatureC(stats: CgminerReply): number | null {
  const machine = statsMachine(stats);
  const chip: number[] = [];
  const board: number[] = [];
  for (const n of CHAIN_SLOTS) {
    chip.push(
      ...sensorValues(stats, machine, `temp_chip${n}`),
      ...sensorValues(stats, machine, `temp2_${n}`),
    );
    board.push(...sensorValues(stats, machine, `temp${n}`), ...sensorValues(stats, machine, `temp_pcb${n}`));
  }
  return maxPositive(chip) ?? maxPositive(board);
}

/** `total_power`, else the sum of `chain_power{n}` (newer bmminer builds only), W. */
export function statsPowerW(stats: CgminerReply): number | undefined {
  const machine = statsMachine(stats);
  const totalW = readNonNegative(stats, machine, 'total_power');
  if (totalW !== undefined) return totalW;
  let sumW: number | undefined;
  for (const n of CHAIN_SLOTS) {
    const chainW = readNonNegative(stats, machine, `chain_power${n}`);
    if (chainW !== undefined) sumW = (sumW ?? 0) + chainW;
  }
  return sumW;
}

const RATE_UNIT_TO_THS: Readonly<Record<string, number>> = {
  'H/s': 1e-12,
  'KH/s': 1e-9,
  'MH/s': 1e-6,
  'GH/s': 1e-3,
  'TH/s': 1,
  'PH/s': 1e3,
};

/** `total_rateideal` (the hashrate the chips should make) in `rate_unit`, GH/s when the unit is absent; TH/s. */
export function statsIdealHashrateThs(stats: CgminerReply): number | undefined {
  const machine = statsMachine(stats);
  const ideal = readNonNegative(stats, machine, 'total_rateideal');
  if (ideal === undefined) return undefined;
  const unit = readString(stats, machine, 'rate_unit')?.trim() || 'GH/s';
  const toThs = Object.hasOwn(RATE_UNIT_TO_THS, unit) ? RATE_UNIT_TO_THS[unit] : undefined;
  if (toThs === undefined) throw fieldError(stats, 'rate_unit', `is not a known unit: "${unit}"`);
  return ideal * toThs;
}
