/**
 * @module strategies/catalog
 * The strategies a backtest compares, built from one resolved site. Mining-only and AI-only rebuild the site
 * around one workload at the same grid connection; static split runs the site as installed, always on.
 */
import type { PlannerSite } from '../planner/problem.ts';
import type { ResolvedSite } from './resolve-site.ts';
import { alwaysOn, priceThreshold } from './rules.ts';
import type { Strategy } from './types.ts';

export const RULE_STRATEGIES = ['mining-only', 'ai-only', 'static-split', 'price-threshold'] as const;
export const OPTIMIZER_STRATEGIES = ['optimizer-perfect', 'optimizer-forecast'] as const;
export type StrategyName = (typeof RULE_STRATEGIES)[number] | (typeof OPTIMIZER_STRATEGIES)[number];
export const STRATEGY_NAMES: readonly StrategyName[] = [...RULE_STRATEGIES, ...OPTIMIZER_STRATEGIES];

const noAi: PlannerSite['ai'] = {
  contractedMW: 0,
  contractUsdPerMWh: 0,
  shortfallPenaltyUsdPerMWh: 0,
  spotMaxMW: 0,
  spotMinOnIntervals: 1,
  spotRestartCostUsd: 0,
};

/** The whole connection filled with the site's ASIC mix. */
export function miningOnlySite(r: ResolvedSite): PlannerSite {
  const { battery: _battery, ...site } = r.planner;
  const itMW = Math.max(0, site.importLimitMW - site.overheadMW) / site.miningPue;
  return {
    ...site,
    mining: {
      segments: r.miningSegmentsPerMW.map((s) => ({ ...s, widthMW: s.widthMW * itMW })),
      rampMWPerInterval: itMW,
    },
    ai: noAi,
  };
}

/** The whole connection filled with GPU servers, earning the site's market AI terms (no SLA penalty). */
export function aiOnlySite(r: ResolvedSite): PlannerSite {
  const { battery: _battery, ...site } = r.planner;
  const itMW = Math.max(0, site.importLimitMW - site.overheadMW) / site.aiPue;
  return {
    ...site,
    mining: { segments: [], rampMWPerInterval: 0 },
    ai: { ...noAi, contractedMW: itMW, contractUsdPerMWh: r.aiOnlyUsdPerMWh },
  };
}

export function ruleStrategy(name: (typeof RULE_STRATEGIES)[number], r: ResolvedSite): Strategy {
  switch (name) {
    case 'mining-only':
      return alwaysOn(name, miningOnlySite(r));
    case 'ai-only':
      return alwaysOn(name, aiOnlySite(r));
    case 'static-split':
      return alwaysOn(name, r.planner);
    case 'price-threshold':
      return priceThreshold(r.planner, r.operations.thresholds.hysteresisUsdPerMWh);
  }
}
