/**
 * @module controller/plan/protocol
 * Messages between the controller and its planner thread. HiGHS blocks the thread it runs on (a MILP can take
 * seconds), so the live controller never solves on its event loop.
 */

export interface PlanRequest {
  readonly sitePath: string;
  /** Historical instant the window starts at (the top of an hour), ms. */
  readonly fromMs: number;
  readonly horizonH: number;
}

export interface SolvedWindow {
  readonly status: string;
  readonly bindingConstraint: string | null;
  readonly objectiveUsd: number;
  readonly startMs: number;
  readonly stepS: number;
  /** Mining IT capacity the plan is drawn for, MW: the plan's mining MW ÷ this is the fleet share to run. */
  readonly installedMiningMW: number;
  readonly miningPue: number;
  readonly miningMW: number[];
  readonly aiMW: number[];
  readonly importMW: number[];
  readonly priceUsdPerMWh: number[];
  readonly miningUsdPerMWh: number[];
}

export type PlanReply =
  | { readonly ok: true; readonly window: SolvedWindow }
  | { readonly ok: false; readonly message: string };
