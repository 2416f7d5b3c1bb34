/**
 * @module providers/grid-openadr/signals
 * Pure mapping from OpenADR 3.0.1 events to the grid signals the controller acts on (PROTOCOLS.md §4.1): one
 * `GridSignal` per interval that is ours, not yet over, and carries an import limit, a price or a SIMPLE level.
 * Values are converted to the project's units here, once: W for power, USD/MWh for price.
 */
import { ProtocolError } from '../../errors.ts';
import type { OadrEvent, OadrInterval, ValuesMap } from './protocol.ts';
import {
  addIsoDuration,
  type IsoDuration,
  isZeroDuration,
  parseIsoDuration,
  rfc3339Ms,
  UNTIL_FURTHER_NOTICE_MS,
} from './time.ts';

export interface GridSignal {
  readonly eventId: string;
  readonly programId: string;
  /** The interval's `id` (client-chosen, not a sequence number). */
  readonly intervalId: number;
  readonly startMs: number;
  /** `UNTIL_FURTHER_NOTICE_MS` when the event gives no duration or `PT0S`/`P0D` ("until further notice"). */
  readonly endMs: number;
  /** IMPORT_CAPACITY_LIMIT: the most the site may draw from the grid. */
  readonly importLimitW: number | null;
  /** PRICE, converted from the descriptor's currency per unit (default USD per kWh). */
  readonly priceUsdPerMWh: number | null;
  /** SIMPLE: 0 normal, 1 moderate, 2 high, 3 emergency shed. */
  readonly simpleLevel: 0 | 1 | 2 | 3 | null;
  /** Event priority: lower is more important; null when the event gives none. */
  readonly priority: number | null;
}

export interface GridSignalOptions {
  /** Our VEN name, matched against `VEN_NAME` targets. */
  readonly venName: string;
  /** Our resource names, matched against `RESOURCE_NAME` targets. */
  readonly resourceNames?: readonly string[];
  readonly nowMs: number;
}

/** W per unit of an IMPORT_CAPACITY_LIMIT; the descriptor's `units` (default KW, as the spec examples use). */
const W_PER_POWER_UNIT: Readonly<Record<string, number>> = { W: 1, KW: 1e3, MW: 1e6, GW: 1e9 };
/** Per-MWh factor of a PRICE per energy unit (default KWH): USD/kWh × 1000 = USD/MWh. */
const PER_MWH_FACTOR: Readonly<Record<string, number>> = { WH: 1e6, KWH: 1e3, MWH: 1 };

/**
 * Is the event ours? Only `VEN_NAME` and `RESOURCE_NAME` targets are checked, and any match is enough: other
 * target types (GROUP, POSTAL_CODE, …) are the VTN's to filter, since only it knows which groups we are in.
 */
function targetsUs(targets: readonly ValuesMap[], options: GridSignalOptions): boolean {
  const named = targets.filter((target) => target.type === 'VEN_NAME' || target.type === 'RESOURCE_NAME');
  if (named.length === 0) return true;
  const resources = options.resourceNames ?? [];
  return named.some((target) =>
    target.type === 'VEN_NAME'
      ? target.values.includes(options.venName)
      : target.values.some((value) => typeof value === 'string' && resources.includes(value)),
  );
}

function fail(event: OadrEvent, problem: string, raw: unknown): ProtocolError {
  return new ProtocolError(`openadr event ${event.id}`, 'map to grid signals', problem, JSON.stringify(raw));
}

/** `NaN` (absurd period arithmetic) and instants past the `Date` range both mean "until further notice". */
const clampMs = (ms: number): number =>
  Number.isFinite(ms)
    ? Math.max(-UNTIL_FURTHER_NOTICE_MS, Math.min(ms, UNTIL_FURTHER_NOTICE_MS))
    : UNTIL_FURTHER_NOTICE_MS;

/**
 * Interval `index` starts at the event's `intervalPeriod.start + index × duration` (the position in the array,
 * since `id` is not a sequence number) unless it has its own `intervalPeriod`. An event with no period at all is
 * taken as "now, until further notice": dropping a shed order because it carries no start would be worse.
 * `randomizeStart` is ignored: the spec lets a VEN apply it, and a site acting on time is always allowed.
 */
function intervalSpan(event: OadrEvent, interval: OadrInterval, index: number, nowMs: number) {
  const own = interval.intervalPeriod ?? null;
  const period = own ?? event.intervalPeriod ?? null;
  if (period === null) return { startMs: nowMs, endMs: UNTIL_FURTHER_NOTICE_MS };
  const baseMs = rfc3339Ms(period.start);
  if (baseMs === null) throw fail(event, 'intervalPeriod.start is not an RFC 3339 date-time', period);
  const durationText = own?.duration ?? event.intervalPeriod?.duration ?? null;
  const duration: IsoDuration | null = durationText === null ? null : parseIsoDuration(durationText);
  if (duration === null || isZeroDuration(duration)) {
    return { startMs: baseMs, endMs: UNTIL_FURTHER_NOTICE_MS };
  }
  const startMs = clampMs(own === null ? addIsoDuration(baseMs, duration, index) : baseMs);
  return { startMs, endMs: clampMs(addIsoDuration(startMs, duration)) };
}

/** `KW`, `kW`, `USD/KWH` and `USD_PER_KWH` all name the unit after the last separator. */
const unitKey = (units: string): string =>
  units
    .toUpperCase()
    .split(/\/|_PER_/)
    .pop()!
    .trim();

function firstNumber(event: OadrEvent, payload: ValuesMap): number {
  const value = payload.values[0];
  if (typeof value !== 'number')
    throw fail(event, `${payload.type} needs a number as its first value`, payload);
  return value;
}

/** A value near the double range (1e305 KW) overflows on conversion; refused rather than passed on as ±Infinity. */
function converted(event: OadrEvent, payload: ValuesMap, value: number): number {
  if (!Number.isFinite(value)) throw fail(event, `${payload.type} is out of range`, payload);
  return value;
}

interface PayloadReaders {
  readonly importLimit: (payload: ValuesMap) => number;
  readonly price: (payload: ValuesMap) => number;
}

/** Unit conversions from the event's payloadDescriptors; unknown units are an error, never a guess. */
function readersFor(event: OadrEvent): PayloadReaders {
  const descriptor = (type: string) => event.payloadDescriptors?.find((d) => d.payloadType === type);
  const limit = descriptor('IMPORT_CAPACITY_LIMIT');
  const price = descriptor('PRICE');
  const wPerUnit = W_PER_POWER_UNIT[unitKey(limit?.units ?? 'KW')];
  const perMWh = PER_MWH_FACTOR[unitKey(price?.units ?? 'KWH')];
  const currency = (price?.currency ?? 'USD').toUpperCase();
  return {
    importLimit(payload) {
      if (wPerUnit === undefined) {
        throw fail(event, `IMPORT_CAPACITY_LIMIT units ${limit?.units} are not W, KW or MW`, limit);
      }
      return converted(event, payload, firstNumber(event, payload) * wPerUnit);
    },
    price(payload) {
      if (perMWh === undefined || currency !== 'USD') {
        const problem = `PRICE in ${currency} per ${price?.units} is not USD per WH, KWH or MWH`;
        throw fail(event, problem, price);
      }
      return converted(event, payload, firstNumber(event, payload) * perMWh);
    },
  };
}

function simpleLevel(event: OadrEvent, payload: ValuesMap): 0 | 1 | 2 | 3 {
  const value = payload.values[0];
  if (value === 0 || value === 1 || value === 2 || value === 3) return value;
  throw fail(event, 'SIMPLE needs a level 0, 1, 2 or 3', payload);
}

/**
 * The signals of `events` that concern us and have not ended by `nowMs`, in event then interval order.
 * Intervals with none of IMPORT_CAPACITY_LIMIT, PRICE or SIMPLE are left out; other payload types are ignored.
 * Throws `ProtocolError` for a payload it should act on but cannot read (wrong value type, unknown units).
 */
export function gridSignalsFromEvents(
  events: readonly OadrEvent[],
  options: GridSignalOptions,
): GridSignal[] {
  const signals: GridSignal[] = [];
  for (const event of events) {
    if (!targetsUs(event.targets ?? [], options)) continue;
    const read = readersFor(event);
    event.intervals.forEach((interval, index) => {
      const { startMs, endMs } = intervalSpan(event, interval, index, options.nowMs);
      if (endMs <= options.nowMs) return;
      const payload = (type: string) => interval.payloads.find((p) => p.type === type);
      const limit = payload('IMPORT_CAPACITY_LIMIT');
      const price = payload('PRICE');
      const simple = payload('SIMPLE');
      if (limit === undefined && price === undefined && simple === undefined) return;
      signals.push({
        eventId: event.id,
        programId: event.programID,
        intervalId: interval.id,
        startMs,
        endMs,
        importLimitW: limit === undefined ? null : read.importLimit(limit),
        priceUsdPerMWh: price === undefined ? null : read.price(price),
        simpleLevel: simple === undefined ? null : simpleLevel(event, simple),
        priority: event.priority ?? null,
      });
    });
  }
  return signals;
}
