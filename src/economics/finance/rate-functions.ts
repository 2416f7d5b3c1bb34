/**
 * @module economics/finance/rate-functions
 * NPV as a function of the rate, in a form the root finder can evaluate anywhere on r > -1 without overflow.
 *
 * Each function has the same sign and roots as NPV. Below 0 % it is NPV × (1 + r)^T (T = the last time), so every
 * power is of a number < 1 with a non-negative exponent: a plain NPV would reach 100^600 for monthly flows at
 * -99 %. At r = 0 both branches equal Σ amounts, so the function is continuous and bisection sees the true sign.
 */

export interface RateFunction {
  value(rate: number): number;
  /** d value / d rate, for Newton steps. */
  slope(rate: number): number;
}

/** Flows at t = 0, 1, 2, ... periods. Horner's rule: no powers, so a grid scan stays cheap. */
export function periodicRateFunction(amountsUsd: readonly number[]): RateFunction {
  // r >= 0: P(v) = Σ c_t v^t with v = 1/(1+r), dv/dr = -v².  r < 0: Q(x) = Σ c_t x^(T−t) with x = 1 + r.
  const valueAndSlope = (rate: number): [number, number] => {
    let value = 0;
    let slope = 0;
    if (rate >= 0) {
      const v = 1 / (1 + rate);
      for (let t = amountsUsd.length - 1; t >= 0; t--) {
        slope = slope * v + value;
        value = value * v + amountsUsd[t]!;
      }
      return [value, -slope * v * v];
    }
    const x = 1 + rate;
    for (let t = 0; t < amountsUsd.length; t++) {
      slope = slope * x + value;
      value = value * x + amountsUsd[t]!;
    }
    return [value, slope];
  };
  return {
    value: (rate) => valueAndSlope(rate)[0],
    slope: (rate) => valueAndSlope(rate)[1],
  };
}

/** Flows at arbitrary non-negative times in periods (XIRR: days / 365). */
export function datedRateFunction(
  amountsUsd: readonly number[],
  timesPeriods: readonly number[],
): RateFunction {
  const lastTime = timesPeriods.reduce((max, time) => Math.max(max, time), 0);
  const exponentAt = (rate: number, index: number): number =>
    rate >= 0 ? -timesPeriods[index]! : lastTime - timesPeriods[index]!;
  return {
    value(rate) {
      let total = 0;
      for (let i = 0; i < amountsUsd.length; i++) total += amountsUsd[i]! * (1 + rate) ** exponentAt(rate, i);
      return total;
    },
    slope(rate) {
      let total = 0;
      for (let i = 0; i < amountsUsd.length; i++) {
        const exponent = exponentAt(rate, i);
        total += exponent * amountsUsd[i]! * (1 + rate) ** (exponent - 1);
      }
      return total;
    },
  };
}
