/**
 * @module strategies/rules
 * The rule strategies fleet managers use today: run everything, or curtail on a price threshold with
 * hysteresis. They see only the current interval's observed price and never look ahead.
 */
import type { Dispatch, PlannerSite, PlannerState, PlanningWindow } from '../planner/problem.ts';
import type { Strategy, StrategyDecision } from './types.ts';

interface Want {
  readonly miningMW: number;
  readonly spotMW: number;
}

export const miningCapacityMW = (site: PlannerSite): number =>
  site.mining.segments.reduce((s, g) => s + g.widthMW, 0);

/** Mean revenue factor of the whole fleet at full power: what one MWh earns on average when all run. */
export function fleetRevenueFactor(site: PlannerSite): number {
  const capacity = miningCapacityMW(site);
  return capacity > 0
    ? site.mining.segments.reduce((s, g) => s + g.widthMW * g.revenueFactor, 0) / capacity
    : 0;
}

/**
 * Builds a dispatch from what a rule wants per interval, honouring the import limit: the contract is served
 * first (it is billed anyway and penalised if short), then mining and spot AI by revenue per facility MWh.
 */
export function ruleDispatch(
  site: PlannerSite,
  window: PlanningWindow,
  state: PlannerState,
  want: (t: number) => Want,
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
  for (let t = 0; t < n; t++) {
    let roomMW = Math.max(0, site.importLimitMW - site.overheadMW);
    const contract = Math.min(site.ai.contractedMW, roomMW / site.aiPue);
    roomMW -= contract * site.aiPue;
    const { miningMW, spotMW } = want(t);
    const miningFirst =
      (window.miningUsdPerMWh[t]! * factor) / site.miningPue >= window.aiSpotUsdPerMWh[t]! / site.aiPue;
    const take = (wanted: number, pue: number): number => {
      const got = Math.max(0, Math.min(wanted, roomMW / pue));
      roomMW -= got * pue;
      return got;
    };
    const [mining, spot] = miningFirst
      ? [take(miningMW, site.miningPue), take(spotMW, site.aiPue)]
      : ((s) => [take(miningMW, site.miningPue), s])(take(spotMW, site.aiPue));
    d.miningMW[t] = mining;
    d.aiContractMW[t] = contract;
    d.aiSpotMW[t] = spot;
    d.importMW[t] = site.overheadMW + mining * site.miningPue + (contract + spot) * site.aiPue;
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
      decided(ruleDispatch(site, window, state, () => ({ miningMW: mining, spotMW: site.ai.spotMaxMW }))),
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
      const dispatch = ruleDispatch(site, window, state, (t) => {
        const priceUsdPerMWh = window.priceUsdPerMWh[t]! + adder;
        const miningEarns = (window.miningUsdPerMWh[t]! * factor) / site.miningPue;
        const spotEarns = window.aiSpotUsdPerMWh[t]! / site.aiPue;
        if (miningOn && priceUsdPerMWh > miningEarns + hysteresisUsdPerMWh) miningOn = false;
        else if (!miningOn && priceUsdPerMWh < miningEarns - hysteresisUsdPerMWh) miningOn = true;
        if (spotOn && priceUsdPerMWh > spotEarns + hysteresisUsdPerMWh) spotOn = false;
        else if (!spotOn && priceUsdPerMWh < spotEarns - hysteresisUsdPerMWh) spotOn = true;
        return { miningMW: miningOn ? capacity : 0, spotMW: spotOn ? site.ai.spotMaxMW : 0 };
      });
      return decided(dispatch);
    },
  };
}
