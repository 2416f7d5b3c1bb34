/**
 * The driver against the simulator over real sockets, for each schema generation and each authentication:
 * readings, the GETs a read costs, caps with the power falling to them on the simulator's clock, uncap, and
 * resets through shutdown and boot.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, failure, rig } from '../../../test/helpers/redfish-rig.ts';
import { ProtocolError } from '../../errors.ts';
import type { RedfishGeneration } from './codec.ts';

afterEach(closeAll);

const GENERATIONS: RedfishGeneration[] = ['environment-metrics', 'power-subsystem', 'legacy-power'];
const AUTHS = ['session', 'basic', 'none'] as const;
/** GETs per read after discovery: the system plus the power source (EnvironmentMetrics carries the cap; the
 * PowerSubsystem generation sums two supplies and reads the cap from its Control). */
const GETS_PER_READ: Record<RedfishGeneration, number> = {
  'environment-metrics': 2,
  'power-subsystem': 4,
  'legacy-power': 2,
};

describe.each(GENERATIONS.flatMap((generation) => AUTHS.map((auth) => ({ generation, auth }))))(
  '$generation with $auth auth',
  ({ generation, auth }) => {
    it('reads the draw, the state and the model, in the expected number of GETs', async () => {
      const { driver, sim, clock, requestsDuring } = await rig({
        generation,
        auth,
        initialLoadFraction: 0.5,
      });
      const first = await driver.read();
      // 2,000 W idle + 8,200 W × 0.5.
      expect(first).toEqual({
        powerState: 'on',
        powerW: 6_100,
        powerLimitW: null,
        health: 'ok',
        model: 'GPU Server 8xH100 SXM',
      });
      sim.setLoadFraction(1);
      clock.ms += 30_000;
      const requests = await requestsDuring(() =>
        driver.read().then((r) => expect(r.powerW).toBeCloseTo(10_200, 0)),
      );
      expect(requests.every((r) => r.startsWith('GET ') && r.endsWith(' 200'))).toBe(true);
      expect(requests).toHaveLength(GETS_PER_READ[generation]);
    });

    it('caps: the draw falls to the cap within a few time constants, and uncap lets it back up', async () => {
      const { driver, sim, clock } = await rig({ generation, auth, initialLoadFraction: 1 });
      const capabilities = await driver.capabilities();
      expect(capabilities.canCap).toBe(true);
      expect(capabilities.powerLimitRangeW).toEqual(
        generation === 'legacy-power' ? null : { minW: 4_000, maxW: 10_200 },
      );
      expect(await driver.apply({ kind: 'cap', powerW: 6_000.4 })).toEqual({ kind: 'cap', powerW: 6_000 });
      // One time constant (1 s) later the 4,200 W step is 63 % done; five later, within 1 %.
      clock.ms += 1_000;
      expect(sim.physicalPowerW()).toBeCloseTo(6_000 + 4_200 / Math.E, 3);
      clock.ms += 4_000;
      const capped = await driver.read();
      expect(capped.powerLimitW).toBe(6_000);
      expect(Math.abs(capped.powerW - 6_000)).toBeLessThan(60);
      expect(await driver.apply({ kind: 'uncap' })).toEqual({ kind: 'uncap' });
      clock.ms += 20_000;
      expect(await driver.read()).toMatchObject({ powerLimitW: null, powerW: 10_200 });
    });

    it('shuts down gracefully to off and boots back on', async () => {
      const { driver, clock } = await rig({ generation, auth, initialLoadFraction: 0.8 });
      expect(await driver.apply({ kind: 'reset', resetType: 'GracefulShutdown' })).toEqual({
        kind: 'reset',
        resetType: 'GracefulShutdown',
      });
      expect((await driver.read()).powerState).toBe('powering-off');
      clock.ms += 120_000 + 30_000;
      expect(await driver.read()).toMatchObject({ powerState: 'off', powerW: 10 });
      await driver.apply({ kind: 'reset', resetType: 'On' });
      expect((await driver.read()).powerState).toBe('powering-on');
      clock.ms += 60_000;
      expect((await driver.read()).powerState).toBe('on');
    });
  },
);

describe('caps at the edges', () => {
  it('clamps a cap to AllowableMin/Max on the new schema', async () => {
    const { driver } = await rig({ generation: 'power-subsystem' });
    expect(await driver.apply({ kind: 'cap', powerW: 1_000 })).toEqual({ kind: 'cap', powerW: 4_000 });
    expect(await driver.apply({ kind: 'cap', powerW: 50_000 })).toEqual({ kind: 'cap', powerW: 10_200 });
  });

  it('passes the BMC’s refusal of an out-of-range legacy limit on, naming its message', async () => {
    const { driver } = await rig({ generation: 'legacy-power' });
    const { error } = await failure(driver.apply({ kind: 'cap', powerW: 1_000 }));
    expect(error).toBeInstanceOf(ProtocolError);
    expect(String(error)).toContain('HTTP 400');
    expect(String(error)).toContain('PropertyValueOutOfRange');
  });

  it('converts watts to a percent SetPoint and back', async () => {
    const { driver, sim } = await rig({ generation: 'power-subsystem', setPointUnits: '%' });
    // The BMC states its 4,000 W minimum as 39.2 % (of the 10,200 W capacity), which is 3,998.4 W.
    expect((await driver.capabilities()).powerLimitRangeW).toEqual({ minW: 3_998.4, maxW: 10_200 });
    // 6,000 W of 10,200 W is 58.82 %, sent as 58.8 %, which is 5,997.6 W.
    const taken = await driver.apply({ kind: 'cap', powerW: 6_000 });
    expect(taken.kind === 'cap' && taken.powerW).toBeCloseTo(5_997.6, 6);
    expect(sim.log.at(-2)).toMatchObject({ method: 'PATCH', status: 200 });
  });

  it('reads a chassis power sensor when the power supplies have no metrics', async () => {
    const { driver, requestsDuring } = await rig({
      generation: 'power-subsystem',
      psuMetrics: false,
      initialLoadFraction: 0.25,
    });
    expect((await driver.describe()).source.kind).toBe('sensor');
    const requests = await requestsDuring(async () => expect((await driver.read()).powerW).toBe(4_050));
    expect(requests).toHaveLength(3);
  });

  it('refuses bad cap values without sending anything', async () => {
    const { driver, requestsDuring } = await rig();
    await driver.describe();
    const requests = await requestsDuring(async () => {
      for (const powerW of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
        await expect(driver.apply({ kind: 'cap', powerW })).rejects.toThrow(/finite number of watts/);
      }
    });
    expect(requests).toEqual([]);
  });
});

describe('reset types', () => {
  it('reads them from an ActionInfo resource and sends only listed ones', async () => {
    const { driver, requestsDuring } = await rig({
      resetInfo: 'action-info',
      resetTypes: ['On', 'ForceOff'],
    });
    expect((await driver.capabilities()).resetTypes).toEqual(['On', 'ForceOff']);
    const requests = await requestsDuring(async () => {
      const { error } = await failure(driver.apply({ kind: 'reset', resetType: 'GracefulShutdown' }));
      expect(error).toBeInstanceOf(ProtocolError);
      expect(String(error)).toContain('does not list ResetType "GracefulShutdown"');
    });
    expect(requests).toEqual([]);
    await driver.apply({ kind: 'reset', resetType: 'ForceOff' });
    expect((await driver.read()).powerState).toBe('off');
  });

  it('accepts 202 with a task monitor without waiting for the task', async () => {
    const { driver, requestsDuring } = await rig({ resetStatus: 202, bootS: 600 });
    await driver.describe();
    const requests = await requestsDuring(() => driver.apply({ kind: 'reset', resetType: 'ForceRestart' }));
    expect(requests).toEqual(['POST /redfish/v1/Systems/HGX_Baseboard_0/Actions/ComputerSystem.Reset 202']);
    expect((await driver.read()).powerState).toBe('powering-on');
  });
});
