/**
 * @module planner/problem
 * What the planner optimises, as plain numbers: a resolved site (capacities, PUEs, contracts, levers) and the
 * series of one planning window (prices and rates per interval, one Float64Array each). Static data apart from
 * series, as PyPSA does; units in every name. Power is IT power unless a name says facility; site import is +.
 */

/** A slice of the mining fleet's power range, earning `revenueFactor` × the window's mining rate per MWh. */
export interface MiningSegment {
  readonly widthMW: number;
  /**
   * Revenue per MWh of this slice relative to running the fleet at nameplate (1 = nameplate efficiency).
   * Underclocked machines are more efficient, so the first slices earn more per MWh (> 1); factors must not
   * increase from one segment to the next, which keeps revenue concave and the model an LP.
   */
  readonly revenueFactor: number;
}

export interface PlannerBattery {
  readonly energyMWh: number;
  readonly powerMW: number;
  /** Round-trip efficiency, split evenly between charging and discharging. */
  readonly roundTripEfficiency: number;
  readonly initialEnergyMWh: number;
}

/** How the site pays for energy. `resale` PPAs make the real-time price the marginal cost of every MWh. */
export type PlannerPower =
  | { readonly kind: 'real-time'; readonly adderUsdPerMWh: number }
  | {
      readonly kind: 'ppa';
      readonly priceUsdPerMWh: number;
      readonly volumeMW: number;
      readonly resale: boolean;
    };

export interface PlannerSite {
  /** Facility import limit at the grid connection (the binding physical limit). */
  readonly importLimitMW: number;
  /** Facility power that is always drawn (offices, cooling base load). */
  readonly overheadMW: number;
  readonly miningPue: number;
  readonly aiPue: number;
  readonly mining: {
    readonly segments: readonly MiningSegment[];
    /** Largest change of mining IT power from one interval to the next (power-target ramps). */
    readonly rampMWPerInterval: number;
  };
  readonly ai: {
    /** IT MW sold under contract: the buyer pays for every hour the site delivers; an hour not delivered earns nothing and pays the SLA penalty. */
    readonly contractedMW: number;
    readonly contractUsdPerMWh: number;
    readonly shortfallPenaltyUsdPerMWh: number;
    /** Interruptible AI demand the site may serve on top, at the window's spot rate. */
    readonly spotMaxMW: number;
    /** Minimum consecutive intervals the spot cluster stays on once started; 1 = no minimum. */
    readonly spotMinOnIntervals: number;
    readonly spotRestartCostUsd: number;
    /**
     * IT power the spot cluster draws whenever it is on, busy or not (idle GPUs, held leases); default 0. The
     * minimum on-time only changes a plan through this: at 0, an on-but-idle cluster costs nothing.
     */
    readonly spotMinLoadMW?: number;
  };
  readonly power: PlannerPower;
  readonly battery?: PlannerBattery;
  /** Extra cost per facility MWh imported in intervals flagged as likely 4CP peaks (transmission tag). */
  readonly fourCpChargeUsdPerMWh: number;
  /**
   * What one MW drawn in a month's actual 4CP interval costs: a quarter of the $/MW-year transmission charge.
   * Settlement books this at the real peak; the planner only sees the expected charge over risk hours.
   */
  readonly fourCpTagUsdPerMW?: number;
  /**
   * A price-event demand-response program: in called intervals the site is paid `paymentUsdPerMWh` for every
   * facility MWh below `baselineMW`, and charged the same rate for every MWh above it (non-performance).
   */
  readonly demandResponse?: { readonly baselineMW: number; readonly paymentUsdPerMWh: number };
}

/** The series of one planning window, all of the same length, interval `i` starting at `startMs + i·stepS`. */
export interface PlanningWindow {
  readonly startMs: number;
  readonly stepS: number;
  /** Real-time (or forecast) energy price at the site's settlement point. */
  readonly priceUsdPerMWh: Float64Array;
  /** Net mining revenue per MWh of IT energy at nameplate efficiency (hashprice ÷ MWh per PH-day, after fees). */
  readonly miningUsdPerMWh: Float64Array;
  /** Spot AI revenue per MWh of IT energy (rental rate × GPUs per MW × utilisation). */
  readonly aiSpotUsdPerMWh: Float64Array;
  /** 1 where the interval is a likely 4CP peak, else 0. */
  readonly fourCpRisk: Uint8Array;
  /** 1 where the demand-response program has called an event (absent: no events). */
  readonly drEvent?: Uint8Array;
}

/** What the plan carries from one window to the next (rolling horizon). */
export interface PlannerState {
  readonly miningMW: number;
  readonly spotOn: boolean;
  /** Intervals the spot cluster has been on (for the minimum on-time). */
  readonly spotOnForIntervals: number;
  readonly batteryEnergyMWh: number;
}

export type PlanStatus = 'optimal' | 'infeasible' | 'unbounded' | 'timeLimit' | 'error';

/** Power per workload per interval, MW (IT unless named facility), and what each interval earned. */
export interface Dispatch {
  readonly miningMW: Float64Array;
  readonly aiContractMW: Float64Array;
  readonly aiSpotMW: Float64Array;
  readonly batteryChargeMW: Float64Array;
  readonly batteryDischargeMW: Float64Array;
  readonly batteryEnergyMWh: Float64Array;
  /** Facility import at the grid connection (+ import; the planner never exports). */
  readonly importMW: Float64Array;
  /** 1 where the spot cluster is on (committed), else 0; present in every plan `solvePlan` returns. */
  readonly aiSpotOn?: Uint8Array;
  /** Cash flow of each interval (revenue − energy − penalties − restarts), USD; sums to the plan's objective. */
  readonly valueUsd?: Float64Array;
}

export interface Plan {
  readonly status: PlanStatus;
  /** The constraint family (and interval) that made the problem infeasible, in words. */
  readonly bindingConstraint?: string;
  readonly objectiveUsd: number;
  readonly dispatch: Dispatch;
  /** Dual of the import limit: what one more MW of grid connection would have earned in each interval. */
  readonly marginalValueUsdPerMWh: Float64Array;
}
