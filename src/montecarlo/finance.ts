/**
 * @module montecarlo/finance
 * NPV and IRR over a slice of a results array, without copying it out: 50,000 IRRs per run rule out the
 * general solver of economics/finance (which scans ~2,800 rates to list every root). NPV adds the same terms in
 * the same order as `npv`, so the two agree to the last bit; IRR is a safeguarded Newton inside a sign-change
 * bracket on [−99 %, 1000 %], tested against `irr` (finance.test.ts).
 */

export function npvUsd(ratePerYear: number, flows: Float64Array, start: number, count: number): number {
  let total = 0;
  for (let t = 0; t < count; t++) total += flows[start + t]! / (1 + ratePerYear) ** t;
  return total;
}

const IRR_LOW = -0.99;
const IRR_HIGH = 10;

/** The rate at which the NPV is 0, or NaN when the NPV does not change sign on [−0.99, 10]. */
export function irrOf(flows: Float64Array, start: number, count: number): number {
  let low = IRR_LOW;
  let high = IRR_HIGH;
  let fLow = npvUsd(low, flows, start, count);
  const fHigh = npvUsd(high, flows, start, count);
  if (!(fLow * fHigh < 0)) return Number.NaN;
  let rate = 0.1;
  for (let iteration = 0; iteration < 200; iteration++) {
    let value = 0;
    let slope = 0;
    const discount = 1 / (1 + rate);
    let factor = 1;
    for (let t = 0; t < count; t++) {
      const flow = flows[start + t]!;
      value += flow * factor;
      slope -= t * flow * factor * discount;
      factor *= discount;
    }
    if (value === 0) return rate;
    if (value * fLow > 0) {
      low = rate;
      fLow = value;
    } else {
      high = rate;
    }
    let next = rate - value / slope;
    if (!(next > low && next < high)) next = (low + high) / 2;
    if (Math.abs(next - rate) < 1e-12 * (1 + Math.abs(rate)) || high - low < 1e-14) return next;
    rate = next;
  }
  return rate;
}
