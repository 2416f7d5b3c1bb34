/**
 * @module report/invest-sensitivity
 * One-at-a-time sensitivity of the NPV of converting (a tornado table): each driver moved to the ends of the
 * range ECONOMICS.md or common practice gives, everything else at the base case.
 */
import type { InvestCase } from '../config/site.ts';
import { type InvestDrivers, investCashflows } from './invest.ts';

export interface SensitivityRow {
  readonly driver: string;
  readonly lowLabel: string;
  readonly highLabel: string;
  readonly lowNpvUsd: number;
  readonly highNpvUsd: number;
  readonly swingUsd: number;
}

type Side = 'low' | 'high';

interface Driver {
  readonly driver: string;
  readonly low: string;
  readonly high: string;
  readonly apply: (d: InvestDrivers, side: Side) => InvestDrivers;
}

const withInvest = (d: InvestDrivers, patch: Partial<InvestCase>): InvestDrivers => ({
  ...d,
  invest: { ...d.invest, ...patch },
});
const pick = (side: Side, low: number, high: number): number => (side === 'low' ? low : high);

const DRIVERS: readonly Driver[] = [
  {
    driver: 'BTC price level',
    low: '−30 %',
    high: '+30 %',
    apply: (d, s) => ({
      ...d,
      market: { ...d.market, btcPriceUsd: d.market.btcPriceUsd * pick(s, 0.7, 1.3) },
    }),
  },
  {
    driver: 'fees per block',
    low: '×2',
    high: '×0.5',
    apply: (d, s) => ({ ...d, feesBtcPerBlock: d.feesBtcPerBlock * pick(s, 2, 0.5) }),
  },
  {
    driver: 'network difficulty response',
    low: 'marginal hashcost −20 %',
    high: '+20 %',
    apply: (d, s) =>
      d.invest.difficultyGrowthPerYear === undefined
        ? withInvest(d, {
            network: {
              ...d.invest.network,
              marginalPowerPriceUsdPerMWh: d.invest.network.marginalPowerPriceUsdPerMWh * pick(s, 0.8, 1.2),
            },
          })
        : withInvest(d, { difficultyGrowthPerYear: d.invest.difficultyGrowthPerYear * pick(s, 0.5, 1.5) }),
  },
  {
    driver: 'GPU rental price at start',
    low: '−20 %',
    high: '+20 %',
    apply: (d, s) => ({
      ...d,
      ai: { ...d.ai, priceUsdPerGpuHourAtStart: d.ai.priceUsdPerGpuHourAtStart * pick(s, 0.8, 1.2) },
    }),
  },
  {
    driver: 'GPU rental decline λ',
    low: '0.55/yr',
    high: '0.15/yr',
    apply: (d, s) => withInvest(d, { gpuRentalDeclinePerYear: pick(s, 0.55, 0.15) }),
  },
  {
    driver: 'GPU utilization',
    low: '−10 pts',
    high: '+10 pts',
    apply: (d, s) => ({
      ...d,
      ai: { ...d.ai, utilization: Math.min(1, Math.max(0.01, d.ai.utilization + pick(s, -0.1, 0.1))) },
    }),
  },
  {
    driver: 'power price',
    low: '+30 %',
    high: '−30 %',
    apply: (d, s) => ({ ...d, powerPriceUsdPerMWh: d.powerPriceUsdPerMWh * pick(s, 1.3, 0.7) }),
  },
  {
    driver: 'GPU purchase price',
    low: '+20 %',
    high: '−20 %',
    apply: (d, s) => ({ ...d, ai: { ...d.ai, gpuPriceUsd: d.ai.gpuPriceUsd * pick(s, 1.2, 0.8) } }),
  },
  {
    driver: 'AI facility capex',
    low: '+20 %',
    high: '−20 %',
    apply: (d, s) =>
      withInvest(d, { aiFacilityCapexUsdPerMW: d.invest.aiFacilityCapexUsdPerMW * pick(s, 1.2, 0.8) }),
  },
  {
    driver: 'lead time',
    low: '+6 months',
    high: '−6 months',
    apply: (d, s) => withInvest(d, { leadTimeMonths: Math.max(0, d.invest.leadTimeMonths + pick(s, 6, -6)) }),
  },
  {
    driver: 'discount rate',
    low: '+3 pts',
    high: '−3 pts',
    apply: (d, s) =>
      withInvest(d, { discountRatePerYear: d.invest.discountRatePerYear + pick(s, 0.03, -0.03) }),
  },
];

/** Largest swing first. The low end is the side that makes converting look worse in the base case's logic. */
export function investSensitivity(d: InvestDrivers): readonly SensitivityRow[] {
  return DRIVERS.map(({ driver, low, high, apply }) => {
    const lowNpvUsd = investCashflows(apply(d, 'low')).incremental.npvUsd;
    const highNpvUsd = investCashflows(apply(d, 'high')).incremental.npvUsd;
    return {
      driver,
      lowLabel: low,
      highLabel: high,
      lowNpvUsd,
      highNpvUsd,
      swingUsd: Math.abs(highNpvUsd - lowNpvUsd),
    };
  }).sort((a, b) => b.swingUsd - a.swingUsd);
}
