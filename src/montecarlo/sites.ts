/**
 * @module montecarlo/sites
 * The five strategies as builds plus rules, from one resolved site (strategies/catalog.ts): mining-only and
 * AI-only rebuild the connection around one workload; static split, price threshold and hybrid operate the site
 * as installed and differ only in how each day is dispatched.
 */
import type { PlannerSite } from '../planner/problem.ts';
import { aiOnlySite, miningOnlySite } from '../strategies/catalog.ts';
import type { ResolvedSite } from '../strategies/resolve-site.ts';
import { spotUsdPerMWh } from '../strategies/window.ts';
import {
  type DaySite,
  type McStrategyName,
  POWER_PPA_NO_RESALE,
  POWER_PPA_RESALE,
  POWER_REAL_TIME,
  RULE_ALWAYS_ON,
  RULE_GREEDY,
  RULE_THRESHOLD,
} from './inputs.ts';

export function daySite(
  name: McStrategyName,
  rule: number,
  site: PlannerSite,
  spotUsdPerItMWh: number,
  hysteresisUsdPerMWh: number,
): DaySite {
  const segments = [...site.mining.segments].sort((a, b) => b.revenueFactor - a.revenueFactor);
  const miningItMW = segments.reduce((s, g) => s + g.widthMW, 0);
  const power = site.power;
  return {
    name,
    rule,
    roomMW: Math.max(0, site.importLimitMW - site.overheadMW),
    overheadMW: site.overheadMW,
    miningPue: site.miningPue,
    aiPue: site.aiPue,
    segmentWidthMW: Float64Array.from(segments, (g) => g.widthMW),
    segmentFactor: Float64Array.from(segments, (g) => g.revenueFactor),
    miningItMW,
    fleetFactor:
      miningItMW > 0 ? segments.reduce((s, g) => s + g.widthMW * g.revenueFactor, 0) / miningItMW : 0,
    contractMW: site.ai.contractedMW,
    contractUsdPerMWh: site.ai.contractUsdPerMWh,
    penaltyUsdPerMWh: site.ai.shortfallPenaltyUsdPerMWh,
    spotMaxMW: site.ai.spotMaxMW,
    spotUsdPerMWh: site.ai.spotMaxMW > 0 ? spotUsdPerItMWh : 0,
    spotRestartCostUsd: site.ai.spotRestartCostUsd,
    powerKind:
      power.kind === 'real-time' ? POWER_REAL_TIME : power.resale ? POWER_PPA_RESALE : POWER_PPA_NO_RESALE,
    adderUsdPerMWh: power.kind === 'real-time' ? power.adderUsdPerMWh : 0,
    ppaUsdPerMWh: power.kind === 'ppa' ? power.priceUsdPerMWh : 0,
    ppaVolumeMW: power.kind === 'ppa' ? power.volumeMW : 0,
    hysteresisUsdPerMWh,
  };
}

export function strategySites(r: ResolvedSite): DaySite[] {
  const spot = spotUsdPerMWh(r);
  const band = r.operations.thresholds.hysteresisUsdPerMWh;
  return [
    daySite('mining-only', RULE_ALWAYS_ON, miningOnlySite(r), spot, band),
    daySite('ai-only', RULE_ALWAYS_ON, aiOnlySite(r), spot, band),
    daySite('static-split', RULE_ALWAYS_ON, r.planner, spot, band),
    daySite('price-threshold', RULE_THRESHOLD, r.planner, spot, band),
    daySite('hybrid', RULE_GREEDY, r.planner, spot, band),
  ];
}
