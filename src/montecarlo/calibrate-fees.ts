/**
 * @module montecarlo/calibrate-fees
 * Fees per block as a two-regime lognormal (ECONOMICS.md §6.3): calm days and event days (inscriptions, Runes,
 * the halving block), the regime a Markov chain. Event days are those above `eventMultiple` × the window's
 * median; each regime's log-fees get their own mean and standard deviation.
 */
import { ValidationError } from '../errors.ts';
import type { DailyNetwork } from '../series/network.ts';
import { MS_PER_DAY } from '../units/index.ts';
import { isoDayOf, meanAndStd } from './calibrate-btc.ts';

export interface LognormalFit {
  readonly meanLog: number;
  readonly stdLog: number;
}

export interface FeeCalibration {
  readonly fromDay: string;
  readonly toDay: string;
  readonly days: number;
  readonly medianBtcPerBlock: number;
  readonly meanBtcPerBlock: number;
  readonly eventThresholdBtcPerBlock: number;
  readonly calm: LognormalFit;
  readonly event: LognormalFit;
  readonly enterEventPerDay: number;
  readonly stayEventPerDay: number;
  readonly eventDays: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function calibrateFees(
  network: DailyNetwork,
  endIndex: number,
  windowDays: number,
  eventMultiple: number,
): FeeCalibration {
  const first = Math.max(0, endIndex - windowDays + 1);
  const fees: number[] = [];
  for (let i = first; i <= endIndex; i++) {
    const blocks = network.blockCount[i]!;
    const feesBtc = network.feesBtc[i]!;
    if (blocks > 0 && feesBtc > 0) fees.push(feesBtc / blocks);
  }
  if (fees.length < 30) {
    throw new ValidationError([
      {
        field: 'scenario.fees.windowDays',
        problem: `leaves only ${fees.length} days with fees in the shipped history`,
        value: windowDays,
        fix: 'use a window of at least 30 days, e.g. 730',
      },
    ]);
  }
  const medianBtcPerBlock = median(fees);
  const threshold = medianBtcPerBlock * eventMultiple;
  const isEvent = fees.map((f) => f > threshold);
  const logOf = (event: boolean) => fees.filter((_, i) => isEvent[i] === event).map(Math.log);
  const calmLogs = logOf(false);
  const eventLogs = logOf(true);
  let calmToEvent = 0;
  let eventToEvent = 0;
  let calmDays = 0;
  let eventDays = 0;
  for (let i = 0; i + 1 < fees.length; i++) {
    if (isEvent[i]) {
      eventDays++;
      if (isEvent[i + 1]) eventToEvent++;
    } else {
      calmDays++;
      if (isEvent[i + 1]) calmToEvent++;
    }
  }
  const calm = meanAndStd(calmLogs);
  const event = eventLogs.length >= 2 ? meanAndStd(eventLogs) : calm;
  return {
    fromDay: isoDayOf(network.startMs + first * MS_PER_DAY),
    toDay: isoDayOf(network.startMs + endIndex * MS_PER_DAY),
    days: fees.length,
    medianBtcPerBlock,
    meanBtcPerBlock: fees.reduce((s, f) => s + f, 0) / fees.length,
    eventThresholdBtcPerBlock: threshold,
    calm: { meanLog: calm.mean, stdLog: calm.std },
    event: { meanLog: event.mean, stdLog: event.std },
    enterEventPerDay: calmDays > 0 ? calmToEvent / calmDays : 0,
    stayEventPerDay: eventDays > 0 ? eventToEvent / eventDays : 0,
    eventDays: eventLogs.length,
  };
}
