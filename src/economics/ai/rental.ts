/**
 * @module economics/ai/rental
 * GPU rental revenue (ECONOMICS.md §3.4): spot/on-demand rental earns only for the hours a tenant uses, so
 * `utilization` is a required input; a reserved contract bills every hour (take-or-pay) and pays back an SLA
 * credit when the operator's availability falls short.
 */
import { requireFraction, requireNonNegative } from '../../units/guards.ts';

export interface GpuRentalInput {
  /** GPUs offered; may be fractional for per-MW averages (603.3 GPUs per facility MW). */
  readonly gpuCount: number;
  readonly priceUsdPerGpuHour: number;
  readonly durationH: number;
  /** Share of the offered GPU-hours that were rented and billed, 0..1. */
  readonly utilization: number;
}

function checkRental(input: GpuRentalInput): void {
  requireNonNegative('gpuCount', input.gpuCount, 'use the number of GPUs offered, >= 0');
  requireNonNegative('priceUsdPerGpuHour', input.priceUsdPerGpuHour, 'use USD per GPU-hour, e.g. 2.0');
  requireNonNegative('durationH', input.durationH, 'use the period length in hours, e.g. 8760 for a year');
}

/** `gpuCount × priceUsdPerGpuHour × durationH × utilization`. */
export function gpuRentalRevenueUsd(input: GpuRentalInput): number {
  checkRental(input);
  requireFraction('utilization', input.utilization, 'use the rented share of GPU-hours, e.g. 0.8');
  return input.gpuCount * input.priceUsdPerGpuHour * input.durationH * input.utilization;
}

/** Spot / on-demand: paid per GPU-hour actually rented. Same formula as `gpuRentalRevenueUsd`. */
export function spotRevenueUsd(input: GpuRentalInput): number {
  return gpuRentalRevenueUsd(input);
}

export interface SlaCreditTerms {
  /** Share of the period's bill credited per percentage point of availability below target. */
  readonly creditFractionPerPointBelow: number;
  /** Cap on the credit as a share of the bill (1 = the whole bill). */
  readonly maxCreditFraction: number;
  readonly source: string;
}

/**
 * Linear credit: 10 % of the bill per point below target, capped at the whole bill. Real SLAs are tiered
 * (e.g. 10 % / 30 % / 100 % bands); this is the simplest monotone stand-in. Set it from the contract.
 */
export const DEFAULT_SLA_CREDIT_TERMS: SlaCreditTerms = {
  creditFractionPerPointBelow: 0.1,
  maxCreditFraction: 1,
  source: 'model assumption, not from a contract: replace with the customer SLA',
};

export interface ContractRevenueInput {
  readonly gpuCount: number;
  /** Reserved block price, e.g. a 1-year contract rate. */
  readonly priceUsdPerGpuHour: number;
  readonly durationH: number;
  /** Share of the period the operator delivered the GPUs, 0..1. */
  readonly availability: number;
  /** Availability promised in the SLA, 0..1 (e.g. 0.99). */
  readonly slaTargetAvailability: number;
  readonly slaCreditFractionPerPointBelow?: number;
  readonly maxSlaCreditFraction?: number;
}

export interface ContractRevenueBreakdown {
  /** Take-or-pay bill: every GPU-hour, at 100 % billed utilization. */
  readonly billedUsd: number;
  /** `max(0, target − availability) × 100`. */
  readonly shortfallPoints: number;
  /** `min(maxCreditFraction, shortfallPoints × creditFractionPerPointBelow)`. */
  readonly creditFraction: number;
  readonly slaCreditUsd: number;
  /** billedUsd − slaCreditUsd. */
  readonly revenueUsd: number;
}

export function contractRevenueBreakdown(input: ContractRevenueInput): ContractRevenueBreakdown {
  checkRental({ ...input, utilization: 1 });
  const availability = requireFraction(
    'availability',
    input.availability,
    'use the delivered share, e.g. 0.995',
  );
  const target = requireFraction(
    'slaTargetAvailability',
    input.slaTargetAvailability,
    'use the promised availability as a fraction, e.g. 0.99',
  );
  const perPoint = requireNonNegative(
    'slaCreditFractionPerPointBelow',
    input.slaCreditFractionPerPointBelow ?? DEFAULT_SLA_CREDIT_TERMS.creditFractionPerPointBelow,
    'use the bill share credited per point below target, e.g. 0.1',
  );
  const cap = requireFraction(
    'maxSlaCreditFraction',
    input.maxSlaCreditFraction ?? DEFAULT_SLA_CREDIT_TERMS.maxCreditFraction,
    'use the largest credit as a share of the bill, e.g. 1',
  );
  const billedUsd = input.gpuCount * input.priceUsdPerGpuHour * input.durationH;
  const shortfallPoints = Math.max(0, target - availability) * 100;
  const creditFraction = Math.min(cap, shortfallPoints * perPoint);
  const slaCreditUsd = billedUsd * creditFraction;
  return { billedUsd, shortfallPoints, creditFraction, slaCreditUsd, revenueUsd: billedUsd - slaCreditUsd };
}

/** Take-or-pay contract revenue after the SLA credit; see `contractRevenueBreakdown` for the parts. */
export function contractRevenueUsd(input: ContractRevenueInput): number {
  return contractRevenueBreakdown(input).revenueUsd;
}
