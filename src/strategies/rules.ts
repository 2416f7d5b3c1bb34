/**
 * @module strategies/rules
 * The rule strategies fleet managers use today: run everything, or curtail on a price threshold with
 * hysteresis. They see only the current interval's observed price and never look ahead.
 */

import { miningCapacityMW } from '../planner/model/mining.ts';
import type { Dispatch, PlannerSite, PlannerState, PlanningWindow } from '../planner/problem.ts';
import type { Strategy, StrategyDecision } from './types.ts';

/** Mean revenue factor of the whole fleet at full power: what one MWh earns on average when all run. */
export function fleetRevenueFactor(site: PlannerSite): number {
  const capacity = miningCapacityMW(site);
  return capacity > 0
    ? site.mining.segments.reduce((s, g) => s + g.widthMW * g.revenueFactor, 0) / capacity
    : 0;
}

/**
 * Builds a dispatch from what a rule wants per interval, honouring the import limit: the contract is served
 * first (a shortfall loses the bill and pays the penalty), then mining and spot AI by revenue per facility MWh.
 * `wantMiningMW` and `wantSpotMW` are called once per interval, mining first.
 */
export function ruleDispatch(
  site: PlannerSite,
  window: PlanningWindow,
  state: PlannerState,
  wantMiningMW: (t: number) => number,
  wantSpotMW: (t: number) => number,
): Dispatch {
  const n = window.priceUsdPerMWh.length;
  const d = {
    miningMW: new Float64Array(n),
    aiContractMW: new Float64Array(n),
    aiSpotMW: new Float64Array(n),
    batteryChargeMW: new Float64Array(n),
    batteryDischargeMW: new Float64Array(n),
    batteryEnergyMWh: new Float64Array(n).fill(state.batteryEnergyMWh),
    importMW: new Float64Array(n),
  };
  const factor = fleetRevenueFactor(site);
  const { miningPue, aiPue } = site;
  for (let t = 0; t < n; t++) {
    let roomMW = Math.max(0, site.importLimitMW - site.overheadMW);
    const contract = Math.min(site.ai.contractedMW, roomMW / aiPue);
    roomMW -= contract * aiPue;
    const wantedMining = wantMiningMW(t);
    const wantedSpot = wantSpotMW(t);
    let mining: number;
    let spot: number;
    if ((window.miningUsdPerMWh[t]! * factor) / miningPue >= window.aiSpotUsdPerMWh[t]! / aiPue) {
      mining = Math.max(0, Math.min(wantedMining, roomMW / miningPue));
      spot = Math.max(0, Math.min(wantedSpot, (roomMW - mining * miningPue) / aiPue));
    } else {
      spot = Math.max(0, Math.min(wantedSpot, roomMW / aiPue));
      mining = Math.max(0, Math.min(wantedMining, (roomMW - spot * aiPue) / miningPue));
    }
    d.miningMW[t] = mining;
    d.aiContractMW[t] = contract;
    d.aiSpotMW[t] = spot;
    d.importMW[t] = site.overheadMW + mining * miningPue + (contract + spot) * aiPue;
  }
  return d;
}

const decided = (dispatch: Dispatch): StrategyDecision => ({ dispatch, status: 'optimal' });

/** Everything installed runs all the time (mining-only, AI-only and static split are this rule on different sites). */
export function alwaysOn(name: string, site: PlannerSite): Strategy {
  const mining = miningCapacityMW(site);
  return {
    name,
    lookaheadIntervals: 24,
    forecast: 'perfect',
    site,
    decide: (window, state) =>
      decided(
        ruleDispatch(
          site,
          window,
          state,
          () => mining,
          () => site.ai.spotMaxMW,
        ),
      ),
  };
}

/**
 * Curtail a workload when power costs more than it earns per facility MWh plus a band, resume when it falls
 * below earnings minus the band: the strike-price automation of Foreman and Awesome Miner, with hysteresis
 * against flapping. State carries over between windows through the previous dispatch.
 */
export function priceThreshold(site: PlannerSite, hysteresisUsdPerMWh: number): Strategy {
  const capacity = miningCapacityMW(site);
  const factor = fleetRevenueFactor(site);
  return {
    name: 'price-threshold',
    lookaheadIntervals: 24,
    forecast: 'perfect',
    site,
    decide: (window, state) => {
      let miningOn = state.miningMW > 0 || capacity === 0;
      let spotOn = state.spotOn;
      const adder = site.power.kind === 'real-time' ? site.power.adderUsdPerMWh : 0;
      const wantMining = (t: number): number => {
        const priceUsdPerMWh = window.priceUsdPerMWh[t]! + adder;
        const miningEarns = (window.miningUsdPerMWh[t]! * factor) / site.miningPue;
        if (miningOn && priceUsdPerMWh > miningEarns + hysteresisUsdPerMWh) miningOn = false;
        else if (!miningOn && priceUsdPerMWh < miningEarns - hysteresisUsdPerMWh) miningOn = true;
        return miningOn ? capacity : 0;
      };
      const wantSpot = (t: number): number => {
        const priceUsdPerMWh = window.priceUsdPerMWh[t]! + adder;
        const spotEarns = window.aiSpotUsdPerMWh[t]! / site.aiPue;
        if (spotOn && priceUsdPerMWh > spotEarns + hysteresisUsdPerMWh) spotOn = false;
        else if (!spotOn && priceUsdPerMWh < spotEarns - hysteresisUsdPerMWh) spotOn = true;
        return spotOn ? site.ai.spotMaxMW : 0;
      };
      const dispatch = ruleDispatch(site, window, state, wantMining, wantSpot);
      return decided(dispatch);
    },
  };
}
