import {
  requireFraction,
  requireFractionBelowOne,
  requireNonNegative,
  requirePositive,
  requirePue,
} from '../../units/guards.ts';
import { HOURS_PER_DAY } from '../../units/index.ts';
import { expectedBlocksPerDay } from './difficulty.ts';

const ONE_PH_IN_HS = 1e15;

export interface HashpriceInputs {
  readonly difficulty: number;
  readonly btcPriceUsd: number;
  readonly subsidyBtc: number;
  /** Mean fees per block over the chosen window (Hashrate Index: 144 blocks; a day's total ÷ that day's blocks). */
  readonly feesBtcPerBlock: number;
}

export function hashpriceBtcPerPhDay({
  difficulty,
  subsidyBtc,
  feesBtcPerBlock,
}: Omit<HashpriceInputs, 'btcPriceUsd'>): number {
  requireNonNegative('subsidyBtc', subsidyBtc, 'pass the block subsidy in BTC, e.g. 3.125');
  requireNonNegative(
    'feesBtcPerBlock',
    feesBtcPerBlock,
    'pass mean fees per block in BTC (0 if unknown, and say so)',
  );
  return expectedBlocksPerDay(ONE_PH_IN_HS, difficulty) * (subsidyBtc + feesBtcPerBlock);
}

/** Expected USD earned by 1 PH/s in one day, before pool fee. */
export function hashpriceUsdPerPhDay(inputs: HashpriceInputs): number {
  requireNonNegative('btcPriceUsd', inputs.btcPriceUsd, 'pass the BTC price in USD');
  return hashpriceBtcPerPhDay(inputs) * inputs.btcPriceUsd;
}

export interface BreakEvenInputs {
  readonly hashpriceUsdPerPhDay: number;
  readonly efficiencyJPerTh: number;
  /** Facility energy ÷ IT energy; 1 for IT-only figures. */
  readonly pue: number;
  readonly poolFeeFraction: number;
}

function assertEfficiencyAndPue(efficiencyJPerTh: number, pue: number): void {
  requirePositive('efficiencyJPerTh', efficiencyJPerTh, 'use powerW / hashrateThs of the machine');
  requirePue('pue', pue);
}

/** Facility MWh one TH/s draws in a day: J/TH is W per TH/s, × 24 h → Wh, ÷ 1e6 → MWh. */
export function energyMWhPerThDay(efficiencyJPerTh: number, pue: number): number {
  assertEfficiencyAndPue(efficiencyJPerTh, pue);
  return (efficiencyJPerTh * pue * HOURS_PER_DAY) / 1e6;
}

/**
 * Power price at which a machine's net revenue equals its energy cost. Uptime cancels (an idle machine
 * neither earns nor pays); the pool fee does not, and PUE applies to energy, not revenue.
 */
export function breakEvenPowerPriceUsdPerMWh({
  hashpriceUsdPerPhDay,
  efficiencyJPerTh,
  pue,
  poolFeeFraction,
}: BreakEvenInputs): number {
  requireNonNegative('hashpriceUsdPerPhDay', hashpriceUsdPerPhDay, 'pass hashprice in USD per PH/s per day');
  requireFractionBelowOne('poolFeeFraction', poolFeeFraction, 'pass the pool fee as a fraction, e.g. 0.025');
  const revenueUsdPerThDay = (hashpriceUsdPerPhDay / 1000) * (1 - poolFeeFraction);
  return revenueUsdPerThDay / energyMWhPerThDay(efficiencyJPerTh, pue);
}

/** The operator's energy cost for 1 PH/s for one day. */
export function hashcostUsdPerPhDay({
  efficiencyJPerTh,
  pue,
  priceUsdPerMWh,
}: {
  efficiencyJPerTh: number;
  pue: number;
  priceUsdPerMWh: number;
}): number {
  return energyMWhPerThDay(efficiencyJPerTh, pue) * priceUsdPerMWh * 1000;
}

export interface MiningOutputInputs {
  readonly hashrateThs: number;
  readonly hashpriceUsdPerPhDay: number;
  readonly durationH: number;
  readonly poolFeeFraction: number;
  /** Share of time hashing when not curtailed; curtailment is a planner decision, not downtime. */
  readonly uptimeFraction?: number;
  readonly staleRejectFraction?: number;
}

/** Net USD a fleet earns over a duration: hashrate × hashprice, after uptime, stales and pool fee. */
export function miningRevenueUsd({
  hashrateThs,
  hashpriceUsdPerPhDay,
  durationH,
  poolFeeFraction,
  uptimeFraction = 1,
  staleRejectFraction = 0,
}: MiningOutputInputs): number {
  requireNonNegative('hashrateThs', hashrateThs, 'pass the fleet hashrate in TH/s');
  requireNonNegative('durationH', durationH, 'pass the duration in hours');
  requireFractionBelowOne('poolFeeFraction', poolFeeFraction, 'pass the pool fee as a fraction, e.g. 0.025');
  requireFractionBelowOne(
    'staleRejectFraction',
    staleRejectFraction,
    'pass the stale/reject share, e.g. 0.005',
  );
  requireFraction('uptimeFraction', uptimeFraction, 'e.g. 0.97; curtailment is not downtime');
  const effectiveThs = hashrateThs * uptimeFraction * (1 - staleRejectFraction);
  return (effectiveThs / 1000) * hashpriceUsdPerPhDay * (durationH / HOURS_PER_DAY) * (1 - poolFeeFraction);
}
