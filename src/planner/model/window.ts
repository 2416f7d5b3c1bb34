/**
 * @module planner/model/window
 * Interval arithmetic of a planning window: how many intervals, and how many hours each lasts (the snapshot
 * weighting that turns MW into MWh).
 */
import { HOURS_PER_DAY, SECONDS_PER_DAY } from '../../units/index.ts';
import type { PlanningWindow } from '../problem.ts';

const SECONDS_PER_HOUR = SECONDS_PER_DAY / HOURS_PER_DAY;

export const intervalCount = (window: PlanningWindow): number => window.priceUsdPerMWh.length;

export const hoursPerInterval = (window: PlanningWindow): number => window.stepS / SECONDS_PER_HOUR;
