/**
 * @module strategies/resolve-site
 * A site file turned into the planner's numbers: capacities, PUEs, contract rates per MWh and the mining
 * fleet as concave revenue segments built from each model's power-target curve.
 */
import type { Operations } from '../config/operations.ts';
import type { Site } from '../config/site.ts';
import { asicEfficiencyJPerTh, findAsic } from '../economics/hardware/asics.ts';
import { findAiServer } from '../economics/hardware/gpus.ts';
import { asicPowerCurve } from '../economics/hardware/power-curve.ts';
import { ConfigError } from '../errors.ts';
import type { MiningSegment, PlannerSite } from '../planner/problem.ts';
import { mwToW } from '../units/index.ts';

const CURVE_STEPS = 3;

export interface ResolvedSite {
  readonly planner: PlannerSite;
  readonly operations: Operations;
  /** The fleet's segments for 1 MW of IT capacity, to rebuild the site around mining alone. */
  readonly miningSegmentsPerMW: readonly MiningSegment[];
  /** Fleet nameplate: total power ÷ total hash rate. */
  readonly fleetJPerTh: number;
  /** GPUs served per MW of AI IT power actually drawn (servers at their operating load factor). */
  readonly gpusPerDrawnMW: number;
  readonly spot: { readonly priceUsdPerGpuHour: number; readonly utilization: number };
  /**
   * What an all-AI build earns per MWh drawn: the site's market terms (`ai.pricing` price × utilization), not
   * the contract's, because a contract sized for part of the site says nothing about demand for all of it.
   */
  readonly aiOnlyUsdPerMWh: number;
  readonly poolFeeFraction: number;
  readonly staleRejectFraction: number;
}

/**
 * Per model: running every machine at the firmware floor first (the most TH per W), then raising power
 * target step by step; models are merged by falling revenue per MWh so the whole fleet stays concave.
 */
export function miningSegments(
  site: Site,
  itMW: number,
  minPowerFraction: number,
): { segments: MiningSegment[]; fleetJPerTh: number } {
  const models = site.mining.fleet.map((f) => ({ model: findAsic(f.model), capacityMW: f.share * itMW }));
  const totalThs = models.reduce(
    (s, m) => s + (mwToW(m.capacityMW) / m.model.powerW) * m.model.hashrateThs,
    0,
  );
  const fleetJPerTh = totalThs > 0 ? mwToW(itMW) / totalThs : asicEfficiencyJPerTh(models[0]!.model);
  const segments: MiningSegment[] = [];
  for (const { model, capacityMW } of models) {
    if (capacityMW <= 0) continue;
    // Three points per model (floor, midway, nameplate) keep the LP small; the curve between is nearly straight.
    const curve = asicPowerCurve(model, { params: { minPowerFraction }, steps: CURVE_STEPS });
    const relative = fleetJPerTh / asicEfficiencyJPerTh(model);
    let previous = { powerFraction: 0, hashrateThs: 0 };
    for (const point of curve) {
      const widthFraction = point.powerFraction - previous.powerFraction;
      const thsPerFraction = (point.hashrateThs - previous.hashrateThs) / widthFraction / model.hashrateThs;
      // Machines down for repairs neither draw nor earn: uptime shrinks the capacity the planner can use.
      segments.push({
        widthMW: capacityMW * widthFraction * site.mining.uptimeFraction,
        revenueFactor: thsPerFraction * relative,
      });
      previous = point;
    }
  }
  segments.sort((a, b) => b.revenueFactor - a.revenueFactor);
  return { segments, fleetJPerTh };
}

/**
 * Without an explicit ramp, the mining fleet can move as far in an hour as its slowest lever allows: a power-target
 * change settles in `miningPowerTargetS`, so an hour holds 3600 / that many full swings (at least one). At hourly
 * planning steps no lever of today's firmware binds; the latencies matter to the controller's sub-hour cycle.
 */
function leverRampMWPerHour(operations: Operations, miningItMW: number): number {
  const { miningPowerTargetS, miningSleepS } = operations.levers;
  const slowestS = Math.max(miningPowerTargetS, miningSleepS);
  return miningItMW * Math.min(1, 3600 / slowestS);
}

/** Installed mining IT MW: stated in operations, or the machine counts of mining.fleet; both must agree. */
function miningItMW(site: Site, operations: Operations): number {
  const stated = operations.mining.itMW;
  const counted = site.mining.installedItMW;
  if (
    stated !== undefined &&
    counted !== undefined &&
    Math.abs(stated - counted) > 1e-6 * Math.max(1, counted)
  ) {
    throw new ConfigError([
      {
        field: 'operations.mining.itMW',
        problem: `disagrees with the ${counted.toFixed(3)} MW the machine counts in mining.fleet add up to`,
        value: stated,
        fix: 'remove operations.mining.itMW or make it match the fleet',
      },
    ]);
  }
  const itMW = stated ?? counted;
  if (itMW === undefined) {
    throw new ConfigError([
      {
        field: 'operations.mining.itMW',
        problem: 'is missing',
        fix: 'give the installed mining IT MW, or machine counts in mining.fleet',
      },
    ]);
  }
  return itMW;
}

/** $/GPU-hour an AI hall earns at market utilization: the site's rental price, else the contract price. */
function marketAiUsdPerGpuHour(site: Site, contractUsdPerGpuHour: number | undefined): number {
  const pricing = site.ai.pricing;
  const price =
    pricing.kind === 'rental' ? (pricing.priceUsdPerGpuHour ?? contractUsdPerGpuHour) : contractUsdPerGpuHour;
  return (price ?? 0) * pricing.utilization;
}

export function resolveSite(site: Site): ResolvedSite {
  const operations = site.operations;
  if (operations === undefined) {
    throw new ConfigError([
      {
        field: 'operations',
        problem: 'is missing',
        fix: 'add an operations section (see examples/site-20mw.yaml)',
      },
    ]);
  }
  const server = findAiServer(site.ai.server);
  const gpusPerDrawnMW = (server.gpuCount * 1e6) / (server.serverPowerW * site.ai.serverLoadFactor);
  const installedMiningMW = miningItMW(site, operations);
  const { segments, fleetJPerTh } = miningSegments(
    site,
    installedMiningMW,
    operations.mining.minPowerFraction,
  );
  const contract = operations.ai.contract;
  const spot = operations.ai.spot;
  const purchase = operations.purchase;
  const fourCp = operations.fourCp;
  const planner: PlannerSite = {
    importLimitMW: operations.grid.importLimitMW,
    overheadMW: operations.grid.overheadMW,
    miningPue: site.mining.pue,
    aiPue: site.ai.pue,
    mining: {
      segments,
      rampMWPerInterval: operations.mining.rampMWPerHour ?? leverRampMWPerHour(operations, installedMiningMW),
    },
    ai: {
      contractedMW: contract?.itMW ?? 0,
      contractUsdPerMWh: (contract?.priceUsdPerGpuHour ?? 0) * gpusPerDrawnMW,
      shortfallPenaltyUsdPerMWh: (contract?.penaltyUsdPerGpuHour ?? 0) * gpusPerDrawnMW,
      spotMaxMW: spot?.itMW ?? 0,
      spotMinOnIntervals: spot?.minOnHours ?? 1,
      spotRestartCostUsd: spot?.restartCostUsd ?? 0,
      spotMinLoadMW: (spot?.itMW ?? 0) * (spot?.minLoadFraction ?? 0),
    },
    power:
      purchase.kind === 'ppa'
        ? {
            kind: 'ppa',
            priceUsdPerMWh: purchase.priceUsdPerMWh,
            volumeMW: purchase.volumeMW,
            resale: purchase.resale,
          }
        : { kind: 'real-time', adderUsdPerMWh: purchase.adderUsdPerMWh },
    // The tag is a quarter of the sum of four monthly peaks, each equally likely in any of the month's risk hours.
    fourCpChargeUsdPerMWh: fourCp ? (fourCp.chargeUsdPerKWYear * 1000 * 0.25) / fourCp.riskHoursPerMonth : 0,
    fourCpTagUsdPerMW: fourCp ? fourCp.chargeUsdPerKWYear * 1000 * 0.25 : 0,
    ...(operations.demandResponse
      ? {
          demandResponse: {
            baselineMW: operations.demandResponse.baselineMW,
            paymentUsdPerMWh: operations.demandResponse.paymentUsdPerMWh,
          },
        }
      : {}),
    ...(operations.battery
      ? { battery: { ...operations.battery, initialEnergyMWh: operations.battery.energyMWh / 2 } }
      : {}),
  };
  return {
    planner,
    operations,
    miningSegmentsPerMW: miningSegments(site, 1, operations.mining.minPowerFraction).segments,
    fleetJPerTh,
    gpusPerDrawnMW,
    spot: { priceUsdPerGpuHour: spot?.priceUsdPerGpuHour ?? 0, utilization: spot?.utilization ?? 1 },
    aiOnlyUsdPerMWh: marketAiUsdPerGpuHour(site, contract?.priceUsdPerGpuHour) * gpusPerDrawnMW,
    poolFeeFraction: site.mining.poolFeeFraction,
    staleRejectFraction: site.mining.staleRejectFraction,
  };
}
