/**
 * Numbers as an operator reads them: always with a unit, scaled so a tile never shows eight digits, and "—"
 * for a figure the site does not have (null is shown, never turned into 0). Wall-clock times are in the
 * browser's locale; replayed historical times are in UTC, which is how the history is stored and quoted.
 */
const DASH = '—';

const decimal = (value: number, digits: number): string =>
  value.toLocaleString(undefined, { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Enough digits to tell values apart at that size, no more. */
const digitsFor = (value: number): number =>
  value === 0 || Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;

export interface PowerUnit {
  readonly label: 'W' | 'kW' | 'MW';
  readonly perW: number;
}

/** The unit a power axis or tile reads best in, from the largest value it shows. */
export const powerUnitFor = (maxW: number): PowerUnit =>
  Math.abs(maxW) >= 1e6
    ? { label: 'MW', perW: 1e-6 }
    : Math.abs(maxW) >= 1e3
      ? { label: 'kW', perW: 1e-3 }
      : { label: 'W', perW: 1 };

export function formatPower(w: number | null | undefined, unit: PowerUnit = powerUnitFor(w ?? 0)): string {
  if (w === null || w === undefined) return DASH;
  const v = w * unit.perW;
  return `${decimal(v, digitsFor(v))} ${unit.label}`;
}

export function formatUsd(usd: number | null | undefined): string {
  if (usd === null || usd === undefined) return DASH;
  const abs = Math.abs(usd);
  const sign = usd < 0 ? '−' : '';
  if (abs >= 1e9) return `${sign}$${decimal(abs / 1e9, 2)}B`;
  if (abs >= 1e6) return `${sign}$${decimal(abs / 1e6, 2)}M`;
  // Cents only where they are a visible share of the figure.
  return `${sign}$${decimal(abs, abs >= 100 || Number.isInteger(abs) ? 0 : 2)}`;
}

export const formatUsdPerMWh = (v: number | null | undefined): string =>
  v === null || v === undefined ? DASH : `${formatUsd(v)}/MWh`;

export function formatNumber(v: number | null | undefined, unit: string, digits?: number): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return DASH;
  return `${decimal(v, digits ?? digitsFor(v))}${unit === '' ? '' : ` ${unit}`}`;
}

/** Energy in MWh, or kWh below one MWh (a small site's hour is a few kWh). */
export const formatEnergy = (mwh: number | null | undefined): string =>
  mwh === null || mwh === undefined
    ? DASH
    : Math.abs(mwh) >= 1
      ? formatNumber(mwh, 'MWh')
      : formatNumber(mwh * 1000, 'kWh');

/** CO2 in tonnes, or kg below one tonne. */
export const formatCo2 = (kg: number | null | undefined): string =>
  kg === null || kg === undefined
    ? DASH
    : Math.abs(kg) >= 1000
      ? formatNumber(kg / 1000, 't CO2')
      : formatNumber(kg, 'kg CO2');

export const formatPercent = (fraction: number | null | undefined, digits = 0): string =>
  fraction === null || fraction === undefined ? DASH : `${decimal(fraction * 100, digits)} %`;

export const formatTime = (ms: number): string =>
  new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export const formatDateTime = (ms: number): string =>
  new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A historical instant, e.g. 2024-05-09 01:00 UTC. */
export const formatUtc = (ms: number): string =>
  `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export const formatDuration = (seconds: number): string =>
  seconds >= 86_400
    ? formatNumber(seconds / 86_400, 'd', 1)
    : seconds >= 3600
      ? formatNumber(seconds / 3600, 'h', 1)
      : formatNumber(seconds / 60, 'min', 0);
