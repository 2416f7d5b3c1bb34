/**
 * @module economics/ai/facility
 * How many AI servers and GPUs one megawatt of facility power carries (ECONOMICS.md §4.1). The grid limit
 * applies to facility power, so IT power = 1 MW / PUE; servers are sized on their MAXIMUM draw so the hall can
 * never exceed the limit, even when every server peaks at once.
 */

import { requirePositive, requirePue } from '../../units/guards.ts';
import { mwToW } from '../../units/index.ts';

export interface GpusPerFacilityMW {
  readonly itPowerW: number;
  /** Fractional: a planning density; round down for a real hall. */
  readonly serversPerMW: number;
  readonly gpusPerMW: number;
}

/** ECONOMICS.md §4.1: `1e6/1.30/10200` → 75.41 DGX H100 per MW, × 8 → 603.3 GPUs. */
export function gpusPerFacilityMW(input: {
  readonly serverPowerW: number;
  readonly gpusPerServer: number;
  readonly pue: number;
}): GpusPerFacilityMW {
  requirePositive('serverPowerW', input.serverPowerW, 'use the server maximum wall power in W, e.g. 10200');
  requirePositive('gpusPerServer', input.gpusPerServer, 'use the GPUs per server, e.g. 8');
  const pue = requirePue('pue', input.pue);
  const itPowerW = mwToW(1) / pue;
  const serversPerMW = itPowerW / input.serverPowerW;
  return { itPowerW, serversPerMW, gpusPerMW: serversPerMW * input.gpusPerServer };
}
