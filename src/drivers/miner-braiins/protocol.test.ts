/** The Braiins REST codec pinned on the example bodies of test/fixtures/braiins (derived, see its README). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ProtocolError } from '../../errors.ts';
import {
  actionReplySchema,
  constraintsSchema,
  coolingStateSchema,
  decodeBody,
  detailsSchema,
  loginReplySchema,
  MINER_STATUSES,
  powerTargetSchema,
  type ReadingReplies,
  statsSchema,
  toMinerReading,
  toPowerConstraints,
  tunerStateSchema,
} from './protocol.ts';

const FIXTURES = new URL('../../../test/fixtures/braiins/', import.meta.url);
const fixture = (name: string): string => readFileSync(new URL(name, FIXTURES), 'utf8');
const DEVICE = 'braiins@10.0.0.7:80';

function decode<S extends z.ZodType>(schema: S, name: string): z.output<S> {
  return decodeBody(schema, fixture(name), DEVICE, `GET ${name}`);
}

const running: ReadingReplies = {
  details: decode(detailsSchema, 'details.json'),
  stats: decode(statsSchema, 'stats.json'),
  tunerState: decode(tunerStateSchema, 'tuner-state.json'),
  cooling: decode(coolingStateSchema, 'cooling-state.json'),
};

describe('toMinerReading on the example bodies', () => {
  it('maps a running S19j Pro: watts as given, GH/s to TH/s, target, hottest chip, bosminer uptime', () => {
    expect(toMinerReading(running)).toEqual({
      state: 'running',
      powerW: 3105,
      hashrateThs: 103.8762,
      powerTargetW: 3100,
      temperatureC: 71.5,
      uptimeS: 86_400,
      model: 'Antminer S19j Pro',
    });
  });

  it('maps a paused miner in the other proto3 renderings: enum names, uint64 strings, zeros left out', () => {
    const reading = toMinerReading({
      details: decode(detailsSchema, 'details-paused-enum-names.json'),
      stats: decode(statsSchema, 'stats-paused-proto3.json'),
      tunerState: decode(tunerStateSchema, 'tuner-state-hashrate-mode.json'),
      cooling: decode(coolingStateSchema, 'cooling-state-no-sensor.json'),
    });
    expect(reading).toEqual({
      state: 'curtailed',
      powerW: 18,
      hashrateThs: 0,
      powerTargetW: null,
      temperatureC: null,
      uptimeS: 90_061,
      model: 'Antminer S19j Pro',
    });
  });

  const expected: Record<(typeof MINER_STATUSES)[number], [hashing: string, idle: string]> = {
    UNSPECIFIED: ['off', 'off'],
    NOT_STARTED: ['off', 'off'],
    NORMAL: ['running', 'off'],
    PAUSED: ['curtailed', 'curtailed'],
    SUSPENDED: ['curtailed', 'curtailed'],
    RESTRICTED: ['off', 'off'],
  };
  it.each(MINER_STATUSES.map((name, number) => [name, number] as const))(
    'status %s (%i) reads the same as a number, a full name and a short name',
    (name, number) => {
      for (const status of [number, `MINER_STATUS_${name}`, name]) {
        const details = detailsSchema.parse({ status, bosminer_uptime_s: 5 });
        const idleStats = statsSchema.parse({
          miner_stats: {},
          power_stats: { approximated_consumption: {} },
        });
        expect(toMinerReading({ ...running, details }).state).toBe(expected[name][0]);
        expect(toMinerReading({ ...running, details, stats: idleStats }).state).toBe(expected[name][1]);
      }
    },
  );

  it('falls back to the 1-minute hashrate when the 5-second one is missing', () => {
    const stats = statsSchema.parse({
      miner_stats: { real_hashrate: { last_1m: { gigahash_per_second: 52_000 } } },
      power_stats: { approximated_consumption: { watt: 1600 } },
    });
    expect(toMinerReading({ ...running, stats }).hashrateThs).toBe(52);
  });

  it('takes the model from miner_model when name is missing, and null when neither is there', () => {
    const named = detailsSchema.parse({ status: 2, miner_identity: { miner_model: 'Antminer S21' } });
    expect(toMinerReading({ ...running, details: named }).model).toBe('Antminer S21');
    const anonymous = detailsSchema.parse({ status: 2, miner_identity: { name: '' } });
    expect(toMinerReading({ ...running, details: anonymous }).model).toBeNull();
  });
});

describe('the other bodies', () => {
  it('constraints give the power-target range, W', () => {
    expect(toPowerConstraints(decode(constraintsSchema, 'constraints.json'))).toEqual({
      minW: 1500,
      defaultW: 3250,
      maxW: 5000,
    });
  });

  it('login, power-target and pause replies', () => {
    expect(decode(loginReplySchema, 'login.json')).toEqual({ token: 'JlX3oCGRj7c8Nc9E', timeout_s: 3600 });
    expect(decode(powerTargetSchema, 'power-target.json')).toEqual({ watt: 1800 });
    expect(powerTargetSchema.parse({ watt: '1800' })).toEqual({ watt: 1800 });
    expect(decode(actionReplySchema, 'pause.json')).toEqual({ already_paused: false });
  });
});

describe('decodeBody rejects what is not the protocol', () => {
  const schemas = {
    details: detailsSchema,
    stats: statsSchema,
    constraints: constraintsSchema,
    login: loginReplySchema,
    cooling: coolingStateSchema,
  } as const;
  const cases = JSON.parse(fixture('invalid.json')) as {
    description: string;
    schema: keyof typeof schemas;
    body: unknown;
    problem: string;
  }[];

  it('has a table of invalid bodies', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases.map((c) => [c.description, c] as const))('%s', (_description, c) => {
    const raw = JSON.stringify(c.body);
    const error = (() => {
      try {
        decodeBody(schemas[c.schema], raw, DEVICE, 'GET /api/v1/x');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ProtocolError);
    const protocolError = error as ProtocolError;
    expect(protocolError.device).toBe(DEVICE);
    expect(protocolError.command).toBe('GET /api/v1/x');
    expect(protocolError.message).toContain(c.problem);
    expect(protocolError.excerpt).toBe(raw.length > 120 ? `${raw.slice(0, 117)}...` : raw);
  });

  it('a body that is not JSON says so and keeps an excerpt', () => {
    expect(() => decodeBody(detailsSchema, '<html>502 Bad Gateway</html>', DEVICE, 'GET /d')).toThrow(
      expect.objectContaining({ code: 'PROTOCOL', excerpt: '<html>502 Bad Gateway</html>' }),
    );
    expect(() => decodeBody(detailsSchema, '{"status": 2', DEVICE, 'GET /d')).toThrow(/reply is not JSON/);
  });
});
