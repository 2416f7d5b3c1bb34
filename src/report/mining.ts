/**
 * @module report/mining
 * What one MW of mining IT capacity earns and costs per day at a given hashprice and power price.
 */
import { miningRevenueUsd } from '../economics/bitcoin/hashprice.ts';
import type { AsicModel } from '../economics/hardware/asic-schema.ts';
import { asicEfficiencyJPerTh } from '../economics/hardware/asics.ts';
import { HOURS_PER_DAY, mwToW } from '../units/index.ts';

export interface FleetShare {
  readonly model: AsicModel;
  /** Share of the mining IT power on this model (shares add up to 1). */
  readonly share: number;
}

export interface MiningTerms {
  readonly pue: number;
  readonly poolFeeFraction: number;
  readonly uptimeFraction: number;
  readonly staleRejectFraction: number;
}

export interface MiningPerMW {
  readonly fleet: readonly {
    id: string;
    share: number;
    units: number;
    hashrateThs: number;
    efficiencyJPerTh: number;
  }[];
  readonly hashrateThs: number;
  /** Fleet J/TH: total power ÷ total hashrate. */
  readonly efficiencyJPerTh: number;
  readonly itEnergyMWhPerDay: number;
  readonly facilityEnergyMWhPerDay: number;
  /** After uptime, stales and pool fee. */
  readonly revenueUsdPerDay: number;
  readonly energyCostUsdPerDay: number;
  readonly marginUsdPerDay: number;
  /** Net revenue per facility MWh: the power price at which margin is zero. */
  readonly breakEvenUsdPerMWh: number;
  /** Fleet purchase cost where every model has a quoted price (midpoint of the quote). */
  readonly hardwareCapexUsd: number | undefined;
  readonly unpricedModels: readonly string[];
}

const ONE_MW_IN_W = mwToW(1);

/** Per MW of IT capacity: a machine that is down draws nothing, so uptime scales energy as well as revenue. */
export function miningPerItMW({
  fleet,
  hashpriceUsdPerPhDay,
  priceUsdPerMWh,
  terms,
}: {
  fleet: readonly FleetShare[];
  hashpriceUsdPerPhDay: number;
  priceUsdPerMWh: number;
  terms: MiningTerms;
}): MiningPerMW {
  const rows = fleet.map(({ model, share }) => {
    const units = (share * ONE_MW_IN_W) / model.powerW;
    return {
      id: model.id,
      share,
      units,
      hashrateThs: units * model.hashrateThs,
      efficiencyJPerTh: asicEfficiencyJPerTh(model),
    };
  });
  const hashrateThs = rows.reduce((s, r) => s + r.hashrateThs, 0);
  const itEnergyMWhPerDay = HOURS_PER_DAY * terms.uptimeFraction;
  const facilityEnergyMWhPerDay = itEnergyMWhPerDay * terms.pue;
  const revenueUsdPerDay = miningRevenueUsd({
    hashrateThs,
    hashpriceUsdPerPhDay,
    durationH: HOURS_PER_DAY,
    poolFeeFraction: terms.poolFeeFraction,
    uptimeFraction: terms.uptimeFraction,
    staleRejectFraction: terms.staleRejectFraction,
  });
  const energyCostUsdPerDay = facilityEnergyMWhPerDay * priceUsdPerMWh;
  const unpricedModels = fleet.filter((f) => f.model.price === undefined).map((f) => f.model.id);
  const hardwareCapexUsd =
    unpricedModels.length > 0
      ? undefined
      : fleet.reduce((sum, { model, share }) => {
          const price = model.price!;
          return sum + ((share * ONE_MW_IN_W) / model.powerW) * ((price.lowUsd + price.highUsd) / 2);
        }, 0);
  return {
    fleet: rows,
    hashrateThs,
    efficiencyJPerTh: ONE_MW_IN_W / hashrateThs,
    itEnergyMWhPerDay,
    facilityEnergyMWhPerDay,
    revenueUsdPerDay,
    energyCostUsdPerDay,
    marginUsdPerDay: revenueUsdPerDay - energyCostUsdPerDay,
    breakEvenUsdPerMWh: facilityEnergyMWhPerDay > 0 ? revenueUsdPerDay / facilityEnergyMWhPerDay : 0,
    hardwareCapexUsd,
    unpricedModels,
  };
}
