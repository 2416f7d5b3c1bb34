/**
 * Fuzzing: whatever a BMC sends, the codec and mapping fail only with `ProtocolError`, and whatever they accept
 * is a finite, non-negative reading. Bodies are arbitrary JSON and the mockup bodies of
 * fixtures/public-rackmount1.ts with one property deleted or replaced; the last property runs the whole driver
 * against a server answering such bodies.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceTimeoutError, ProtocolError } from '../../errors.ts';
import {
  actionInfoSchema,
  chassisSchema,
  controlSchema,
  decode,
  describeErrorReply,
  environmentMetricsSchema,
  legacyPowerSchema,
  parseJson,
  powerSupplyMetricsSchema,
  sensorSchema,
  serviceRootSchema,
  systemSchema,
} from './codec.ts';
import { RedfishGpuDriver } from './driver.ts';
import * as mockup from './fixtures/public-rackmount1.ts';
import {
  capSetPoint,
  controlLimitW,
  controlRangeW,
  environmentLimitW,
  environmentPowerW,
  isTotalPowerSensor,
  legacyCapacityW,
  legacyLimitW,
  legacyPowerW,
  psuInputSumW,
  resetTypesOf,
  sensorPowerW,
  toGpuServerReading,
  wattsPerUnit,
} from './mapping.ts';

const ctx = { device: 'redfish@fuzz', command: 'GET /x' };
const DELETE = Symbol('delete');
type Mutation = readonly [number, unknown];

/** Every path to a property or element of `value`, the root excluded. */
function paths(value: unknown, prefix: readonly (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    return [path, ...paths(child, path)];
  });
}

/** `body` with the property at path number `index` (modulo their count) deleted or replaced. */
function mutate(body: object, [index, replacement]: Mutation): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  const all = paths(copy);
  const path = all[index % all.length]!;
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (replacement === DELETE) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

const mutation = fc.tuple(fc.nat(), fc.oneof(fc.constant<unknown>(DELETE), fc.jsonValue()));

function expectWatts(value: unknown): void {
  if (value === null || value === undefined) return;
  expect(Number.isFinite(value)).toBe(true);
  expect(value as number).toBeGreaterThanOrEqual(0);
}

/** Each resource's decode-and-map, as the driver runs it. */
const RESOURCES: ReadonlyArray<readonly [string, object, (raw: string) => void]> = [
  ['service root', mockup.SERVICE_ROOT, (raw) => decode(serviceRootSchema, parseJson(raw, ctx), raw, ctx)],
  ['chassis', mockup.CHASSIS, (raw) => decode(chassisSchema, parseJson(raw, ctx), raw, ctx)],
  [
    'system',
    mockup.SYSTEM,
    (raw) => {
      const system = decode(systemSchema, parseJson(raw, ctx), raw, ctx);
      expectWatts(toGpuServerReading(system, 1, null).powerW);
      const action = system.Actions?.['#ComputerSystem.Reset'];
      if (action !== undefined) expect(Array.isArray(resetTypesOf(action, null))).toBe(true);
    },
  ],
  [
    'environment metrics',
    mockup.ENVIRONMENT_METRICS,
    (raw) => {
      const em = decode(environmentMetricsSchema, parseJson(raw, ctx), raw, ctx);
      expectWatts(environmentLimitW(em));
      expectWatts(environmentPowerW(em, ctx));
    },
  ],
  [
    'control',
    mockup.POWER_LIMIT_CONTROL,
    (raw) => {
      const control = decode(controlSchema, parseJson(raw, ctx), raw, ctx);
      const perUnitW = wattsPerUnit(control, 1_000, ctx);
      if (perUnitW === null) return;
      expectWatts(controlLimitW(control, perUnitW));
      const range = controlRangeW(control, perUnitW);
      if (range !== null) expect(range.minW).toBeLessThanOrEqual(range.maxW);
      expectWatts(capSetPoint(5_000, control, perUnitW));
    },
  ],
  [
    'legacy power',
    mockup.LEGACY_POWER,
    (raw) => {
      const power = decode(legacyPowerSchema, parseJson(raw, ctx), raw, ctx);
      expectWatts(legacyLimitW(power));
      expectWatts(legacyCapacityW(power));
      expectWatts(legacyPowerW(power, ctx));
    },
  ],
  [
    'power supply metrics',
    mockup.PSU_BAY1_METRICS,
    (raw) =>
      expectWatts(psuInputSumW([decode(powerSupplyMetricsSchema, parseJson(raw, ctx), raw, ctx)], ctx)),
  ],
  [
    'sensor',
    mockup.TOTAL_POWER_SENSOR,
    (raw) => {
      const sensor = decode(sensorSchema, parseJson(raw, ctx), raw, ctx);
      isTotalPowerSensor(sensor);
      expectWatts(sensorPowerW(sensor, ctx));
    },
  ],
  [
    'action info',
    { Parameters: [{ Name: 'ResetType', AllowableValues: ['On', 'ForceOff'] }] },
    (raw) => resetTypesOf({ target: '/x' }, decode(actionInfoSchema, parseJson(raw, ctx), raw, ctx)),
  ],
];

function onlyProtocolErrors(run: () => void): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof ProtocolError)) throw error;
  }
}

describe.each(RESOURCES)('%s', (_name, fixture, run) => {
  it('fails only with ProtocolError on arbitrary JSON and text', () => {
    const text = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.string(),
    );
    fc.assert(
      fc.property(text, (raw) => onlyProtocolErrors(() => run(raw))),
      { numRuns: 300 },
    );
  });

  it('fails only with ProtocolError on the mockup body with one property deleted or replaced', () => {
    run(JSON.stringify(fixture));
    fc.assert(
      fc.property(mutation, (m) => onlyProtocolErrors(() => run(JSON.stringify(mutate(fixture, m))))),
      { numRuns: 300 },
    );
  });
});

it('describes any error reply without throwing', () => {
  fc.assert(
    fc.property(fc.integer({ min: 400, max: 599 }), mutation, (status, m) => {
      expect(describeErrorReply(status, JSON.stringify(mutate(mockup.ERROR_BODY, m)))).toMatch(/^HTTP \d{3}/);
    }),
  );
});

describe('the driver against a server of mutated mockup bodies', () => {
  const SYSTEMS = { Members: [{ '@odata.id': mockup.SYSTEM['@odata.id'] }] };
  const BODIES: Record<string, object> = {
    '/redfish/v1/': mockup.SERVICE_ROOT,
    '/redfish/v1/Systems': SYSTEMS,
    [mockup.SYSTEM['@odata.id']]: mockup.SYSTEM,
    [mockup.CHASSIS['@odata.id']]: mockup.CHASSIS,
    [mockup.ENVIRONMENT_METRICS['@odata.id']]: mockup.ENVIRONMENT_METRICS,
    [mockup.CONTROLS['@odata.id']]: mockup.CONTROLS,
    [mockup.POWER_LIMIT_CONTROL['@odata.id']]: mockup.POWER_LIMIT_CONTROL,
    [mockup.LEGACY_POWER['@odata.id']]: mockup.LEGACY_POWER,
    [mockup.POWER_SUBSYSTEM['@odata.id']]: mockup.POWER_SUBSYSTEM,
  };
  const targets = Object.keys(BODIES);
  let current: { path: string; body: unknown } | null = null;
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (req.method === 'POST') {
      res.writeHead(204, {
        location: '/redfish/v1/SessionService/Sessions/1',
        'x-auth-token': '1234567890ABCDEF',
      });
      res.end();
      return;
    }
    const body = current?.path === path ? current.body : BODIES[path];
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
    res.end(body === undefined ? '{"error":{"message":"not found"}}' : JSON.stringify(body));
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('reads the mockup unmutated: 374 W, cap 500 W', async () => {
    const driver = new RedfishGpuDriver({ url, username: 'admin', password: 'x', timeoutMs: 500 });
    expect(await driver.read()).toMatchObject({
      powerW: 374,
      powerLimitW: 500,
      powerState: 'on',
      model: '3500',
    });
    await driver.close();
  });

  it('follows no link off the BMC, so credentials stay on it', async () => {
    current = {
      path: '/redfish/v1/',
      body: { ...mockup.SERVICE_ROOT, Systems: { '@odata.id': 'http://198.51.100.7/x' } },
    };
    const driver = new RedfishGpuDriver({ url, username: 'admin', password: 'x', timeoutMs: 500 });
    await expect(driver.read()).rejects.toThrow(/link leads off the service to http:\/\/198\.51\.100\.7/);
    await driver.close();
  });

  it('discovers and reads with only the project’s two device errors', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: targets.length - 1 }), mutation, async (target, m) => {
        const path = targets[target]!;
        current = { path, body: mutate(BODIES[path]!, m) };
        const driver = new RedfishGpuDriver({ url, username: 'admin', password: 'x', timeoutMs: 500 });
        try {
          const reading = await driver.read();
          expectWatts(reading.powerW);
          expectWatts(reading.powerLimitW);
          const { powerLimitRangeW } = await driver.capabilities();
          if (powerLimitRangeW !== null)
            expect(powerLimitRangeW.minW).toBeLessThanOrEqual(powerLimitRangeW.maxW);
        } catch (error) {
          if (!(error instanceof ProtocolError || error instanceof DeviceTimeoutError)) throw error;
        } finally {
          await driver.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});
