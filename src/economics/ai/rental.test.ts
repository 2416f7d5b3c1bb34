import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors.ts';
import {
  contractRevenueBreakdown,
  contractRevenueUsd,
  DEFAULT_SLA_CREDIT_TERMS,
  gpuRentalRevenueUsd,
  spotRevenueUsd,
} from './rental.ts';

const rental = { gpuCount: 8, priceUsdPerGpuHour: 2.35, durationH: 720, utilization: 0.75 };

describe('gpuRentalRevenueUsd / spotRevenueUsd', () => {
  it('is gpuCount × price × hours × utilization', () => {
    expect(gpuRentalRevenueUsd(rental)).toBeCloseTo(8 * 2.35 * 720 * 0.75, 9);
    expect(spotRevenueUsd(rental)).toBe(gpuRentalRevenueUsd(rental));
  });

  it.each([
    [{ utilization: 1.01 }, 'utilization'],
    [{ utilization: 80 }, 'utilization'],
    [{ gpuCount: -1 }, 'gpuCount'],
    [{ durationH: Number.NaN }, 'durationH'],
    [{ priceUsdPerGpuHour: Number.POSITIVE_INFINITY }, 'priceUsdPerGpuHour'],
  ])('rejects %o, naming the field, the problem and a fix', (patch, field) => {
    try {
      gpuRentalRevenueUsd({ ...rental, ...patch });
      expect.unreachable('input should be rejected');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      const issue = (error as ValidationError).issues[0];
      expect(issue?.field).toBe(field);
      expect(issue?.problem).toMatch(/must be/);
      expect(issue?.fix.length).toBeGreaterThan(0);
    }
  });

  const gpuCount = fc.double({ min: 0, max: 1e5, noNaN: true });
  const price = fc.double({ min: 0, max: 100, noNaN: true });
  const hours = fc.double({ min: 0, max: 1e5, noNaN: true });
  const utilization = fc.double({ min: 0, max: 1, noNaN: true });
  const factor = fc.double({ min: 0, max: 10, noNaN: true });
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

  it('is linear in price and in hours (property)', () => {
    fc.assert(
      fc.property(gpuCount, price, hours, utilization, factor, (n, p, h, u, k) => {
        const base = gpuRentalRevenueUsd({
          gpuCount: n,
          priceUsdPerGpuHour: p,
          durationH: h,
          utilization: u,
        });
        const priced = gpuRentalRevenueUsd({
          gpuCount: n,
          priceUsdPerGpuHour: p * k,
          durationH: h,
          utilization: u,
        });
        const longer = gpuRentalRevenueUsd({
          gpuCount: n,
          priceUsdPerGpuHour: p,
          durationH: h * k,
          utilization: u,
        });
        expect(close(priced, base * k)).toBe(true);
        expect(close(longer, base * k)).toBe(true);
      }),
    );
  });

  it('is additive over consecutive periods (property)', () => {
    fc.assert(
      fc.property(gpuCount, price, hours, hours, utilization, (n, p, h1, h2, u) => {
        const at = (durationH: number) =>
          gpuRentalRevenueUsd({ gpuCount: n, priceUsdPerGpuHour: p, durationH, utilization: u });
        expect(close(at(h1 + h2), at(h1) + at(h2))).toBe(true);
      }),
    );
  });

  it('is bounded by 0 and the fully rented revenue, and monotone in utilization (property)', () => {
    fc.assert(
      fc.property(gpuCount, price, hours, utilization, utilization, (n, p, h, u1, u2) => {
        const at = (utilization: number) =>
          gpuRentalRevenueUsd({ gpuCount: n, priceUsdPerGpuHour: p, durationH: h, utilization });
        const full = at(1);
        expect(at(u1)).toBeGreaterThanOrEqual(0);
        expect(at(u1)).toBeLessThanOrEqual(full * (1 + 1e-12));
        if (u1 <= u2) expect(at(u1)).toBeLessThanOrEqual(at(u2));
      }),
    );
  });
});

describe('contractRevenueUsd (take-or-pay minus SLA credit)', () => {
  const contract = { gpuCount: 8, priceUsdPerGpuHour: 2.35, durationH: 720, slaTargetAvailability: 0.99 };
  const billed = 8 * 2.35 * 720;

  it('bills every hour when the SLA is met, whatever the tenant uses', () => {
    expect(contractRevenueUsd({ ...contract, availability: 0.995 })).toBeCloseTo(billed, 9);
    expect(contractRevenueUsd({ ...contract, availability: 0.99 })).toBeCloseTo(billed, 9);
  });

  it('credits 10 % of the bill per point below target by default, capped at the whole bill', () => {
    expect(DEFAULT_SLA_CREDIT_TERMS.creditFractionPerPointBelow).toBe(0.1);
    const twoPointsShort = contractRevenueBreakdown({ ...contract, availability: 0.97 });
    expect(twoPointsShort.shortfallPoints).toBeCloseTo(2, 9);
    expect(twoPointsShort.creditFraction).toBeCloseTo(0.2, 9);
    expect(twoPointsShort.revenueUsd).toBeCloseTo(billed * 0.8, 6);
    expect(contractRevenueUsd({ ...contract, availability: 0.5 })).toBe(0);
  });

  it('takes custom credit terms', () => {
    const value = contractRevenueUsd({
      ...contract,
      availability: 0.98,
      slaCreditFractionPerPointBelow: 0.05,
      maxSlaCreditFraction: 0.3,
    });
    expect(value).toBeCloseTo(billed * 0.95, 6);
    expect(contractRevenueUsd({ ...contract, availability: 0.5, maxSlaCreditFraction: 0.3 })).toBeCloseTo(
      billed * 0.7,
      6,
    );
  });

  it('never exceeds the bill and never goes below zero (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (availability, slaTargetAvailability, slaCreditFractionPerPointBelow) => {
          const { revenueUsd, billedUsd } = contractRevenueBreakdown({
            ...contract,
            availability,
            slaTargetAvailability,
            slaCreditFractionPerPointBelow,
          });
          expect(revenueUsd).toBeGreaterThanOrEqual(0);
          expect(revenueUsd).toBeLessThanOrEqual(billedUsd);
        },
      ),
    );
  });

  it.each([
    [{ availability: 99.5 }, 'availability'],
    [{ slaTargetAvailability: 1.5 }, 'slaTargetAvailability'],
    [{ slaCreditFractionPerPointBelow: -0.1 }, 'slaCreditFractionPerPointBelow'],
    [{ gpuCount: -8 }, 'gpuCount'],
  ])('rejects %o', (patch, field) => {
    try {
      contractRevenueUsd({ ...contract, availability: 0.99, ...patch });
      expect.unreachable('input should be rejected');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]?.field).toBe(field);
    }
  });
});
