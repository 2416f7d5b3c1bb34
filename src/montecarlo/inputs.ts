/**
 * @module montecarlo/inputs
 * Everything one path needs, as plain numbers and typed arrays: built once on the main thread, copied to each
 * worker (structured clone), never written during a run. Units in every name; rates per year unless per day.
 */

export const MC_STRATEGIES = ['mining-only', 'ai-only', 'static-split', 'price-threshold', 'hybrid'] as const;
export type McStrategyName = (typeof MC_STRATEGIES)[number];

/** How a strategy decides a day: run what is installed, curtail on a price threshold, or greedy by value. */
export const RULE_ALWAYS_ON = 0;
export const RULE_THRESHOLD = 1;
export const RULE_GREEDY = 2;

export const POWER_REAL_TIME = 0;
export const POWER_PPA_RESALE = 1;
export const POWER_PPA_NO_RESALE = 2;

/** One strategy's build and rule, flattened for the daily loop (IT MW unless named facility). */
export interface DaySite {
  readonly name: McStrategyName;
  readonly rule: number;
  /** Import limit minus overhead: facility MW the workloads may share. */
  readonly roomMW: number;
  readonly overheadMW: number;
  readonly miningPue: number;
  readonly aiPue: number;
  /** Mining segments by falling revenue factor (resolve-site.ts), one width and factor each. */
  readonly segmentWidthMW: Float64Array;
  readonly segmentFactor: Float64Array;
  readonly miningItMW: number;
  /** Mean revenue factor of the whole fleet at full power. */
  readonly fleetFactor: number;
  readonly contractMW: number;
  /** Contract billing per IT MWh at the start (price × GPUs per drawn MW); re-priced after the contract term. */
  readonly contractUsdPerMWh: number;
  readonly penaltyUsdPerMWh: number;
  readonly spotMaxMW: number;
  /** Spot revenue per IT MWh at the start (price × utilisation × GPUs per drawn MW). */
  readonly spotUsdPerMWh: number;
  readonly spotRestartCostUsd: number;
  readonly powerKind: number;
  readonly adderUsdPerMWh: number;
  readonly ppaUsdPerMWh: number;
  readonly ppaVolumeMW: number;
  readonly hysteresisUsdPerMWh: number;
}

export interface McInputs {
  readonly years: number;
  readonly days: number;
  readonly discountRatePerYear: number;
  /** The last shipped day the simulation starts from; day 0 is the day after. */
  readonly startDay: string;
  /** Calendar month (0-11) of each simulated day, for the seasonal electricity level. */
  readonly monthOfDay: Uint8Array;
  readonly btc: {
    /** 0 = GBM, 1 = stationary block bootstrap. */
    readonly model: number;
    readonly startUsd: number;
    readonly driftPerYear: number;
    readonly volatilityPerYear: number;
    readonly logReturns: Float64Array;
    readonly meanBlockDays: number;
    /** Added to every resampled return (0 unless a drift was set by hand for the bootstrap). */
    readonly shiftPerDay: number;
  };
  readonly fees: {
    readonly calmMeanLog: number;
    readonly calmStdLog: number;
    readonly eventMeanLog: number;
    readonly eventStdLog: number;
    readonly enterEventPerDay: number;
    readonly stayEventPerDay: number;
  };
  readonly chain: {
    readonly startHeight: number;
    readonly startDifficulty: number;
    readonly startHashrateHs: number;
    readonly blocksInEpoch: number;
    readonly epochElapsedS: number;
    readonly halvingIntervalBlocks: number;
    readonly retargetBlocks: number;
    readonly targetSpacingS: number;
    readonly marginalFleetJPerTh: number;
    readonly efficiencyTrendPerYear: number;
    readonly marginalPowerUsdPerMWh: number;
    readonly marginalPue: number;
    readonly powerShareOfRevenue: number;
    readonly adjustmentPerYear: number;
    readonly lagDays: number;
    readonly volatilityPerYear: number;
  };
  readonly power: {
    readonly monthlyMeanUsdPerMWh: Float64Array;
    readonly dailyPersistence: number;
    readonly dailyShockUsdPerMWh: number;
    readonly spikeProbabilityPerDay: number;
    readonly spikeMeanLog: number;
    readonly spikeStdLog: number;
    readonly capUsdPerMWh: number;
    readonly floorUsdPerMWh: number;
  };
  readonly gpu: {
    /** Reference rental price the index is relative to (the site's quoted price), $/GPU-hour. */
    readonly startUsdPerGpuHour: number;
    readonly floorUsdPerGpuHour: number;
    readonly declinePerYear: number;
    readonly noisePersistencePerDay: number;
    readonly noiseShockPerDay: number;
    readonly lifeYears: number;
    readonly contractYears: number;
  };
  readonly mining: {
    readonly fleetJPerThAtStart: number;
    /** Log change of the J/TH each new generation brings per year (refreshes buy the then-current one). */
    readonly efficiencyTrendPerYear: number;
    readonly asicLifeYears: number;
    /** (1 − pool fee)(1 − stale/reject): the share of hashprice the site keeps. */
    readonly netRevenueFraction: number;
  };
  readonly sites: readonly DaySite[];
  /** Per strategy, years + 1 flows: capex at 0, refreshes, opex, residuals; operations are added per path. */
  readonly fixedFlowsUsd: Float64Array;
}
