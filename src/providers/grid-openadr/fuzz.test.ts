/**
 * Fuzz: arbitrary event bodies through decode and mapping. Whatever a VTN sends, the only failures are
 * ProtocolError (the body or a payload we must act on is unusable) or ValidationError; and every signal that
 * comes out is well-formed: ours, not over, finite where it should be.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProtocolError, ValidationError } from '../../errors.ts';
import { decodeBody, decodeNotification } from './messages.ts';
import { storedEventSchema } from './protocol.ts';
import { gridSignalsFromEvents } from './signals.ts';
import { UNTIL_FURTHER_NOTICE_MS } from './time.ts';

const CONTEXT = { device: 'vtn@fuzz', command: 'GET /events' };
const VEN = 'site-1';
const NOW_MS = Date.parse('2026-07-15T20:07:00Z');

/** Mostly well-formed, so decoding passes often and the mapping is reached; now and then anything at all. */
const either = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: valid, weight: 30 }, { arbitrary: fc.anything(), weight: 1 });
const duration = fc.oneof(
  {
    arbitrary: fc.constantFrom('PT15M', 'PT1H', 'P0D', 'PT0S', 'P1DT2H', 'P1M', 'P9999Y', 'PT0.001S'),
    weight: 10,
  },
  { arbitrary: fc.constantFrom('-PT5M', 'PT', '15m'), weight: 1 },
);
const start = fc.oneof(
  {
    arbitrary: fc
      .integer({ min: NOW_MS - 7_200_000, max: NOW_MS + 7_200_000 })
      .map((ms) => new Date(ms).toISOString()),
    weight: 8,
  },
  {
    arbitrary: fc.constantFrom('2026-07-15T15:00:00-05:00', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z'),
    weight: 2,
  },
  { arbitrary: fc.constantFrom('2026-02-30T00:00:00Z', 'soon'), weight: 1 },
);
const period = fc.record({ start, duration }, { requiredKeys: ['start'] });
const payloadType = fc.constantFrom(
  'IMPORT_CAPACITY_LIMIT',
  'PRICE',
  'SIMPLE',
  'GHG',
  'EXPORT_PRICE',
  'X-VENDOR',
);
// Mostly values the mapping accepts, so it is reached often; the rest must fail as ProtocolError.
const value = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 3 }), weight: 12 },
  { arbitrary: fc.double({ noNaN: true }), weight: 2 },
  {
    arbitrary: fc.oneof(
      fc.integer({ min: -2, max: 5 }),
      fc.string(),
      fc.boolean(),
      fc.record({ x: fc.double(), y: fc.double() }),
    ),
    weight: 1,
  },
);
const valuesMap = fc.record({ type: payloadType, values: fc.array(value, { minLength: 1, maxLength: 2 }) });
const target = fc.record({
  type: fc.constantFrom('VEN_NAME', 'RESOURCE_NAME', 'GROUP'),
  values: fc.array(fc.constantFrom(VEN, VEN, 'r1', 'other'), { maxLength: 3 }),
});
const descriptor = fc.record(
  {
    payloadType,
    units: fc.constantFrom('KW', 'MW', 'W', 'kW', 'KWH', 'MWH', 'USD/KWH', 'A', null),
    currency: fc.constantFrom('USD', 'USD', 'EUR', null),
  },
  { requiredKeys: ['payloadType'] },
);
const event = fc.record(
  {
    id: either(fc.constantFrom('evt-1', 'evt_2')),
    programID: either(fc.constant('prog-1')),
    priority: either(fc.integer({ min: 0, max: 3 })),
    targets: either(fc.array(target, { maxLength: 3 })),
    payloadDescriptors: either(fc.array(descriptor, { maxLength: 3 })),
    intervalPeriod: either(period),
    intervals: either(
      fc.array(
        fc.record(
          {
            id: either(fc.integer({ min: 0, max: 5 })),
            intervalPeriod: period,
            payloads: fc.array(valuesMap, { maxLength: 3 }),
          },
          { requiredKeys: ['id', 'payloads'] },
        ),
        { minLength: 1, maxLength: 4 },
      ),
    ),
  },
  { requiredKeys: ['id', 'programID', 'intervals'] },
);

const allowed = (error: unknown) => error instanceof ProtocolError || error instanceof ValidationError;

describe('fuzz', () => {
  it('decode + map: only ProtocolError/ValidationError, and every signal is well-formed', () => {
    let mapped = 0;
    let withSignals = 0;
    fc.assert(
      fc.property(
        fc.array(event, { minLength: 1, maxLength: 2 }),
        fc.array(fc.constantFrom('r1', 'r2'), { maxLength: 2 }),
        (bodies, resourceNames) => {
          try {
            const events = decodeBody(storedEventSchema.array(), JSON.stringify(bodies), CONTEXT, 'events');
            const signals = gridSignalsFromEvents(events, { venName: VEN, resourceNames, nowMs: NOW_MS });
            mapped += 1;
            if (signals.length > 0) withSignals += 1;
            for (const signal of signals) {
              expect(signal.endMs).toBeGreaterThan(NOW_MS);
              expect(signal.endMs).toBeLessThanOrEqual(UNTIL_FURTHER_NOTICE_MS);
              expect(signal.startMs).toBeLessThanOrEqual(signal.endMs);
              expect(signal.importLimitW === null || Number.isFinite(signal.importLimitW)).toBe(true);
              expect(signal.priceUsdPerMWh === null || Number.isFinite(signal.priceUsdPerMWh)).toBe(true);
              expect([null, 0, 1, 2, 3]).toContain(signal.simpleLevel);
              expect(signal.importLimitW ?? signal.priceUsdPerMWh ?? signal.simpleLevel).not.toBeNull();
            }
          } catch (error) {
            if (!allowed(error)) throw error;
          }
        },
      ),
      { numRuns: 1500 },
    );
    // The generator must reach the mapping often, or the property says little about it.
    expect(mapped).toBeGreaterThan(200);
    expect(withSignals).toBeGreaterThan(120);
  });

  it('an event targeted only at other VEN names never yields a signal', () => {
    fc.assert(
      fc.property(event, (body) => {
        const parsed = storedEventSchema.safeParse({
          ...(body as object),
          targets: [{ type: 'VEN_NAME', values: ['other'] }],
        });
        if (!parsed.success) return;
        try {
          expect(gridSignalsFromEvents([parsed.data], { venName: VEN, nowMs: NOW_MS })).toEqual([]);
        } catch (error) {
          if (!allowed(error)) throw error;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('notifications: any JSON is decoded or refused with a ProtocolError', () => {
    const notification = fc.record({
      objectType: either(fc.constantFrom('EVENT', 'PROGRAM', 'REPORT', 'VEN')),
      operation: either(fc.constantFrom('POST', 'PUT', 'CREATE', 'DELETE', 'PATCH')),
      object: either(event),
      targets: either(fc.array(target)),
    });
    fc.assert(
      fc.property(fc.oneof(notification, fc.jsonValue()), (body) => {
        try {
          decodeNotification(JSON.stringify(body) ?? 'undefined', CONTEXT);
        } catch (error) {
          expect(error).toBeInstanceOf(ProtocolError);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
