/**
 * Whatever a 4028 peer sends, the codec and the cgminer/LuxOS mappers fail only with ProtocolError (the driver
 * adds DeviceTimeoutError for silence), and what they accept is a well-formed reading. Inputs: arbitrary text and
 * bytes, arbitrary JSON, and the PROTOCOLS.md example replies cut, spliced with garbage, stripped of keys and
 * with values swapped for other types; last, real drivers against a server that sends such bytes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CgminerReply, decodeJoinedReply, decodeReply } from '../../src/drivers/cgminer/protocol.ts';
import { CgminerDriver, cgminerReading } from '../../src/drivers/miner-cgminer/driver.ts';
import { LuxosDriver } from '../../src/drivers/miner-luxos/driver.ts';
import { luxosReading, parseProfiles } from '../../src/drivers/miner-luxos/reading.ts';
import type { MinerReading } from '../../src/drivers/natures.ts';
import { DeviceTimeoutError, ProtocolError } from '../../src/errors.ts';
import { cgminerFixture } from '../fixtures/cgminer/load.ts';
import { startScriptedServer } from '../fixtures/cgminer/scripted-server.ts';

const CONTEXT = { device: 'fuzz@127.0.0.1:4028', command: 'summary+stats+version' };
const CGMINER_COMMANDS = ['summary', 'stats', 'version'];
const LUXOS_COMMANDS = ['summary', 'power', 'config', 'version', 'stats', 'profiles'];

const status = (code: number) =>
  `{"STATUS":"S","When":1732530000,"Code":${code},"Msg":"x","Description":"LUXminer"}`;
const PROFILES = `{"STATUS":[${status(327)}],"PROFILES":[{"Profile Name":"p1","Watts":1500},{"Profile Name":"default","Watts":3068}],"id":1}`;
const PARTS: Record<string, string> = {
  summary: cgminerFixture('summary-bmminer'),
  stats: cgminerFixture('stats-bmminer'),
  version: cgminerFixture('version-bmminer'),
  power: `{"STATUS":[${status(345)}],"POWER":[{"Watts":3068,"PSU":true}],"id":1}`,
  config: `{"STATUS":[${status(33)}],"CONFIG":[{"Pool Count":2,"Profile":"default","RedLed":"off"}],"id":1}`,
  profiles: PROFILES,
};
const joined = (commands: readonly string[]) =>
  `{${commands.map((name) => `"${name}":[${PARTS[name]}]`).join(',')},"id":1}`;
/** Seeds for mutation: the joined replies both drivers ask for, and every single fixture. */
const SEEDS = [joined(CGMINER_COMMANDS), joined(LUXOS_COMMANDS), ...Object.values(PARTS)];

function expectWellFormed(reading: MinerReading): void {
  expect(['running', 'curtailed', 'off']).toContain(reading.state);
  for (const value of [reading.powerW, reading.hashrateThs]) {
    expect(Number.isFinite(value) && value >= 0).toBe(true);
  }
  for (const value of [reading.temperatureC, reading.uptimeS, reading.powerTargetW]) {
    expect(value === null || Number.isFinite(value)).toBe(true);
  }
}

const part = (parts: ReadonlyMap<string, CgminerReply>, name: string) => parts.get(name)!;

/** Decode and map as the cgminer driver does. */
function mapCgminer(raw: string): MinerReading {
  const parts = decodeJoinedReply(raw, CGMINER_COMMANDS, CONTEXT);
  const [summary, stats, version] = CGMINER_COMMANDS.map((name) => part(parts, name)) as [
    CgminerReply,
    CgminerReply,
    CgminerReply,
  ];
  return cgminerReading({ summary, stats, version }, { ratedPowerW: 3068 });
}

/** Decode and map as the LuxOS driver does. */
function mapLuxos(raw: string): MinerReading {
  const parts = decodeJoinedReply(raw, LUXOS_COMMANDS, CONTEXT);
  const [summary, power, config, version, stats] = LUXOS_COMMANDS.map((name) => part(parts, name)) as [
    CgminerReply,
    CgminerReply,
    CgminerReply,
    CgminerReply,
    CgminerReply,
  ];
  return luxosReading({ summary, power, config, version, stats }, parseProfiles(part(parts, 'profiles')));
}

/** Holds the property for every decoder and mapper: success is a well-formed reading, failure a ProtocolError. */
function onlyProtocolErrors(raw: string): void {
  const attempts: (() => unknown)[] = [
    () => expectWellFormed(mapCgminer(raw)),
    () => expectWellFormed(mapLuxos(raw)),
    ...[...CGMINER_COMMANDS, ...LUXOS_COMMANDS].map(
      (command) => () => decodeReply(raw, { ...CONTEXT, command }),
    ),
  ];
  for (const attempt of attempts) {
    try {
      attempt();
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
    }
  }
}

type Path = (string | number)[];
function paths(value: unknown, at: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [at];
  const children = Object.entries(value).flatMap(([key, child]) =>
    paths(child, [...at, Array.isArray(value) ? Number(key) : key]),
  );
  return [at, ...children];
}
function withValueAt(root: unknown, path: Path, value: unknown | typeof DELETE): unknown {
  if (path.length === 0) return value === DELETE ? {} : value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (value === DELETE) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = value;
  return copy;
}
const DELETE = Symbol('delete');

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.string({ minLength: 1, maxLength: 6 }),
  }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(seed: string, m: Mutation): string {
  if (m.kind === 'truncate') return seed.slice(0, m.at % seed.length);
  if (m.kind === 'insert') {
    const at = m.at % (seed.length + 1);
    return seed.slice(0, at) + m.text + seed.slice(at);
  }
  // Structural mutations work on the parsed reply (the stats fixture needs its comma first); after a text
  // mutation there may be none to work on.
  let tree: unknown;
  try {
    tree = JSON.parse(seed.replace('}{"STATS"', '},{"STATS"'));
  } catch {
    return seed;
  }
  const all = paths(tree);
  const path = all[m.at % all.length]!;
  return JSON.stringify(withValueAt(tree, path, m.kind === 'swap' ? m.value : DELETE));
}

describe('cgminer-family decoding and mapping under fuzz', () => {
  it('the unmutated seeds map to readings (so the properties below are not vacuous)', () => {
    const [cgminer, luxos] = [mapCgminer(SEEDS[0]!), mapLuxos(SEEDS[1]!)];
    expect(cgminer).toMatchObject({ state: 'running', temperatureC: 75, model: 'Antminer S19j Pro' });
    expect(luxos).toMatchObject({ state: 'running', powerW: 3068, powerTargetW: 3068 });
  });

  it('arbitrary text and bytes', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), onlyProtocolErrors), { numRuns: 500 });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) =>
        onlyProtocolErrors(Buffer.from(bytes).toString('utf8')),
      ),
      { numRuns: 300 },
    );
  });

  it('arbitrary JSON, bare and inside a reply envelope', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => onlyProtocolErrors(JSON.stringify(value))),
      { numRuns: 300 },
    );
    const keys = fc.constantFrom(
      ...['GHS 5s', 'GHS av', 'MHS 5s', 'Elapsed', 'Watts', 'Profile', 'Profile Name', 'Type', 'STATS'],
      ...['temp_chip1', 'temp2_1', 'temp1', 'total_power', 'chain_power2', 'total_rateideal', 'rate_unit'],
    );
    // Extreme magnitudes too: a ratio of two finite fields can still overflow.
    const extreme = fc.constantFrom(0, 5e-324, 1e-300, 1e300, Number.MAX_VALUE, -1);
    const entry = fc.dictionary(
      keys,
      fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.double().map(String), extreme, extreme.map(String)),
    );
    const reply = fc.record({
      STATUS: fc.constant([JSON.parse(status(11))]),
      SUMMARY: fc.array(entry, { maxLength: 2 }),
      STATS: fc.array(entry, { maxLength: 3 }),
      VERSION: fc.array(entry, { maxLength: 1 }),
      POWER: fc.array(entry, { maxLength: 1 }),
      CONFIG: fc.array(entry, { maxLength: 1 }),
      PROFILES: fc.array(entry, { maxLength: 3 }),
      id: fc.constant(1),
    });
    fc.assert(
      fc.property(reply, (r) => {
        const inner = JSON.stringify(r);
        onlyProtocolErrors(`{${LUXOS_COMMANDS.map((n) => `"${n}":[${inner}]`).join(',')},"id":1}`);
      }),
      { numRuns: 500 },
    );
  });

  it('the example replies cut, spliced with garbage, stripped of keys and with values of other types', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SEEDS),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (seed, ms) => {
          onlyProtocolErrors(ms.reduce(mutate, seed));
        },
      ),
      { numRuns: 1500 },
    );
  });
});

/** The numeric fields the mappers read, as `command.SECTION.index` of the joined LuxOS seed, and key. */
const NUMERIC_FIELDS: readonly (readonly [string, string])[] = [
  'summary.SUMMARY.0',
  'stats.STATS.1',
  'power.POWER.0',
].flatMap((where) =>
  [
    'GHS 5s',
    'GHS av',
    'MHS 5s',
    'Elapsed',
    'total_rateideal',
    'total_power',
    'chain_power1',
    'temp2_1',
    'Watts',
  ].map((key) => [where, key] as const),
);

describe('numbers of any magnitude in the fields the mappers read', () => {
  it('give a finite reading or a ProtocolError', () => {
    const number = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(0, 5e-324, 1e-300, 1e300, Number.MAX_VALUE, -0, -1),
    );
    const value = fc.oneof(number, number.map(String));
    const assignments = fc.array(fc.tuple(fc.constantFrom(...NUMERIC_FIELDS), value), {
      minLength: 1,
      maxLength: 4,
    });
    const base = JSON.parse(SEEDS[1]!.replace('}{"STATS"', '},{"STATS"')) as Record<
      string,
      [Record<string, unknown[]>]
    >;
    fc.assert(
      fc.property(assignments, (pairs) => {
        const tree = structuredClone(base);
        for (const [[where, key], v] of pairs) {
          const [command, section, index] = where.split('.') as [string, string, string];
          (tree[command]![0][section]![Number(index)] as Record<string, unknown>)[key] = v;
        }
        onlyProtocolErrors(JSON.stringify(tree));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('real drivers against a peer sending fuzzed bytes', () => {
  it('fail only with ProtocolError or DeviceTimeoutError, within their timeout, and never crash', async () => {
    const reply = fc.oneof(
      fc.constant(null),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
      fc.tuple(fc.constantFrom(...SEEDS), mutation).map(([seed, m]) => mutate(seed, m)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(reply, { minLength: 1, maxLength: 8 }), async (replies) => {
        let next = 0;
        const server = await startScriptedServer(() => replies[next++ % replies.length]!);
        const endpoint = { host: '127.0.0.1', port: server.port, timeoutMs: 150 };
        try {
          const drivers = [
            () => new CgminerDriver(endpoint, { ratedPowerW: 3068 }).read(),
            () => new LuxosDriver(endpoint, { logonBackoffMs: 1 }).read(),
            () =>
              new LuxosDriver(endpoint, { logonBackoffMs: 1 }).apply({ kind: 'power-target', powerW: 2000 }),
          ];
          for (const run of drivers) {
            const started = performance.now();
            const outcome = await run().catch((error: unknown) => error);
            if (outcome instanceof Error) {
              expect(
                outcome instanceof ProtocolError || outcome instanceof DeviceTimeoutError,
                String(outcome),
              ).toBe(true);
            } else if ('state' in (outcome as object)) expectWellFormed(outcome as MinerReading);
            // A handful of requests at most, each bounded by the timeout.
            expect(performance.now() - started).toBeLessThan(endpoint.timeoutMs * 10);
          }
        } finally {
          await server.close();
        }
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
