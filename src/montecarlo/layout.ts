/**
 * @module montecarlo/layout
 * Where each number of a run lives: flat Float64Arrays over (optionally shared) buffers, so workers write their
 * paths in place and the main thread reads them without copying. Path p of strategy s sits at s·paths + p.
 */

/** Per path and year: year-end values (price, difficulty, height) or year means (the rest). */
export const DRIVERS = [
  'btcPriceUsd',
  'difficulty',
  'height',
  'hashpriceUsdPerPhDay',
  'electricityUsdPerMWh',
  'gpuRentalIndex',
] as const;
export type DriverName = (typeof DRIVERS)[number];

export interface McShape {
  readonly paths: number;
  readonly strategies: number;
  readonly years: number;
}

export interface McBuffers {
  readonly flows: ArrayBufferLike;
  readonly npv: ArrayBufferLike;
  readonly irr: ArrayBufferLike;
  readonly drivers: ArrayBufferLike;
}

export interface McResults extends McShape {
  /** (s·paths + p)·(years + 1) + y: annual cash flow, USD (index 0 = the decision date). */
  readonly flowsUsd: Float64Array;
  readonly npvUsd: Float64Array;
  /** IRR per year as a fraction; NaN where the flows have none (e.g. they never turn positive). */
  readonly irr: Float64Array;
  /** (k·paths + p)·years + (y − 1) for driver k of `DRIVERS`, year y = 1..years. */
  readonly drivers: Float64Array;
}

const BYTES = Float64Array.BYTES_PER_ELEMENT;

export function allocateBuffers(shape: McShape, shared: boolean): McBuffers {
  const make = (n: number): ArrayBufferLike =>
    shared ? new SharedArrayBuffer(n * BYTES) : new ArrayBuffer(n * BYTES);
  const { paths, strategies, years } = shape;
  return {
    flows: make(strategies * paths * (years + 1)),
    npv: make(strategies * paths),
    irr: make(strategies * paths),
    drivers: make(DRIVERS.length * paths * years),
  };
}

export function viewResults(shape: McShape, buffers: McBuffers): McResults {
  return {
    ...shape,
    flowsUsd: new Float64Array(buffers.flows),
    npvUsd: new Float64Array(buffers.npv),
    irr: new Float64Array(buffers.irr),
    drivers: new Float64Array(buffers.drivers),
  };
}

/** The annual flows of one path of one strategy, as a copy (for reports and tests, not the hot loop). */
export function pathFlowsUsd(r: McResults, strategy: number, path: number): number[] {
  const start = (strategy * r.paths + path) * (r.years + 1);
  return Array.from(r.flowsUsd.subarray(start, start + r.years + 1));
}
