/**
 * Fuzzing the Braiins REST driver: whatever a device sends, the codec and the driver fail only with the project's
 * two device errors, and whatever they accept is a well-formed reading. Bodies are arbitrary JSON, arbitrary text,
 * and the example bodies of test/fixtures/braiins with fields deleted or replaced.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BraiinsDriver } from '../../src/drivers/miner-braiins/driver.ts';
import {
  constraintsSchema,
  coolingStateSchema,
  decodeBody,
  detailsSchema,
  PATHS,
  type ReadingReplies,
  statsSchema,
  toMinerReading,
  tunerStateSchema,
} from '../../src/drivers/miner-braiins/protocol.ts';
import type { MinerReading } from '../../src/drivers/natures.ts';
import { DeviceTimeoutError, ProtocolError } from '../../src/errors.ts';

const FIXTURES = new URL('../fixtures/braiins/', import.meta.url);
const fixture = (name: string): string => readFileSync(new URL(name, FIXTURES), 'utf8');
const DEVICE = 'braiins@fuzz:80';

/** The example body each path answers with when the fuzzer leaves it alone. */
const FIXTURE_BY_PATH: Record<string, string> = {
  [PATHS.login]: fixture('login.json'),
  [PATHS.details]: fixture('details.json'),
  [PATHS.stats]: fixture('stats.json'),
  [PATHS.tunerState]: fixture('tuner-state.json'),
  [PATHS.cooling]: fixture('cooling-state.json'),
  [PATHS.constraints]: fixture('constraints.json'),
  [PATHS.powerTarget]: fixture('power-target.json'),
  [PATHS.pause]: fixture('pause.json'),
  [PATHS.resume]: fixture('pause.json'),
};

type Path = readonly (string | number)[];

function nodePaths(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((key) => {
    const path = [...prefix, key];
    return [path, ...nodePaths((value as Record<string | number, unknown>)[key], path)];
  });
}

/** One field deleted (`to` undefined) or replaced, at the `at`-th node (modulo the node count). */
interface Mutation {
  readonly at: number;
  readonly to: fc.JsonValue | undefined;
}

function mutate(text: string, mutations: readonly Mutation[]): string {
  let value: unknown = JSON.parse(text);
  for (const { at, to } of mutations) {
    const paths = nodePaths(value);
    const path = paths[at % Math.max(1, paths.length)];
    if (path === undefined) {
      value = to;
      continue;
    }
    const parent = path
      .slice(0, -1)
      .reduce((node: unknown, key) => (node as Record<string, unknown>)[key], value);
    const key = path.at(-1)!;
    if (to !== undefined) (parent as Record<string | number, unknown>)[key] = to;
    else if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete (parent as Record<string, unknown>)[key as string];
  }
  return JSON.stringify(value) ?? '';
}

const mutations = fc.array(
  fc.record({ at: fc.nat(), to: fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }) }),
  { minLength: 1, maxLength: 4 },
);
const junk = fc.oneof(fc.json(), fc.string(), fc.string({ unit: 'binary' }));

function bodyFor(path: string): fc.Arbitrary<string> {
  const example = FIXTURE_BY_PATH[path] ?? '{}';
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(example) },
    { weight: 4, arbitrary: mutations.map((m) => mutate(example, m)) },
    { weight: 2, arbitrary: junk },
  );
}

function expectWellFormed(reading: MinerReading): void {
  expect(['running', 'curtailed', 'off']).toContain(reading.state);
  for (const value of [reading.powerW, reading.hashrateThs]) {
    expect(Number.isFinite(value) && value >= 0).toBe(true);
  }
  if (reading.state === 'running') expect(reading.hashrateThs).toBeGreaterThan(0);
  for (const value of [reading.powerTargetW, reading.temperatureC, reading.uptimeS]) {
    expect(value === null || Number.isFinite(value)).toBe(true);
  }
  expect(reading.model === null || typeof reading.model === 'string').toBe(true);
}

function expectDeviceError(error: unknown): void {
  if (!(error instanceof ProtocolError || error instanceof DeviceTimeoutError)) {
    throw new Error(`expected ProtocolError or DeviceTimeoutError, got ${String(error)}`, { cause: error });
  }
}

const READING_PARTS = [
  ['details', detailsSchema, PATHS.details],
  ['stats', statsSchema, PATHS.stats],
  ['tunerState', tunerStateSchema, PATHS.tunerState],
  ['cooling', coolingStateSchema, PATHS.cooling],
] as const;

describe('Braiins codec under fuzzing', () => {
  const examples = Object.fromEntries(
    READING_PARTS.map(([part, schema, path]) => [
      part,
      decodeBody(schema, FIXTURE_BY_PATH[path]!, DEVICE, path),
    ]),
  ) as unknown as ReadingReplies;

  it.each(READING_PARTS)(
    '%s: any body decodes to a well-formed reading or throws a ProtocolError',
    (part, schema, path) => {
      fc.assert(
        fc.property(bodyFor(path), (raw) => {
          try {
            const decoded = decodeBody(schema, raw, DEVICE, `GET ${path}`);
            expectWellFormed(toMinerReading({ ...examples, [part]: decoded }));
          } catch (error) {
            expectDeviceError(error);
          }
        }),
        { numRuns: 400 },
      );
    },
  );

  it('constraints either decode to min ≤ max whole watts or throw a ProtocolError', () => {
    fc.assert(
      fc.property(bodyFor(PATHS.constraints), (raw) => {
        try {
          const { min, max } = decodeBody(constraintsSchema, raw, DEVICE, 'GET c').tuner_constraints
            .power_target;
          expect(Number.isSafeInteger(min.watt) || min.watt > Number.MAX_SAFE_INTEGER).toBe(true);
          expect(min.watt).toBeLessThanOrEqual(max.watt);
        } catch (error) {
          expectDeviceError(error);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('an example body cut anywhere before its end is always a ProtocolError', () => {
    const text = FIXTURE_BY_PATH[PATHS.stats]!;
    fc.assert(
      fc.property(fc.nat({ max: text.lastIndexOf('}') - 1 }), (cut) => {
        expect(() => decodeBody(statsSchema, text.slice(0, cut), DEVICE, 'GET s')).toThrow(ProtocolError);
      }),
    );
  });
});

type Delivery = 'reply' | 'drop' | 'cut';
interface Scripted {
  readonly status: number;
  readonly body: string;
  readonly delivery: Delivery;
}

/**
 * Mostly the clean example, so that a whole read (login and four GETs) gets through often enough for its
 * well-formedness check to run; otherwise any status, body and delivery.
 */
const scriptedReply = (path: string): fc.Arbitrary<Scripted> =>
  fc.oneof(
    {
      weight: 7,
      arbitrary: fc.constant({
        status: 200,
        body: FIXTURE_BY_PATH[path] ?? '{}',
        delivery: 'reply' as const,
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        status: fc.oneof(
          { weight: 4, arbitrary: fc.constant(200) },
          fc.constantFrom(204, 401, 403, 404, 500),
        ),
        body: bodyFor(path),
        delivery: fc.oneof(
          { weight: 4, arbitrary: fc.constant<Delivery>('reply') },
          fc.constantFrom<Delivery>('drop', 'cut'),
        ),
      }),
    },
  );

describe('BraiinsDriver against a server replying fuzzed bodies', () => {
  let script: Record<string, Scripted> = {};
  const server = createServer((req, res) => {
    req.resume();
    const path = req.url ?? '';
    const reply = script[path] ?? { status: 404, body: '{"code":5,"message":"no route"}', delivery: 'reply' };
    if (reply.delivery === 'drop') return req.socket.destroy();
    const body = Buffer.from(reply.body);
    res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': body.length });
    if (reply.delivery === 'reply') return res.end(body);
    res.write(body.subarray(0, body.length >> 1), () => res.socket?.end());
  });
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const paths = Object.keys(FIXTURE_BY_PATH);
  const scripts = fc.record(Object.fromEntries(paths.map((p) => [p, scriptedReply(p)])));

  it('fails only with ProtocolError or DeviceTimeoutError, and what it accepts is well-formed', async () => {
    // Counted so the property cannot pass vacuously (every read failing, or none).
    let readsAccepted = 0;
    let readsRejected = 0;
    await fc.assert(
      fc.asyncProperty(scripts, async (generated) => {
        script = generated;
        const driver = new BraiinsDriver({ host: '127.0.0.1', port, timeoutMs: 2000 });
        const outcomes = await Promise.allSettled([
          driver.read(),
          driver.capabilities(),
          driver.apply({ kind: 'sleep' }),
          driver.apply({ kind: 'wake' }),
          driver.apply({ kind: 'power-target', powerW: 2000 }),
        ]);
        await driver.close();
        const [read, capabilities, , , target] = outcomes;
        for (const outcome of outcomes) if (outcome.status === 'rejected') expectDeviceError(outcome.reason);
        if (read?.status === 'fulfilled') {
          readsAccepted++;
          expectWellFormed(read.value);
        } else readsRejected++;
        if (capabilities?.status === 'fulfilled') {
          const range = capabilities.value.powerRangeW!;
          expect(range.minW).toBeLessThanOrEqual(range.maxW);
        }
        if (target?.status === 'fulfilled' && target.value.kind === 'power-target') {
          expect(Number.isFinite(target.value.powerW)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
    expect(readsAccepted).toBeGreaterThan(0);
    expect(readsRejected).toBeGreaterThan(0);
  });
});
