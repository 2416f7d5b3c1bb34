/**
 * @module economics/ai/tokens
 * Token-serving revenue and energy per token (ECONOMICS.md §3.4). Catalog throughputs are saturated batch
 * figures, so revenue takes a required `utilization` and an optional `servingEfficiency` (latency-bound serving
 * reaches only part of the batch figure).
 */

import { requireFraction, requireNonNegative, requirePositive } from '../../units/guards.ts';
import { energyMWhFromPowerW, HOURS_PER_DAY, SECONDS_PER_DAY } from '../../units/index.ts';

const SECONDS_PER_HOUR = SECONDS_PER_DAY / HOURS_PER_DAY;
const TOKENS_PER_MTOK = 1e6;
// units/ has no MWh → kWh helper yet; this is the only scale factor applied here.
const KWH_PER_MWH = 1000;

function efficiencyOf(servingEfficiency: number | undefined): number {
  if (servingEfficiency === undefined) return 1;
  requireFraction(
    'servingEfficiency',
    servingEfficiency,
    'use the achieved share of batch throughput, e.g. 0.3',
  );
  return servingEfficiency;
}

export interface TokenRevenueInput {
  readonly tokensPerSecPerGpu: number;
  /** One blended price per million tokens (ECONOMICS.md checks price output tokens only). */
  readonly priceUsdPerMTok: number;
  /** Share of the hour the GPU serves paid traffic, 0..1. */
  readonly utilization: number;
  /** Achieved share of the catalog (saturated) throughput, 0..1; default 1. */
  readonly servingEfficiency?: number;
}

/** `tokensPerSecPerGpu × 3600 / 1e6 × priceUsdPerMTok × utilization × servingEfficiency`. */
export function tokenRevenueUsdPerGpuHour(input: TokenRevenueInput): number {
  requireNonNegative('tokensPerSecPerGpu', input.tokensPerSecPerGpu, 'use output tokens/s per GPU');
  requireNonNegative('priceUsdPerMTok', input.priceUsdPerMTok, 'use USD per million tokens, e.g. 0.88');
  requireFraction('utilization', input.utilization, 'use the served share of the hour, e.g. 0.6');
  const mTokPerGpuHour = (input.tokensPerSecPerGpu * SECONDS_PER_HOUR) / TOKENS_PER_MTOK;
  return mTokPerGpuHour * input.priceUsdPerMTok * input.utilization * efficiencyOf(input.servingEfficiency);
}

export interface SplitTokenRevenueInput {
  readonly outputTokensPerSecPerGpu: number;
  /** Prompt tokens billed per generated token, e.g. isl / osl of the workload. */
  readonly inputTokensPerOutputToken: number;
  readonly priceUsdPerMInputTok: number;
  readonly priceUsdPerMOutputTok: number;
  readonly utilization: number;
  readonly servingEfficiency?: number;
}

/** Input and output tokens priced separately, as the APIs do. */
export function tokenRevenueSplitUsdPerGpuHour(input: SplitTokenRevenueInput): number {
  requireNonNegative('inputTokensPerOutputToken', input.inputTokensPerOutputToken, 'use e.g. isl / osl');
  requireNonNegative('priceUsdPerMInputTok', input.priceUsdPerMInputTok, 'use USD per million input tokens');
  const outputUsd = tokenRevenueUsdPerGpuHour({
    tokensPerSecPerGpu: input.outputTokensPerSecPerGpu,
    priceUsdPerMTok: input.priceUsdPerMOutputTok,
    utilization: input.utilization,
    ...(input.servingEfficiency === undefined ? {} : { servingEfficiency: input.servingEfficiency }),
  });
  const inputUsd = tokenRevenueUsdPerGpuHour({
    tokensPerSecPerGpu: input.outputTokensPerSecPerGpu * input.inputTokensPerOutputToken,
    priceUsdPerMTok: input.priceUsdPerMInputTok,
    utilization: input.utilization,
    ...(input.servingEfficiency === undefined ? {} : { servingEfficiency: input.servingEfficiency }),
  });
  return outputUsd + inputUsd;
}

interface ServerPower {
  /** Maximum wall power of the server. */
  readonly serverPowerW: number;
  readonly gpusPerServer: number;
  /** Operating share of the maximum, 0..1 (1 reproduces the ECONOMICS.md checks at the DGX maximum). */
  readonly serverLoadFactor: number;
}

/** Either the per-GPU throughput, or the throughput of the whole server (e.g. a TP8 figure on an 8-GPU box). */
export type EnergyPerMTokInput = ServerPower &
  ({ readonly tokensPerSecPerGpu: number } | { readonly serverTokensPerS: number });

/**
 * kWh of wall energy per million output tokens: the GPU's share of server power for the hours it takes to
 * produce 1e6 tokens. ECONOMICS.md §3.4: `1.275*(1e6/15270.02)/3600` → 0.0232 kWh/M tok (8B, H100).
 */
export function energyPerMTokKWh(input: EnergyPerMTokInput): number {
  requirePositive('serverPowerW', input.serverPowerW, 'use the server maximum wall power in W, e.g. 10200');
  requirePositive('gpusPerServer', input.gpusPerServer, 'use the GPUs per server, e.g. 8');
  requireFraction('serverLoadFactor', input.serverLoadFactor, 'use 1 for the maximum, ~0.6-0.8 in operation');
  const tokensPerSecPerGpu =
    'tokensPerSecPerGpu' in input
      ? requirePositive('tokensPerSecPerGpu', input.tokensPerSecPerGpu, 'use output tokens/s per GPU')
      : requirePositive(
          'serverTokensPerS',
          input.serverTokensPerS,
          'use output tokens/s of the whole server',
        ) / input.gpusPerServer;
  const powerPerGpuW = (input.serverPowerW * input.serverLoadFactor) / input.gpusPerServer;
  const hoursPerMTok = TOKENS_PER_MTOK / tokensPerSecPerGpu / SECONDS_PER_HOUR;
  return energyMWhFromPowerW(powerPerGpuW, hoursPerMTok) * KWH_PER_MWH;
}
