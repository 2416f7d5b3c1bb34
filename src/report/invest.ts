/**
 * @module report/invest
 * Convert X MW of mining IT capacity to AI, or stay? Month-by-month cash flows over the horizon for both
 * paths from the numbers of one date, summed into years for NPV, IRR and payback of the difference.
 */
import type { InvestCase } from '../config/site.ts';
import { hashpriceUsdPerPhDay } from '../economics/bitcoin/hashprice.ts';
import { blockSubsidySats } from '../economics/bitcoin/subsidy.ts';
import { straightLineDepreciationUsd } from '../economics/finance/depreciation.ts';
import { type IrrResult, irr } from '../economics/finance/irr.ts';
import { npv } from '../economics/finance/npv.ts';
import { type PaybackResult, paybackYears } from '../economics/finance/payback.ts';
import { decayToFloor } from '../economics/stochastic/calibration.ts';
import { satsToBtc } from '../units/index.ts';
import type { MarketDay } from './market.ts';
import type { MiningPerMW } from './mining.ts';

const DAYS_PER_MONTH = 365.25 / 12;

/** Everything the cash-flow model needs, resolved and numeric: the sensitivity table perturbs these. */
export interface InvestDrivers {
  readonly invest: InvestCase;
  readonly market: Pick<MarketDay, 'btcPriceUsd' | 'difficulty' | 'feesBtcPerBlock' | 'hashpriceUsdPerPhDay'>;
  readonly tipHeight: number;
  readonly blocksPerYear: number;
  readonly difficultyGrowthPerYear: number;
  readonly powerPriceUsdPerMWh: number;
  /** Mining per MW IT at the start; revenue scales with hashprice. */
  readonly mining: Pick<MiningPerMW, 'revenueUsdPerDay' | 'facilityEnergyMWhPerDay' | 'hashrateThs'>;
  readonly ai: {
    readonly gpusPerItMW: number;
    readonly facilityEnergyMWhPerDay: number;
    readonly pue: number;
    readonly utilization: number;
    readonly priceUsdPerGpuHourAtStart: number;
    readonly gpuPriceUsd: number;
  };
}

export interface PathFlows {
  /** Index 0 is the decision date (capex); index y is the sum over year y. */
  readonly annualUsd: readonly number[];
  readonly npvUsd: number;
}

export interface InvestResult {
  readonly stay: PathFlows;
  readonly convert: PathFlows & {
    readonly capexUsd: { facility: number; gpus: number; network: number };
    readonly depreciationUsd: readonly number[];
  };
  readonly incremental: PathFlows & {
    readonly irr: IrrResult;
    readonly payback: PaybackResult;
    readonly discountedPayback: PaybackResult;
  };
  readonly hashpricePathUsdPerPhDay: readonly number[];
  readonly gpuRentalPathUsdPerGpuHour: readonly number[];
}

function hashpriceAt(d: InvestDrivers, tYears: number): number {
  const height = Math.floor(d.tipHeight + d.blocksPerYear * tYears);
  return hashpriceUsdPerPhDay({
    difficulty: d.market.difficulty * Math.exp(d.difficultyGrowthPerYear * tYears),
    btcPriceUsd: d.market.btcPriceUsd * Math.exp(d.invest.btcPriceGrowthPerYear * tYears),
    subsidyBtc: satsToBtc(blockSubsidySats(height)),
    feesBtcPerBlock: d.market.feesBtcPerBlock,
  });
}

/** ECONOMICS.md §6.5; a start below the floor stays where it is. */
function gpuRentalAt(d: InvestDrivers, tYears: number): number {
  return decayToFloor({
    startUsd: d.ai.priceUsdPerGpuHourAtStart,
    floorUsd: Math.min(d.invest.gpuRentalFloorUsdPerGpuHour, d.ai.priceUsdPerGpuHourAtStart),
    lambdaPerYear: d.invest.gpuRentalDeclinePerYear,
    years: tYears,
  });
}

/**
 * Book depreciation by year (straight line, no salvage), from the year the AI hall goes into service:
 * the convert path's tax shield.
 */
function depreciationByYearUsd(
  d: InvestDrivers,
  capex: { facility: number; gpus: number; network: number },
): number[] {
  const { invest } = d;
  const inServiceYear = Math.floor(invest.leadTimeMonths / 12) + 1;
  const gpuYearly = straightLineDepreciationUsd({
    costUsd: capex.gpus + capex.network,
    salvageUsd: 0,
    lifePeriods: invest.gpuLifeYears,
  });
  const hallYearly = straightLineDepreciationUsd({
    costUsd: capex.facility,
    salvageUsd: 0,
    lifePeriods: invest.facilityLifeYears,
  });
  return Array.from({ length: invest.horizonYears + 1 }, (_, y) => {
    const age = y - inServiceYear;
    if (age < 0) return 0;
    return (age < invest.gpuLifeYears ? gpuYearly : 0) + (age < invest.facilityLifeYears ? hallYearly : 0);
  });
}

/** After-tax flows: tax on (operating cash − depreciation) when positive; no loss carry-forward (stated). */
function afterTax(
  operatingUsd: readonly number[],
  depreciationUsd: readonly number[],
  taxRate: number,
): number[] {
  return operatingUsd.map((cash, y) => cash - Math.max(0, cash - (depreciationUsd[y] ?? 0)) * taxRate);
}

/**
 * Mining runs only while it covers its energy (a rational operator sleeps the fleet otherwise), so a month's
 * mining margin never goes below minus its fixed opex. Capex is paid at the decision date; mining goes on
 * during the build and the ASICs are sold at commissioning at a price that tracks hashprice. The stay path's
 * ASICs are sunk (fully depreciated); residual values are not taxed.
 */
export function investCashflows(d: InvestDrivers): InvestResult {
  const { invest } = d;
  const mw = invest.convertItMW;
  const months = invest.horizonYears * 12;
  const miningRevenuePerHashprice = d.mining.revenueUsdPerDay / d.market.hashpriceUsdPerPhDay;
  const gpus = d.ai.gpusPerItMW * mw;
  const capex = {
    facility: invest.aiFacilityCapexUsdPerMW * mw * d.ai.pue,
    gpus: gpus * d.ai.gpuPriceUsd,
    network: gpus * d.ai.gpuPriceUsd * invest.networkCapexFraction,
  };
  const stayOperating = new Array<number>(invest.horizonYears + 1).fill(0);
  const convertOperating = new Array<number>(invest.horizonYears + 1).fill(0);
  const hashpricePath: number[] = [];
  const gpuPath: number[] = [];
  const asicValueUsd = (hashprice: number): number =>
    invest.asicResaleUsdPerTh * d.mining.hashrateThs * mw * (hashprice / d.market.hashpriceUsdPerPhDay);
  let asicSaleUsd = 0;
  for (let m = 0; m < months; m++) {
    const tYears = (m + 0.5) / 12;
    const year = Math.floor(m / 12) + 1;
    const hashprice = hashpriceAt(d, tYears);
    const rental = gpuRentalAt(d, tYears);
    if (m % 12 === 0) {
      hashpricePath.push(hashprice);
      gpuPath.push(rental);
    }
    const miningMarginPerMW = Math.max(
      0,
      miningRevenuePerHashprice * hashprice - d.mining.facilityEnergyMWhPerDay * d.powerPriceUsdPerMWh,
    );
    const miningUsd = mw * (miningMarginPerMW * DAYS_PER_MONTH - invest.miningOpexUsdPerMWYear / 12);
    stayOperating[year]! += miningUsd;
    if (m < invest.leadTimeMonths) {
      convertOperating[year]! += miningUsd;
      continue;
    }
    if (m === invest.leadTimeMonths) asicSaleUsd = asicValueUsd(hashprice);
    const aiRevenueUsd = gpus * 24 * DAYS_PER_MONTH * rental * d.ai.utilization;
    const aiEnergyUsd = mw * d.ai.facilityEnergyMWhPerDay * DAYS_PER_MONTH * d.powerPriceUsdPerMWh;
    convertOperating[year]! += aiRevenueUsd - aiEnergyUsd - (mw * invest.aiOpexUsdPerMWYear) / 12;
  }
  const last = invest.horizonYears;
  const depreciationUsd = depreciationByYearUsd(d, capex);
  const stayFlows = afterTax(stayOperating, [], invest.taxRate);
  const convertFlows = afterTax(convertOperating, depreciationUsd, invest.taxRate);
  stayFlows[last]! += asicValueUsd(hashpriceAt(d, last));
  convertFlows[0]! -= capex.facility + capex.gpus + capex.network;
  convertFlows[Math.min(last, Math.floor(invest.leadTimeMonths / 12) + 1)]! +=
    invest.leadTimeMonths < months ? asicSaleUsd : asicValueUsd(hashpriceAt(d, last));
  convertFlows[last]! += (capex.gpus + capex.network) * invest.gpuResidualFraction;
  const incremental = convertFlows.map((c, i) => c - stayFlows[i]!);
  const r = invest.discountRatePerYear;
  return {
    stay: { annualUsd: stayFlows, npvUsd: npv(r, stayFlows) },
    convert: { annualUsd: convertFlows, npvUsd: npv(r, convertFlows), capexUsd: capex, depreciationUsd },
    incremental: {
      annualUsd: incremental,
      npvUsd: npv(r, incremental),
      irr: irr(incremental),
      payback: paybackYears(incremental),
      discountedPayback: paybackYears(incremental, r),
    },
    hashpricePathUsdPerPhDay: hashpricePath,
    gpuRentalPathUsdPerGpuHour: gpuPath,
  };
}

export interface SensitivityRow {
  readonly driver: string;
  readonly lowLabel: string;
  readonly highLabel: string;
  readonly lowNpvUsd: number;
  readonly highNpvUsd: number;
  readonly swingUsd: number;
}

type Perturb = (d: InvestDrivers, side: 'low' | 'high') => InvestDrivers;

const scaleInvest = (d: InvestDrivers, patch: Partial<InvestCase>): InvestDrivers => ({
  ...d,
  invest: { ...d.invest, ...patch },
});

/** The drivers and ranges of the tornado table; each range is the one ECONOMICS.md or the brief gives. */
const SENSITIVITY_DRIVERS: readonly { driver: string; low: string; high: string; apply: Perturb }[] = [
  {
    driver: 'BTC price level',
    low: '−30 %',
    high: '+30 %',
    apply: (d, s) => ({
      ...d,
      market: { ...d.market, btcPriceUsd: d.market.btcPriceUsd * (s === 'low' ? 0.7 : 1.3) },
    }),
  },
  {
    driver: 'difficulty growth',
    low: '×0.5',
    high: '×1.5',
    apply: (d, s) => ({
      ...d,
      difficultyGrowthPerYear: d.difficultyGrowthPerYear * (s === 'low' ? 0.5 : 1.5),
    }),
  },
  {
    driver: 'GPU rental price at start',
    low: '−20 %',
    high: '+20 %',
    apply: (d, s) => ({
      ...d,
      ai: { ...d.ai, priceUsdPerGpuHourAtStart: d.ai.priceUsdPerGpuHourAtStart * (s === 'low' ? 0.8 : 1.2) },
    }),
  },
  {
    driver: 'GPU rental decline λ',
    low: '0.55/yr',
    high: '0.15/yr',
    apply: (d, s) => scaleInvest(d, { gpuRentalDeclinePerYear: s === 'low' ? 0.55 : 0.15 }),
  },
  {
    driver: 'GPU utilization',
    low: '−10 pts',
    high: '+10 pts',
    apply: (d, s) => ({
      ...d,
      ai: { ...d.ai, utilization: Math.min(1, Math.max(0, d.ai.utilization + (s === 'low' ? -0.1 : 0.1))) },
    }),
  },
  {
    driver: 'power price',
    low: '+30 %',
    high: '−30 %',
    apply: (d, s) => ({ ...d, powerPriceUsdPerMWh: d.powerPriceUsdPerMWh * (s === 'low' ? 1.3 : 0.7) }),
  },
  {
    driver: 'GPU purchase price',
    low: '+20 %',
    high: '−20 %',
    apply: (d, s) => ({ ...d, ai: { ...d.ai, gpuPriceUsd: d.ai.gpuPriceUsd * (s === 'low' ? 1.2 : 0.8) } }),
  },
  {
    driver: 'AI facility capex',
    low: '+20 %',
    high: '−20 %',
    apply: (d, s) =>
      scaleInvest(d, {
        aiFacilityCapexUsdPerMW: d.invest.aiFacilityCapexUsdPerMW * (s === 'low' ? 1.2 : 0.8),
      }),
  },
  {
    driver: 'lead time',
    low: '+6 months',
    high: '−6 months',
    apply: (d, s) =>
      scaleInvest(d, { leadTimeMonths: Math.max(0, d.invest.leadTimeMonths + (s === 'low' ? 6 : -6)) }),
  },
  {
    driver: 'discount rate',
    low: '+3 pts',
    high: '−3 pts',
    apply: (d, s) =>
      scaleInvest(d, { discountRatePerYear: d.invest.discountRatePerYear + (s === 'low' ? 0.03 : -0.03) }),
  },
];

/** One-at-a-time sensitivity of the incremental NPV, sorted by swing (a tornado). */
export function investSensitivity(d: InvestDrivers): readonly SensitivityRow[] {
  return SENSITIVITY_DRIVERS.map(({ driver, low, high, apply }) => {
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
