import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors.ts';
import { asicModels, findAsic } from './asics.ts';
import { asicPowerCurve, hashrateAtPowerThs, interpolatePowerCurveThs } from './power-curve.ts';

const s21 = findAsic('antminer-s21');
const jPerTh = (point: { powerW: number; hashrateThs: number }) => point.powerW / point.hashrateThs;

describe('asicPowerCurve', () => {
  it('ends at the nameplate exactly and starts at the firmware minimum', () => {
    const curve = asicPowerCurve(s21);
    expect(curve).toHaveLength(11);
    expect(curve.at(-1)).toEqual({ powerFraction: 1, powerW: 3500, hashrateThs: 200 });
    expect(curve[0]?.powerW).toBe(1750);
  });

  it('matches the documented model at 50 % power (a = 0.6, k = 1): 80 % of J/TH, 62.5 % of hash rate', () => {
    const [lowest] = asicPowerCurve(s21);
    expect(lowest?.hashrateThs).toBeCloseTo(200 * 0.625, 9);
    expect(jPerTh(lowest!)).toBeCloseTo(17.5 * 0.8, 9);
  });

  it('for every catalog model: hash rate rises with power, J/TH falls as power falls', () => {
    for (const model of asicModels) {
      const curve = asicPowerCurve(model, { overclockPowerFraction: 1.1 });
      for (let i = 1; i < curve.length; i++) {
        const lower = curve[i - 1]!;
        const higher = curve[i]!;
        expect(higher.powerW).toBeGreaterThan(lower.powerW);
        expect(higher.hashrateThs).toBeGreaterThan(lower.hashrateThs);
        expect(jPerTh(higher)).toBeGreaterThan(jPerTh(lower));
        // Sub-proportional: hash rate falls less than power does.
        expect(lower.hashrateThs / higher.hashrateThs).toBeGreaterThan(lower.powerW / higher.powerW);
      }
    }
  });

  it('adds the overclock point last', () => {
    const curve = asicPowerCurve(s21, { overclockPowerFraction: 1.1 });
    expect(curve.at(-1)?.powerW).toBeCloseTo(3850, 9);
    expect(curve.at(-1)?.hashrateThs).toBeCloseTo((200 * 1.1) / (0.6 + 0.4 * 1.1), 9);
  });

  it.each([
    [{ params: { efficiencyFloorFraction: 0 } }, 'params.efficiencyFloorFraction'],
    [{ params: { minPowerFraction: 1 } }, 'params.minPowerFraction'],
    [{ overclockPowerFraction: 0.9 }, 'overclockPowerFraction'],
    [{ params: { efficiencyFloorFraction: 0.2, efficiencyExponent: 3 } }, 'params.efficiencyExponent'],
    [{ steps: 1 }, 'steps'],
  ])('rejects bad options %o', (options, field) => {
    try {
      asicPowerCurve(s21, options);
      expect.unreachable('options should be rejected');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]?.field).toBe(field);
    }
  });
});

describe('hashrateAtPowerThs', () => {
  it('returns the nameplate at nameplate power and agrees with the curve points', () => {
    expect(hashrateAtPowerThs(s21, 3500)).toBe(200);
    for (const point of asicPowerCurve(s21)) {
      expect(hashrateAtPowerThs(s21, point.powerW)).toBeCloseTo(point.hashrateThs, 9);
    }
  });

  it('throws a ValidationError outside the allowed power range', () => {
    expect(() => hashrateAtPowerThs(s21, 1700)).toThrow(
      /outside the power-target range of antminer-s21: 1750 W/,
    );
    expect(() => hashrateAtPowerThs(s21, 3600)).toThrow(ValidationError);
    expect(hashrateAtPowerThs(s21, 3600, { overclockPowerFraction: 1.1 })).toBeGreaterThan(200);
  });

  it('is monotonic in power (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1750, max: 3500, noNaN: true }),
        fc.double({ min: 1750, max: 3500, noNaN: true }),
        (a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          expect(hashrateAtPowerThs(s21, low)).toBeLessThanOrEqual(hashrateAtPowerThs(s21, high));
        },
      ),
    );
  });
});

describe('interpolatePowerCurveThs', () => {
  const measured = [
    { powerFraction: 0.5, powerW: 1000, hashrateThs: 50 },
    { powerFraction: 1, powerW: 2000, hashrateThs: 80 },
  ];

  it('interpolates linearly and hits the points exactly', () => {
    expect(interpolatePowerCurveThs(measured, 1500)).toBe(65);
    expect(interpolatePowerCurveThs(measured, 1000)).toBe(50);
    expect(interpolatePowerCurveThs(measured, 2000)).toBe(80);
  });

  it('stays within 1 % of the model between the 11 default points', () => {
    const curve = asicPowerCurve(s21);
    for (let powerW = 1750; powerW <= 3500; powerW += 25) {
      const exact = hashrateAtPowerThs(s21, powerW);
      expect(Math.abs(interpolatePowerCurveThs(curve, powerW) - exact) / exact).toBeLessThan(0.01);
    }
  });

  it('refuses to extrapolate', () => {
    expect(() => interpolatePowerCurveThs(measured, 999)).toThrow(/outside the curve/);
    expect(() => interpolatePowerCurveThs([], 1000)).toThrow(ValidationError);
  });
});
