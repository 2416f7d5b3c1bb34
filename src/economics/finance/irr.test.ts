import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors.ts';
import { irr } from './irr.ts';
import { npv } from './npv.ts';

function rateOf(result: ReturnType<typeof irr>): number {
  if (!result.ok) throw new Error(`expected an IRR, got ${result.reason}: ${result.message}`);
  return result.rate;
}

const excel4 = [-70000, 12000, 15000, 18000, 21000];
const excel5 = [...excel4, 26000];
const excel2 = [-70000, 12000, 15000];

// ECONOMICS.md §4.6. [P]: Microsoft IRR docs, compared to half a unit in the published last digit.
// [C]: irr_bisect from the §0 prelude, full python3 precision, compared to relative 1e-9.
const checks = [
  { id: 'Excel IRR 4 years [P] -2.1 %', flows: excel4, guess: 0.1, expected: -0.021, abs: 5e-4 },
  { id: 'Excel IRR 4 years [C]', flows: excel4, guess: 0.1, expected: -0.021244848273410943, rel: 1e-9 },
  { id: 'Excel IRR 5 years [P] 8.66 %', flows: excel5, guess: 0.1, expected: 0.0866, abs: 5e-5 },
  { id: 'Excel IRR 5 years [C]', flows: excel5, guess: 0.1, expected: 0.0866309480365316, rel: 1e-9 },
  {
    id: 'Excel IRR 2 years, guess -10 % [P] -44.4 %',
    flows: excel2,
    guess: -0.1,
    expected: -0.444,
    abs: 5e-4,
  },
  {
    id: 'Excel IRR 2 years, guess -10 % [C]',
    flows: excel2,
    guess: -0.1,
    expected: -0.44350694133474045,
    rel: 1e-9,
  },
] as const;

describe('IRR against ECONOMICS.md §4.6', () => {
  it.each(checks.map((check) => [check.id, check] as const))('%s', (_, check) => {
    const rate = rateOf(irr(check.flows, check.guess));
    if ('abs' in check) expect(Math.abs(rate - check.expected)).toBeLessThanOrEqual(check.abs);
    else expect(Math.abs(rate / check.expected - 1)).toBeLessThanOrEqual(check.rel);
  });

  it('NPV at the IRR is ~0 (Microsoft shows NPV(IRR(A2:A7),A2:A7) = 1.79E-09 [P])', () => {
    const rate = rateOf(irr(excel5));
    // Bracketing to full precision should do at least as well as Excel's own 1.79e-9.
    expect(Math.abs(npv(rate, excel5))).toBeLessThan(1.79e-9);
  });

  it('uses the default guess of 10 % when none is given', () => {
    expect(irr(excel5)).toEqual(irr(excel5, 0.1));
  });
});

describe('IRR with several roots', () => {
  // NPV = -(1 - v)(1 - 2v)(1 - 3v) with v = 1/(1 + r): roots at exactly 0 %, 100 % and 200 %.
  const threeRoots = [-1, 6, -11, 6];

  it('lists every root in the scan window and picks the one closest to the guess', () => {
    const result = irr(threeRoots);
    expect(result.ok && result.multipleRoots).toBe(true);
    if (!result.ok) return;
    expect(result.roots).toHaveLength(3);
    [0, 1, 2].forEach((root, index) => {
      expect(result.roots[index]).toBeCloseTo(root, 12);
    });
    expect(result.rate).toBe(0);
    expect(rateOf(irr(threeRoots, 0.9))).toBeCloseTo(1, 12);
    expect(rateOf(irr(threeRoots, 1.6))).toBeCloseTo(2, 12);
  });

  it('finds both rates of the Lorie-Savage pump problem (25 % and 400 %)', () => {
    const flows = [-1600, 10000, -10000];
    const result = irr(flows);
    expect(result).toMatchObject({ ok: true, multipleRoots: true });
    if (!result.ok) return;
    expect(result.roots[0]).toBeCloseTo(0.25, 13);
    expect(result.roots[1]).toBeCloseTo(4, 12);
    expect(result.rate).toBe(result.roots[0]);
    expect(rateOf(irr(flows, 3))).toBe(result.roots[1]);
  });

  it('finds a tangent root at 0 % (a grid point)', () => {
    expect(irr([-1, 2, -1])).toEqual({ ok: true, rate: 0, multipleRoots: false, roots: [0] });
  });
});

describe('IRR outcomes that are not a rate', () => {
  it.each([
    ['no flows', 'tooFewFlows', []],
    ['one flow', 'tooFewFlows', [-100]],
    ['only outflows', 'noSignChange', [-100, -5, 0]],
    ['only inflows', 'noSignChange', [100, 5]],
    ['all zero', 'noSignChange', [0, 0, 0]],
    ['sign changes but NPV < 0 at every rate', 'noRootFound', [-1, 1, -1]],
  ] as const)('%s gives a typed %s, not NaN', (_, reason, flows) => {
    const result = irr(flows);
    expect(result).toMatchObject({ ok: false, reason });
    expect(!result.ok && result.message.length > 0).toBe(true);
  });

  it('throws on bad arguments instead', () => {
    expect(() => irr([-1, Number.NaN, 2])).toThrow(ValidationError);
    expect(() => irr([-1, 2], -1)).toThrow(ValidationError);
    expect(() => irr([-1, 2], Number.POSITIVE_INFINITY)).toThrow(/guess/);
  });
});

describe('IRR outside the -99 %..1000 % window', () => {
  it('still finds a huge IRR when the window holds no root', () => {
    expect(rateOf(irr([-1, 1e6]))).toBeCloseTo(999999, 6);
  });

  it('still finds an IRR just above -100 %', () => {
    // The root is 1 + r = 1e-6; r itself is stored to about one ulp of 1, hence the 4-ulp tolerance.
    expect(Math.abs(rateOf(irr([-1e6, 1])) - (1e-6 - 1))).toBeLessThanOrEqual(4 * Number.EPSILON);
  });

  it('does not overflow on long monthly flows at rates near -100 %', () => {
    const flows = [-1000, ...Array.from({ length: 600 }, () => 0.001)];
    const rate = rateOf(irr(flows));
    expect(rate).toBeGreaterThan(-1);
    expect(Math.abs(npv(rate, flows))).toBeLessThan(1e-9 * 1000);
  });
});

// One outlay, then inflows: a single sign change, so Descartes' rule allows exactly one root.
const conventionalFlowsArb = fc
  .tuple(
    fc.double({ min: 1, max: 1e7, noNaN: true }),
    fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 }),
  )
  .filter(([, inflowsUsd]) => inflowsUsd.some((amountUsd) => amountUsd >= 1e-3))
  .map(([outlayUsd, inflowsUsd]) => [-outlayUsd, ...inflowsUsd]);

/**
 * How far from 0 NPV may be at a computed root: 1e-9 of the size of the discounted terms (their sum cancels to
 * ~0, so it is no scale), plus the NPV slope times a few ulps of the rate, since a rate near -100 % is stored as r,
 * not 1 + r, and so is only known to ~1e-16 absolute.
 */
function npvToleranceAtRoot(cashflowsUsd: readonly number[], rate: number): number {
  let termScaleUsd = 0;
  let slopeScaleUsd = 0;
  cashflowsUsd.forEach((amountUsd, period) => {
    termScaleUsd += Math.abs(amountUsd) / (1 + rate) ** period;
    slopeScaleUsd += (period * Math.abs(amountUsd)) / (1 + rate) ** (period + 1);
  });
  return 1e-9 * termScaleUsd + 8 * Number.EPSILON * Math.max(1, Math.abs(rate)) * slopeScaleUsd;
}

describe('IRR properties', () => {
  it('conventional flows have exactly one IRR and NPV there is ~0', () => {
    fc.assert(
      fc.property(conventionalFlowsArb, (cashflowsUsd) => {
        const result = irr(cashflowsUsd);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.multipleRoots).toBe(false);
        expect(result.roots).toEqual([result.rate]);
        expect(Math.abs(npv(result.rate, cashflowsUsd))).toBeLessThanOrEqual(
          npvToleranceAtRoot(cashflowsUsd, result.rate),
        );
      }),
    );
  });

  it('flows that never change sign give noSignChange', () => {
    const oneSignArb = fc
      .tuple(fc.boolean(), fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { maxLength: 30 }))
      .map(([negative, amountsUsd]) => amountsUsd.map((amountUsd) => (negative ? -amountUsd : amountUsd)));
    fc.assert(
      fc.property(oneSignArb, (cashflowsUsd) => {
        const expected = cashflowsUsd.length < 2 ? 'tooFewFlows' : 'noSignChange';
        expect(irr(cashflowsUsd)).toMatchObject({ ok: false, reason: expected });
      }),
    );
  });

  it('never returns NaN, and every listed root zeroes NPV', () => {
    const anyFlowsArb = fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 12 });
    fc.assert(
      fc.property(anyFlowsArb, fc.double({ min: -0.5, max: 2, noNaN: true }), (cashflowsUsd, guess) => {
        const result = irr(cashflowsUsd, guess);
        if (!result.ok) return;
        expect(Number.isNaN(result.rate)).toBe(false);
        expect(result.roots).toContain(result.rate);
        for (const root of result.roots) {
          expect(Math.abs(npv(root, cashflowsUsd))).toBeLessThanOrEqual(
            npvToleranceAtRoot(cashflowsUsd, root),
          );
        }
        const distance = Math.abs(result.rate - guess);
        expect(result.roots.every((root) => Math.abs(root - guess) >= distance)).toBe(true);
      }),
    );
  });
});
