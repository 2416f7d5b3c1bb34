/** Events → grid signals: units, interval times, targets and ended intervals, worked out by hand. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../../errors.ts';
import { type EventInput, type OadrEvent, storedEventSchema } from './protocol.ts';
import { type GridSignal, gridSignalsFromEvents } from './signals.ts';
import { UNTIL_FURTHER_NOTICE_MS } from './time.ts';

const EXAMPLE = storedEventSchema.parse(
  JSON.parse(readFileSync(new URL('fixtures/protocols-event.json', import.meta.url), 'utf8')),
);
const VEN = 'switchyard-site-1';
const START_MS = Date.parse('2026-07-15T20:00:00Z');
const MIN = 60_000;
const BEFORE = START_MS - 60 * MIN;

/** A hand-built event: one interval per payload list, 15-minute intervals from START. */
function event(
  overrides: Partial<EventInput> & { payloads?: EventInput['intervals'][number]['payloads'][] },
) {
  const { payloads = [[{ type: 'SIMPLE', values: [1] }]], ...rest } = overrides;
  return storedEventSchema.parse({
    id: 'evt-1',
    programID: 'prog-1',
    intervalPeriod: { start: '2026-07-15T20:00:00Z', duration: 'PT15M' },
    intervals: payloads.map((list, id) => ({ id, payloads: list })),
    ...rest,
  });
}
const signals = (events: OadrEvent[], nowMs = BEFORE, resourceNames?: string[]): GridSignal[] =>
  gridSignalsFromEvents(events, { venName: VEN, nowMs, ...(resourceNames ? { resourceNames } : {}) });

describe('the PROTOCOLS.md example event', () => {
  it('gives two 15-minute signals of 2,000 KW = 2,000,000 W', () => {
    expect(signals([EXAMPLE])).toEqual([
      {
        eventId: 'evt-4cp-0715',
        programId: 'prog-ercot-lr',
        intervalId: 0,
        startMs: START_MS,
        endMs: START_MS + 15 * MIN,
        importLimitW: 2_000_000,
        priceUsdPerMWh: null,
        simpleLevel: null,
        priority: 0,
      },
      {
        eventId: 'evt-4cp-0715',
        programId: 'prog-ercot-lr',
        intervalId: 1,
        startMs: START_MS + 15 * MIN,
        endMs: START_MS + 30 * MIN,
        importLimitW: 2_000_000,
        priceUsdPerMWh: null,
        simpleLevel: null,
        priority: 0,
      },
    ]);
  });

  it('drops intervals already over: at 20:15 the first has ended, at 20:30 both', () => {
    expect(signals([EXAMPLE], START_MS + 15 * MIN).map((s) => s.intervalId)).toEqual([1]);
    expect(signals([EXAMPLE], START_MS + 14 * MIN).map((s) => s.intervalId)).toEqual([0, 1]);
    expect(signals([EXAMPLE], START_MS + 30 * MIN)).toEqual([]);
  });

  it('is not for another VEN', () => {
    expect(gridSignalsFromEvents([EXAMPLE], { venName: 'site-2', nowMs: BEFORE })).toEqual([]);
  });
});

describe('units from the payload descriptors', () => {
  const limit = (units: string | undefined, value: number) =>
    signals([
      event({
        payloads: [[{ type: 'IMPORT_CAPACITY_LIMIT', values: [value] }]],
        ...(units === undefined
          ? {}
          : { payloadDescriptors: [{ payloadType: 'IMPORT_CAPACITY_LIMIT', units }] }),
      }),
    ])[0]?.importLimitW;

  it('KW (and no descriptor) × 1e3, MW × 1e6, W × 1', () => {
    expect(limit(undefined, 2000)).toBe(2_000_000);
    expect(limit('KW', 1.5)).toBe(1500);
    expect(limit('kW', 1.5)).toBe(1500);
    expect(limit('MW', 12.5)).toBe(12_500_000);
    expect(limit('W', 750)).toBe(750);
  });

  it('an import limit in units it cannot convert is a ProtocolError naming the units', () => {
    expect(() => limit('A', 100)).toThrow(ProtocolError);
    expect(() => limit('KWH', 100)).toThrow(/units KWH are not W, KW or MW/);
  });

  const price = (descriptor: { units?: string; currency?: string } | null, value: number) =>
    signals([
      event({
        payloads: [[{ type: 'PRICE', values: [value] }]],
        ...(descriptor === null ? {} : { payloadDescriptors: [{ payloadType: 'PRICE', ...descriptor }] }),
      }),
    ])[0]?.priceUsdPerMWh;

  it('PRICE per KWH (the default) × 1000 = USD/MWh; per MWH as is; per WH × 1e6', () => {
    expect(price(null, 0.17)).toBeCloseTo(170, 12);
    expect(price({ units: 'KWH', currency: 'USD' }, 0.05)).toBeCloseTo(50, 12);
    expect(price({ units: 'USD/KWH' }, 0.05)).toBeCloseTo(50, 12);
    expect(price({ units: 'MWH', currency: 'usd' }, 42)).toBe(42);
    expect(price({ units: 'WH' }, 0.0001)).toBeCloseTo(100, 9);
    expect(price({ units: 'MWH' }, -25)).toBe(-25);
  });

  it('a price in another currency is a ProtocolError, not a silent conversion', () => {
    expect(() => price({ units: 'KWH', currency: 'EUR' }, 0.2)).toThrow(/PRICE in EUR per KWH/);
  });

  it('SIMPLE levels 0-3; anything else is a ProtocolError', () => {
    const level = (value: unknown) =>
      signals([event({ payloads: [[{ type: 'SIMPLE', values: [value as number] }]] })]);
    expect(level(3)[0]?.simpleLevel).toBe(3);
    expect(level(0)[0]?.simpleLevel).toBe(0);
    expect(() => level(4)).toThrow(ProtocolError);
    expect(() => level(1.5)).toThrow(/SIMPLE needs a level/);
    expect(() => level('HIGH')).toThrow(ProtocolError);
  });

  it('ignores payload types it does not act on, and intervals carrying only those', () => {
    const result = signals([
      event({
        payloads: [
          [
            { type: 'GHG', values: [420] },
            { type: 'SIMPLE', values: [2] },
          ],
          [{ type: 'ALERT_OTHER', values: ['heat'] }],
        ],
      }),
    ]);
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({
      intervalId: 0,
      simpleLevel: 2,
      importLimitW: null,
      priceUsdPerMWh: null,
    });
  });

  it('a limit with a text value is a ProtocolError', () => {
    expect(() =>
      signals([event({ payloads: [[{ type: 'IMPORT_CAPACITY_LIMIT', values: ['2000'] }]] })]),
    ).toThrow(/needs a number/);
  });
});

describe('interval times', () => {
  it('interval i starts at start + i × duration, by position (ids are not sequence numbers)', () => {
    const e = storedEventSchema.parse({
      id: 'evt-2',
      programID: 'prog-1',
      intervalPeriod: { start: '2026-07-15T20:00:00Z', duration: 'PT1H' },
      intervals: [7, 3, 9].map((id) => ({ id, payloads: [{ type: 'SIMPLE', values: [1] }] })),
    });
    expect(
      signals([e]).map((s) => [s.intervalId, (s.startMs - START_MS) / MIN, (s.endMs - START_MS) / MIN]),
    ).toEqual([
      [7, 0, 60],
      [3, 60, 120],
      [9, 120, 180],
    ]);
  });

  it("an interval's own intervalPeriod overrides the event's, taking the event's duration if it has none", () => {
    const e = storedEventSchema.parse({
      id: 'evt-3',
      programID: 'prog-1',
      intervalPeriod: { start: '2026-07-15T20:00:00Z', duration: 'PT15M' },
      intervals: [
        {
          id: 0,
          intervalPeriod: { start: '2026-07-15T22:00:00Z', duration: 'PT30M' },
          payloads: [{ type: 'SIMPLE', values: [1] }],
        },
        {
          id: 1,
          intervalPeriod: { start: '2026-07-15T23:00:00Z' },
          payloads: [{ type: 'SIMPLE', values: [2] }],
        },
      ],
    });
    const [first, second] = signals([e]);
    expect([first?.startMs, first?.endMs]).toEqual([START_MS + 120 * MIN, START_MS + 150 * MIN]);
    expect([second?.startMs, second?.endMs]).toEqual([START_MS + 180 * MIN, START_MS + 195 * MIN]);
  });

  it.each([['P0D'], ['PT0S'], [undefined]])('duration %s means until further notice', (duration) => {
    const period = { start: '2026-07-15T20:00:00Z', ...(duration ? { duration } : {}) };
    const [signal] = signals([event({ intervalPeriod: period })], START_MS + 10 ** 9);
    expect(signal?.startMs).toBe(START_MS);
    expect(signal?.endMs).toBe(UNTIL_FURTHER_NOTICE_MS);
  });

  it('an event with no period at all applies from now until further notice', () => {
    const e = storedEventSchema.parse({
      id: 'evt-now',
      programID: 'prog-1',
      intervals: [{ id: 0, payloads: [{ type: 'SIMPLE', values: [3] }] }],
    });
    expect(signals([e], START_MS)).toMatchObject([
      { startMs: START_MS, endMs: UNTIL_FURTHER_NOTICE_MS, simpleLevel: 3 },
    ]);
  });

  it('a start with an offset is the same instant (15:00-05:00 is 20:00Z)', () => {
    const e = event({ intervalPeriod: { start: '2026-07-15T15:00:00-05:00', duration: 'PT15M' } });
    expect(signals([e])[0]?.startMs).toBe(START_MS);
  });
});

describe('targets', () => {
  const targeted = (targets: EventInput['targets']) => event({ targets });

  it('untargeted (missing, null or empty) applies to every VEN', () => {
    expect(signals([event({}), targeted(null), targeted([])])).toHaveLength(3);
  });

  it('VEN_NAME must name us; RESOURCE_NAME must name one of our resources; either is enough', () => {
    expect(signals([targeted([{ type: 'VEN_NAME', values: ['other', VEN] }])])).toHaveLength(1);
    expect(signals([targeted([{ type: 'VEN_NAME', values: ['other'] }])])).toHaveLength(0);
    const resource = targeted([{ type: 'RESOURCE_NAME', values: ['site-1-miners'] }]);
    expect(signals([resource], BEFORE, ['site-1-miners', 'site-1-gpus'])).toHaveLength(1);
    expect(signals([resource], BEFORE, ['site-1-gpus'])).toHaveLength(0);
    expect(signals([resource])).toHaveLength(0);
    const both = targeted([
      { type: 'VEN_NAME', values: ['other'] },
      { type: 'RESOURCE_NAME', values: ['site-1-miners'] },
    ]);
    expect(signals([both], BEFORE, ['site-1-miners'])).toHaveLength(1);
  });

  it('target types only the VTN can judge (GROUP, POSTAL_CODE) are left to it', () => {
    expect(signals([targeted([{ type: 'GROUP', values: ['west'] }])])).toHaveLength(1);
  });
});

it('keeps event then interval order over several events, and the priority of each', () => {
  const low = event({ id: 'evt-low', priority: 5 });
  const high = event({
    id: 'evt-high',
    priority: 0,
    payloads: [[{ type: 'SIMPLE', values: [3] }], [{ type: 'SIMPLE', values: [2] }]],
  });
  expect(signals([low, high]).map((s) => [s.eventId, s.intervalId, s.priority])).toEqual([
    ['evt-low', 0, 5],
    ['evt-high', 0, 0],
    ['evt-high', 1, 0],
  ]);
});

it('a value that overflows on conversion (1e305 KW) is a ProtocolError, not -Infinity W (found by the fuzz)', () => {
  const huge = event({ payloads: [[{ type: 'IMPORT_CAPACITY_LIMIT', values: [-1.797693134862316e305] }]] });
  expect(() => signals([huge])).toThrow(/IMPORT_CAPACITY_LIMIT is out of range/);
});
