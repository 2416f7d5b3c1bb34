/**
 * @module economics/finance
 * Pure project finance: NPV in both conventions, IRR/XIRR with typed "no IRR" results, payback, book
 * depreciation (SLN, DDB, DB), capital recovery, PMT and levelized cost (ECONOMICS.md §4.5–§4.6).
 */
export {
  capitalRecoveryFactor,
  type LevelizedCostInputs,
  levelizedCostUsdPerUnit,
  type PaymentInputs,
  paymentUsd,
} from './annuity.ts';
export { type DatedFlow, xirr, xnpv } from './dated.ts';
export {
  type DecliningBalanceInputs,
  decliningBalanceDepreciationUsd,
  decliningBalanceScheduleUsd,
  type FixedDecliningBalanceInputs,
  fixedDecliningBalanceDepreciationUsd,
  fixedDecliningBalanceRatePerYear,
  fixedDecliningBalanceScheduleUsd,
  type StraightLineInputs,
  straightLineDepreciationUsd,
} from './depreciation.ts';
export {
  DEFAULT_IRR_GUESS,
  IRR_SCAN_MAX_RATE,
  IRR_SCAN_MIN_RATE,
  type IrrFailureReason,
  type IrrResult,
  irr,
} from './irr.ts';
export { discountFactor, npv, npvExcel, npvFromT0 } from './npv.ts';
export {
  cumulativeCashflowsUsd,
  isPaidBack,
  type PaybackNever,
  type PaybackResult,
  paybackYears,
} from './payback.ts';
