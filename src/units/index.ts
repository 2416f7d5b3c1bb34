/**
 * @module units
 * The only place where units are converted. Every name says what it takes and what it gives.
 */

export const SATS_PER_BTC = 100_000_000n;
export const SECONDS_PER_DAY = 86_400;
export const HOURS_PER_DAY = 24;
export const MS_PER_DAY = 86_400_000;
/** Hours in a year for annualised energy; CBECI-style reports use 8,760 (not 8,766). */
export const HOURS_PER_YEAR = 8_760;
export const DAYS_PER_YEAR_ACTUAL_365 = 365;

export const thsToHs = (hashrateThs: number): number => hashrateThs * 1e12;
export const hsToThs = (hashrateHs: number): number => hashrateHs / 1e12;
export const phsToHs = (hashratePhs: number): number => hashratePhs * 1e15;
export const hsToEhs = (hashrateHs: number): number => hashrateHs / 1e18;
export const ehsToHs = (hashrateEhs: number): number => hashrateEhs * 1e18;
export const ehsToThs = (hashrateEhs: number): number => hashrateEhs * 1e6;
export const thsToPhs = (hashrateThs: number): number => hashrateThs / 1e3;

export const wToMW = (powerW: number): number => powerW / 1e6;
export const mwToW = (powerMW: number): number => powerMW * 1e6;
/** Energy of a constant power over a duration: W × h → MWh. */
export const energyMWhFromPowerW = (powerW: number, durationH: number): number => (powerW * durationH) / 1e6;
export const mwhToTWh = (energyMWh: number): number => energyMWh / 1e6;
export const usdPerMWhToUsdPerKWh = (priceUsdPerMWh: number): number => priceUsdPerMWh / 1000;
export const usdPerKWhToUsdPerMWh = (priceUsdPerKWh: number): number => priceUsdPerKWh * 1000;

/** Display only: protocol money stays in integer satoshis. */
export const satsToBtc = (amountSats: bigint): number => Number(amountSats) / 1e8;

/** Whole satoshis from a BTC figure (e.g. a fee total from a CSV), rounded half away from zero. */
export function btcToSats(amountBtc: number): bigint {
  if (!Number.isFinite(amountBtc)) throw new RangeError(`btcToSats: ${amountBtc} is not a finite BTC amount`);
  return BigInt(Math.round(amountBtc * 1e8));
}

/** g/kWh and kg/MWh are the same number; tonnes from MWh × kg/MWh. */
export const emissionsTFromEnergy = (energyMWh: number, intensityKgPerMWh: number): number =>
  (energyMWh * intensityKgPerMWh) / 1000;

export const LB_PER_KG = 2.20462;
