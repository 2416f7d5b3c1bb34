/**
 * @module montecarlo/settle
 * One strategy over one whole path: the path's market is simulated once into day arrays (`PathMarket`), then each
 * strategy walks them in its own loop, so a loop meets one rule only. A build that always runs in full and fits
 * the import room earns a linear function of the day's market (dispatch.ts `day` with nothing to decide), so its
 * year is settled from the year's sums of the market series without a day loop; every other strategy settles
 * day by day through `StrategyKernel.day` (settle.test.ts checks the two agree).
 */
import { DayMarket, DayOutcome, type StrategyKernel } from './dispatch.ts';
import { POWER_PPA_RESALE, POWER_REAL_TIME, RULE_ALWAYS_ON, RULE_GREEDY } from './inputs.ts';

const HOURS_PER_DAY = 24;
const DAYS_PER_YEAR = 365;

/** A path's day-by-day market as the strategies see it (fields of `DayMarket`), with per-year sums. */
export class PathMarket {
  readonly priceUsdPerMWh: Float64Array;
  readonly miningUsdPerMWh: Float64Array;
  readonly contractIndex: Float64Array;
  readonly spotIndex: Float64Array;
  readonly yearPriceUsdPerMWh: Float64Array;
  readonly yearMiningUsdPerMWh: Float64Array;
  readonly yearContractIndex: Float64Array;
  readonly yearSpotIndex: Float64Array;

  constructor(readonly years: number) {
    const days = years * DAYS_PER_YEAR;
    this.priceUsdPerMWh = new Float64Array(days);
    this.miningUsdPerMWh = new Float64Array(days);
    this.contractIndex = new Float64Array(days);
    this.spotIndex = new Float64Array(days);
    this.yearPriceUsdPerMWh = new Float64Array(years);
    this.yearMiningUsdPerMWh = new Float64Array(years);
    this.yearContractIndex = new Float64Array(years);
    this.yearSpotIndex = new Float64Array(years);
  }

  /** Fills the per-year sums from the day arrays (the engine sums as it simulates; this is for hand-filled markets). */
  sumYears(): void {
    for (let y = 0; y < this.years; y++) {
      let price = 0;
      let mining = 0;
      let contract = 0;
      let spot = 0;
      for (let d = y * DAYS_PER_YEAR, end = d + DAYS_PER_YEAR; d < end; d++) {
        price += this.priceUsdPerMWh[d]!;
        mining += this.miningUsdPerMWh[d]!;
        contract += this.contractIndex[d]!;
        spot += this.spotIndex[d]!;
      }
      this.yearPriceUsdPerMWh[y] = price;
      this.yearMiningUsdPerMWh[y] = mining;
      this.yearContractIndex[y] = contract;
      this.yearSpotIndex[y] = spot;
    }
  }
}

/** Scratch objects for the day-by-day settlement, one set per worker. */
export class SettleScratch {
  readonly market = new DayMarket();
  readonly outcome = new DayOutcome();
}

/** Resets the kernel and adds its operating value in year y to `flows[at + 1 + y]`. */
export function settlePath(
  k: StrategyKernel,
  m: PathMarket,
  scratch: SettleScratch,
  flows: Float64Array,
  at: number,
): void {
  k.reset();
  if (!k.fitsAll) settleDaily(k, m, scratch, flows, at);
  else if (k.site.rule === RULE_ALWAYS_ON) settleLinear(k, m, flows, at);
  else settleWithRoom(k, m, flows, at);
}

function settleDaily(
  k: StrategyKernel,
  m: PathMarket,
  scratch: SettleScratch,
  flows: Float64Array,
  at: number,
): void {
  const { market, outcome } = scratch;
  for (let y = 0; y < m.years; y++) {
    let valueUsd = 0;
    for (let d = y * DAYS_PER_YEAR, end = d + DAYS_PER_YEAR; d < end; d++) {
      market.priceUsdPerMWh = m.priceUsdPerMWh[d]!;
      market.miningUsdPerMWh = m.miningUsdPerMWh[d]!;
      market.contractIndex = m.contractIndex[d]!;
      market.spotIndex = m.spotIndex[d]!;
      k.day(market, outcome);
      valueUsd += outcome.valueUsd;
    }
    flows[at + 1 + y]! += valueUsd;
  }
}

/**
 * Threshold and greedy rules when the whole build fits the room: `StrategyKernel.day` written out over the path
 * (its fitsAll branches, the same operations in the same order, so the values are identical, settle.test.ts),
 * because `day` is too large for V8 to inline and a call per day and strategy was a fifth of the run. One loop
 * per rule, so each loop holds only its own rule's constants and state in registers.
 */
function settleWithRoom(k: StrategyKernel, m: PathMarket, flows: Float64Array, at: number): void {
  if (k.site.rule === RULE_GREEDY) settleGreedyWithRoom(k, m, flows, at);
  else settleThresholdWithRoom(k, m, flows, at);
}

function settleGreedyWithRoom(k: StrategyKernel, m: PathMarket, flows: Float64Array, at: number): void {
  // Every constant in a local: V8 does not hoist field loads out of a loop.
  const s = k.site;
  const realTime = s.powerKind === POWER_REAL_TIME;
  const resale = s.powerKind === POWER_PPA_RESALE;
  const { adderUsdPerMWh, ppaUsdPerMWh, ppaVolumeMW, overheadMW, miningPue, aiPue } = s;
  const { contractUsdPerMWh, penaltyUsdPerMWh, spotUsdPerMWh, spotMaxMW, spotRestartCostUsd } = s;
  const siteContractMW = s.contractMW;
  const { segmentFactorPerPue: factors, prefixWidthMW, prefixFactorMW } = k;
  const segments = factors.length;
  const { penaltyUsdPerFacilityMWh, contractUsdPerFacilityMWhAtStart, spotUsdPerFacilityMWhAtStart } = k;
  const { priceUsdPerMWh: prices, miningUsdPerMWh: minings, spotIndex: spots, contractIndex: contracts } = m;
  let spotWasOn = k.spotWasOn;
  for (let y = 0; y < m.years; y++) {
    let yearUsd = 0;
    for (let d = y * DAYS_PER_YEAR, end = d + DAYS_PER_YEAR; d < end; d++) {
      const priceUsdPerMWh = prices[d]!;
      const miningUsdPerMWh = minings[d]!;
      const spotIndex = spots[d]!;
      const contractIndex = contracts[d]!;
      const spotUsdPerFacilityMWh = spotUsdPerFacilityMWhAtStart * spotIndex;
      const cost = realTime ? priceUsdPerMWh + adderUsdPerMWh : resale ? priceUsdPerMWh : ppaUsdPerMWh;
      const contractValue = contractUsdPerFacilityMWhAtStart * contractIndex + penaltyUsdPerFacilityMWh;
      const contractMW = contractValue > cost ? siteContractMW : 0;
      const spotMW = spotUsdPerFacilityMWh > cost ? spotMaxMW : 0;
      // The segments that earn more than their energy: a prefix, since the factors fall and the mining rate is
      // ≥ 0, so it is counted without an early exit (a branch on the day's market mispredicts often).
      let i = 0;
      for (let j = 0; j < segments; j++) i += Number(factors[j]! * miningUsdPerMWh > cost);
      const miningMW = prefixWidthMW[i]!;
      const factorMW = prefixFactorMW[i]!;
      const importMW = overheadMW + miningMW * miningPue + (contractMW + spotMW) * aiPue;
      const revenueUsdPerH =
        contractMW * (contractUsdPerMWh * contractIndex) -
        (siteContractMW - contractMW) * penaltyUsdPerMWh +
        factorMW * miningUsdPerMWh +
        spotMW * (spotUsdPerMWh * spotIndex);
      const energyUsdPerH = resale
        ? (ppaUsdPerMWh - priceUsdPerMWh) * ppaVolumeMW + priceUsdPerMWh * importMW
        : cost * importMW;
      const spotRuns = spotMW > 0;
      const restartUsd = spotRuns && !spotWasOn ? spotRestartCostUsd : 0;
      spotWasOn = spotRuns;
      yearUsd += (revenueUsdPerH - energyUsdPerH) * HOURS_PER_DAY - restartUsd;
    }
    flows[at + 1 + y]! += yearUsd;
  }
  k.spotWasOn = spotWasOn;
}

function settleThresholdWithRoom(k: StrategyKernel, m: PathMarket, flows: Float64Array, at: number): void {
  // Every constant in a local: V8 does not hoist field loads out of a loop.
  const s = k.site;
  const realTime = s.powerKind === POWER_REAL_TIME;
  const resale = s.powerKind === POWER_PPA_RESALE;
  const { adderUsdPerMWh, ppaUsdPerMWh, ppaVolumeMW, overheadMW, miningPue, aiPue, miningItMW } = s;
  const { contractUsdPerMWh, spotUsdPerMWh, spotMaxMW, spotRestartCostUsd } = s;
  const contractMW = s.contractMW;
  const seenAdderUsdPerMWh = realTime ? adderUsdPerMWh : 0;
  const band = s.hysteresisUsdPerMWh;
  const { fleetFactorMW, spotUsdPerFacilityMWhAtStart, fleetFactorPerPue } = k;
  const { priceUsdPerMWh: prices, miningUsdPerMWh: minings, spotIndex: spots, contractIndex: contracts } = m;
  let miningOn = k.miningOn;
  let spotOn = k.spotOn;
  let spotWasOn = k.spotWasOn;
  for (let y = 0; y < m.years; y++) {
    let yearUsd = 0;
    for (let d = y * DAYS_PER_YEAR, end = d + DAYS_PER_YEAR; d < end; d++) {
      const priceUsdPerMWh = prices[d]!;
      const miningUsdPerMWh = minings[d]!;
      const spotIndex = spots[d]!;
      const contractIndex = contracts[d]!;
      const spotUsdPerFacilityMWh = spotUsdPerFacilityMWhAtStart * spotIndex;
      const cost = realTime ? priceUsdPerMWh + adderUsdPerMWh : resale ? priceUsdPerMWh : ppaUsdPerMWh;
      const seen = priceUsdPerMWh + seenAdderUsdPerMWh;
      const miningEarns = miningUsdPerMWh * fleetFactorPerPue;
      if (miningOn && seen > miningEarns + band) miningOn = false;
      else if (!miningOn && seen < miningEarns - band) miningOn = true;
      if (spotOn && seen > spotUsdPerFacilityMWh + band) spotOn = false;
      else if (!spotOn && seen < spotUsdPerFacilityMWh - band) spotOn = true;
      const miningMW = miningOn ? miningItMW : 0;
      const spotMW = spotOn ? spotMaxMW : 0;
      const factorMW = miningMW > 0 ? fleetFactorMW : 0;
      const importMW = overheadMW + miningMW * miningPue + (contractMW + spotMW) * aiPue;
      // The contract always runs here, so it owes no shortfall penalty.
      const revenueUsdPerH =
        contractMW * (contractUsdPerMWh * contractIndex) +
        factorMW * miningUsdPerMWh +
        spotMW * (spotUsdPerMWh * spotIndex);
      const energyUsdPerH = resale
        ? (ppaUsdPerMWh - priceUsdPerMWh) * ppaVolumeMW + priceUsdPerMWh * importMW
        : cost * importMW;
      const spotRuns = spotMW > 0;
      const restartUsd = spotRuns && !spotWasOn ? spotRestartCostUsd : 0;
      spotWasOn = spotRuns;
      yearUsd += (revenueUsdPerH - energyUsdPerH) * HOURS_PER_DAY - restartUsd;
    }
    flows[at + 1 + y]! += yearUsd;
  }
  k.miningOn = miningOn;
  k.spotOn = spotOn;
  k.spotWasOn = spotWasOn;
}

/**
 * Everything runs every day: revenue and energy are linear in the day's price, mining rate and GPU indices, and
 * the spot restart cost falls on day 0 only (spot is off before the path starts and never stops).
 */
function settleLinear(k: StrategyKernel, m: PathMarket, flows: Float64Array, at: number): void {
  const s = k.site;
  const factorMW = s.miningItMW > 0 ? k.fleetFactorMW : 0;
  const importMW = s.overheadMW + s.miningItMW * s.miningPue + (s.contractMW + s.spotMaxMW) * s.aiPue;
  const contractUsdPerH = s.contractMW * s.contractUsdPerMWh;
  const spotUsdPerH = s.spotMaxMW * s.spotUsdPerMWh;
  // Energy per hour = fixed + perPrice × the day's price.
  let energyFixedUsdPerH: number;
  let energyPerPriceMW: number;
  if (s.powerKind === POWER_REAL_TIME) {
    energyFixedUsdPerH = s.adderUsdPerMWh * importMW;
    energyPerPriceMW = importMW;
  } else if (s.powerKind === POWER_PPA_RESALE) {
    energyFixedUsdPerH = s.ppaUsdPerMWh * s.ppaVolumeMW;
    energyPerPriceMW = importMW - s.ppaVolumeMW;
  } else {
    energyFixedUsdPerH = s.ppaUsdPerMWh * importMW;
    energyPerPriceMW = 0;
  }
  for (let y = 0; y < m.years; y++) {
    const revenueUsdH =
      contractUsdPerH * m.yearContractIndex[y]! +
      factorMW * m.yearMiningUsdPerMWh[y]! +
      spotUsdPerH * m.yearSpotIndex[y]!;
    const energyUsdH = energyFixedUsdPerH * DAYS_PER_YEAR + energyPerPriceMW * m.yearPriceUsdPerMWh[y]!;
    const restartUsd = y === 0 && s.spotMaxMW > 0 ? s.spotRestartCostUsd : 0;
    flows[at + 1 + y]! += (revenueUsdH - energyUsdH) * HOURS_PER_DAY - restartUsd;
  }
}
