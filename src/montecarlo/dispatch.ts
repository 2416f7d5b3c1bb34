/**
 * @module montecarlo/dispatch
 * One day of one strategy, allocation-free: what runs (IT MW per workload) and what the day earned. Three rules:
 * - always on: the build runs in full, the contract served first, then mining and spot by earnings per facility
 *   MWh (strategies/rules.ts `ruleDispatch` at daily granularity);
 * - price threshold: each workload curtails when the day's price beats its earnings plus a band and resumes below
 *   earnings minus the band (rules.ts `priceThreshold` on daily means);
 * - greedy (hybrid): fill the import room by net value per facility MWh (contract: its bill plus the penalty it
 *   avoids, since only delivered hours are billed (planner/model/objective.ts); mining
 *   by segment; spot), best first, skipping anything that loses money. With one interval, one shared limit and
 *   box bounds this is the fractional knapsack, so it equals the planner's LP optimum (dispatch.test.ts).
 * Energy is priced as the planner prices it (planner/model/energy-cost.ts); 4CP and the battery are intraday
 * levers and are left out at daily granularity. Day inputs travel in fields, not arguments: a double passed to
 * or returned from a call V8 does not inline is boxed on the heap (see draws.ts).
 */
import { type DaySite, POWER_PPA_RESALE, POWER_REAL_TIME, RULE_GREEDY, RULE_THRESHOLD } from './inputs.ts';

const HOURS_PER_DAY = 24;

/** The day's market as the strategies see it. */
export class DayMarket {
  priceUsdPerMWh = 0;
  /** Net mining revenue per IT MWh at nameplate efficiency. */
  miningUsdPerMWh = 0;
  /** Multipliers on each site's start contract and spot rates (GPU rental index; 1 while the contract holds). */
  contractIndex = 1;
  spotIndex = 1;
}

export class DayOutcome {
  miningMW = 0;
  contractMW = 0;
  spotMW = 0;
  importMW = 0;
  valueUsd = 0;
}

/** Marginal cost of one more facility MWh (energy-cost.ts without 4CP). */
export function importCostUsdPerMWh(site: DaySite, priceUsdPerMWh: number): number {
  if (site.powerKind === POWER_REAL_TIME) return priceUsdPerMWh + site.adderUsdPerMWh;
  return site.powerKind === POWER_PPA_RESALE ? priceUsdPerMWh : site.ppaUsdPerMWh;
}

/**
 * One strategy's daily decision and settlement, with what never changes precomputed: when the whole build fits
 * the import room, no rule needs an allocation loop. Carries the rule's state (on/off with hysteresis, spot on
 * yesterday) from day to day within a path.
 */
export class StrategyKernel {
  miningOn = false;
  spotOn = false;
  spotWasOn = false;
  // Today's rates, set at the start of `day` and read by the helpers.
  private priceUsdPerMWh = 0;
  private costUsdPerMWh = 0;
  private miningUsdPerMWh = 0;
  private spotUsdPerMWh = 0;
  /** Today's spot revenue per facility MWh (÷ AI PUE), what spot is weighed by against energy and mining. */
  private spotUsdPerFacilityMWh = 0;
  /** Today's value of delivering one contract MWh per facility MWh: its bill plus the penalty it avoids. */
  private contractValueUsdPerFacilityMWh = 0;
  private miningWantMW = 0;
  private spotWantMW = 0;
  private factorMW = 0;
  /** The whole build fits the import room: no rule needs an allocation loop (and always-on is linear, settle.ts). */
  readonly fitsAll: boolean;
  // Read-only constants, shared with the whole-path loops of settle.ts.
  /** Prefix sums over the segments (best first): width and width × revenue factor of the first k. */
  readonly prefixWidthMW: Float64Array;
  readonly prefixFactorMW: Float64Array;
  // Rates per facility MWh that do not change within a run, so a day divides by no PUE.
  readonly penaltyUsdPerFacilityMWh: number;
  readonly contractUsdPerFacilityMWhAtStart: number;
  readonly spotUsdPerFacilityMWhAtStart: number;
  /** Fleet and segment revenue factors ÷ mining PUE: × the day's mining rate gives earnings per facility MWh. */
  readonly fleetFactorPerPue: number;
  readonly segmentFactorPerPue: Float64Array;

  constructor(readonly site: DaySite) {
    const allMW = site.miningItMW * site.miningPue + (site.contractMW + site.spotMaxMW) * site.aiPue;
    this.fitsAll = allMW <= site.roomMW;
    const k = site.segmentWidthMW.length;
    this.prefixWidthMW = new Float64Array(k + 1);
    this.prefixFactorMW = new Float64Array(k + 1);
    for (let i = 0; i < k; i++) {
      this.prefixWidthMW[i + 1] = this.prefixWidthMW[i]! + site.segmentWidthMW[i]!;
      this.prefixFactorMW[i + 1] = this.prefixFactorMW[i]! + site.segmentWidthMW[i]! * site.segmentFactor[i]!;
    }
    this.penaltyUsdPerFacilityMWh = site.penaltyUsdPerMWh / site.aiPue;
    this.contractUsdPerFacilityMWhAtStart = site.contractUsdPerMWh / site.aiPue;
    this.spotUsdPerFacilityMWhAtStart = site.spotUsdPerMWh / site.aiPue;
    this.fleetFactorPerPue = site.fleetFactor / site.miningPue;
    this.segmentFactorPerPue = site.segmentFactor.map((f) => f / site.miningPue);
  }

  /** Mining revenue factor × MW of the whole fleet at full power. */
  get fleetFactorMW(): number {
    return this.prefixFactorMW[this.prefixFactorMW.length - 1]!;
  }

  reset(): void {
    this.miningOn = this.site.miningItMW === 0;
    this.spotOn = false;
    this.spotWasOn = false;
  }

  /** Decide and settle one day; revenue rates are per IT MWh, prices the day's mean in $/MWh. */
  day(market: DayMarket, out: DayOutcome): void {
    const site = this.site;
    const priceUsdPerMWh = market.priceUsdPerMWh;
    const contractUsdPerMWh = site.contractUsdPerMWh * market.contractIndex;
    this.miningUsdPerMWh = market.miningUsdPerMWh;
    this.spotUsdPerMWh = site.spotUsdPerMWh * market.spotIndex;
    this.spotUsdPerFacilityMWh = this.spotUsdPerFacilityMWhAtStart * market.spotIndex;
    this.contractValueUsdPerFacilityMWh =
      this.contractUsdPerFacilityMWhAtStart * market.contractIndex + this.penaltyUsdPerFacilityMWh;
    const cost = importCostUsdPerMWh(site, priceUsdPerMWh);
    this.costUsdPerMWh = cost;
    this.priceUsdPerMWh = priceUsdPerMWh;
    if (site.rule === RULE_GREEDY) {
      if (this.fitsAll) this.greedyWithRoom(out);
      else this.greedy(out);
    } else {
      this.miningWantMW = site.miningItMW;
      this.spotWantMW = site.spotMaxMW;
      if (site.rule === RULE_THRESHOLD) this.updateThresholds();
      if (this.fitsAll) {
        out.contractMW = site.contractMW;
        out.miningMW = this.miningWantMW;
        out.spotMW = this.spotWantMW;
        this.factorMW = this.miningWantMW > 0 ? this.prefixFactorMW[this.prefixFactorMW.length - 1]! : 0;
      } else {
        this.ruleFill(out);
      }
    }
    out.importMW =
      site.overheadMW + out.miningMW * site.miningPue + (out.contractMW + out.spotMW) * site.aiPue;
    const revenueUsdPerH =
      out.contractMW * contractUsdPerMWh -
      (site.contractMW - out.contractMW) * site.penaltyUsdPerMWh +
      this.factorMW * this.miningUsdPerMWh +
      out.spotMW * this.spotUsdPerMWh;
    const energyUsdPerH =
      site.powerKind === POWER_PPA_RESALE
        ? (site.ppaUsdPerMWh - priceUsdPerMWh) * site.ppaVolumeMW + priceUsdPerMWh * out.importMW
        : cost * out.importMW;
    const spotOn = out.spotMW > 0;
    const restartUsd = spotOn && !this.spotWasOn ? site.spotRestartCostUsd : 0;
    this.spotWasOn = spotOn;
    out.valueUsd = (revenueUsdPerH - energyUsdPerH) * HOURS_PER_DAY - restartUsd;
  }

  /** Mining revenue factor × MW when `miningMW` fills the segments best first, into `factorMW`. */
  private setFactorFor(miningMW: number): void {
    // Called once per day only when the room binds; the boxed argument is rare.
    const widths = this.site.segmentWidthMW;
    let k = 0;
    while (k < widths.length && this.prefixWidthMW[k + 1]! <= miningMW) k++;
    const partial = k < widths.length ? (miningMW - this.prefixWidthMW[k]!) * this.site.segmentFactor[k]! : 0;
    this.factorMW = this.prefixFactorMW[k]! + partial;
  }

  /** Room for everything: take each workload that earns more than its energy, the best segments first. */
  private greedyWithRoom(out: DayOutcome): void {
    const site = this.site;
    const cost = this.costUsdPerMWh;
    out.contractMW = this.contractValueUsdPerFacilityMWh > cost ? site.contractMW : 0;
    out.spotMW = this.spotUsdPerFacilityMWh > cost ? site.spotMaxMW : 0;
    const factors = this.segmentFactorPerPue;
    const m = this.miningUsdPerMWh;
    let k = 0;
    while (k < factors.length && factors[k]! * m > cost) k++;
    out.miningMW = this.prefixWidthMW[k]!;
    this.factorMW = this.prefixFactorMW[k]!;
  }

  /** The fractional knapsack: best net value per facility MWh first, until the room or the value runs out. */
  private greedy(out: DayOutcome): void {
    const site = this.site;
    const cost = this.costUsdPerMWh;
    const m = this.miningUsdPerMWh;
    let roomMW = site.roomMW;
    const contractValue = this.contractValueUsdPerFacilityMWh - cost;
    const spotValue = this.spotUsdPerFacilityMWh - cost;
    let contractDone = site.contractMW <= 0;
    let spotDone = site.spotMaxMW <= 0;
    let k = 0;
    const segments = site.segmentWidthMW.length;
    out.miningMW = 0;
    out.contractMW = 0;
    out.spotMW = 0;
    this.factorMW = 0;
    while (roomMW > 0) {
      const segmentValue = k < segments ? this.segmentFactorPerPue[k]! * m - cost : -Infinity;
      const best = Math.max(
        contractDone ? -Infinity : contractValue,
        spotDone ? -Infinity : spotValue,
        segmentValue,
      );
      if (!(best > 0)) break;
      if (!contractDone && contractValue === best) {
        out.contractMW = Math.min(site.contractMW, roomMW / site.aiPue);
        roomMW -= out.contractMW * site.aiPue;
        contractDone = true;
      } else if (!spotDone && spotValue === best) {
        out.spotMW = Math.min(site.spotMaxMW, roomMW / site.aiPue);
        roomMW -= out.spotMW * site.aiPue;
        spotDone = true;
      } else {
        const take = Math.min(site.segmentWidthMW[k]!, roomMW / site.miningPue);
        out.miningMW += take;
        this.factorMW += take * site.segmentFactor[k]!;
        roomMW -= take * site.miningPue;
        k++;
      }
    }
  }

  /** Contract first, then mining and spot in order of earnings per facility MWh, each up to what the rule wants. */
  private ruleFill(out: DayOutcome): void {
    const site = this.site;
    let roomMW = site.roomMW;
    out.contractMW = Math.min(site.contractMW, roomMW / site.aiPue);
    roomMW -= out.contractMW * site.aiPue;
    const miningFirst = this.miningUsdPerMWh * this.fleetFactorPerPue >= this.spotUsdPerFacilityMWh;
    if (miningFirst) {
      out.miningMW = Math.max(0, Math.min(this.miningWantMW, roomMW / site.miningPue));
      roomMW -= out.miningMW * site.miningPue;
      out.spotMW = Math.max(0, Math.min(this.spotWantMW, roomMW / site.aiPue));
    } else {
      out.spotMW = Math.max(0, Math.min(this.spotWantMW, roomMW / site.aiPue));
      roomMW -= out.spotMW * site.aiPue;
      out.miningMW = Math.max(0, Math.min(this.miningWantMW, roomMW / site.miningPue));
    }
    this.setFactorFor(out.miningMW);
  }

  /** Curtail above earnings + band, resume below earnings − band (rules.ts `priceThreshold`). */
  private updateThresholds(): void {
    const site = this.site;
    const seen = this.priceUsdPerMWh + (site.powerKind === POWER_REAL_TIME ? site.adderUsdPerMWh : 0);
    const band = site.hysteresisUsdPerMWh;
    const miningEarns = this.miningUsdPerMWh * this.fleetFactorPerPue;
    const spotEarns = this.spotUsdPerFacilityMWh;
    if (this.miningOn && seen > miningEarns + band) this.miningOn = false;
    else if (!this.miningOn && seen < miningEarns - band) this.miningOn = true;
    if (this.spotOn && seen > spotEarns + band) this.spotOn = false;
    else if (!this.spotOn && seen < spotEarns - band) this.spotOn = true;
    this.miningWantMW = this.miningOn ? site.miningItMW : 0;
    this.spotWantMW = this.spotOn ? site.spotMaxMW : 0;
  }
}
