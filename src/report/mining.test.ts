import { describe, expect, it } from 'vitest';
import { breakEvenPowerPriceUsdPerMWh } from '../economics/bitcoin/hashprice.ts';
import { findAsic } from '../economics/hardware/asics.ts';
import { miningPerItMW } from './mining.ts';

describe('miningPerItMW', () => {
  const s21 = findAsic('antminer-s21');
  const bare = { pue: 1, poolFeeFraction: 0, uptimeFraction: 1, staleRejectFraction: 0 };

  it('ECONOMICS.md §7: 1 MW facility at PUE 1.10 of S21s at $55.97 earns $1.061 M/yr [C]', () => {
    const perItMW = miningPerItMW({
      fleet: [{ model: s21, share: 1 }],
      hashpriceUsdPerPhDay: 55.97,
      priceUsdPerMWh: 50,
      terms: bare,
    });
    // 1 MW facility = 1/1.1 MW IT; 51.948 PH/s.
    expect(perItMW.hashrateThs / 1.1 / 1000).toBeCloseTo(51.948, 3);
    expect((perItMW.revenueUsdPerDay / 1.1) * 365).toBeCloseTo(51.948 * 55.97 * 365, -1);
    expect(perItMW.energyCostUsdPerDay).toBeCloseTo(24 * 50, 9);
  });

  it('fleet break-even equals the break-even formula for one model', () => {
    const terms = { pue: 1.1, poolFeeFraction: 0.025, uptimeFraction: 0.97, staleRejectFraction: 0 };
    const perItMW = miningPerItMW({
      fleet: [{ model: s21, share: 1 }],
      hashpriceUsdPerPhDay: 55.97,
      priceUsdPerMWh: 50,
      terms,
    });
    const formula = breakEvenPowerPriceUsdPerMWh({
      hashpriceUsdPerPhDay: 55.97,
      efficiencyJPerTh: 17.5,
      pue: 1.1,
      poolFeeFraction: 0.025,
    });
    expect(perItMW.breakEvenUsdPerMWh).toBeCloseTo(formula, 9);
    expect(formula).toBeCloseTo(118.12, 2);
  });

  it('mixes models by power share and derives fleet J/TH from totals', () => {
    const s19 = findAsic('antminer-s19');
    const perItMW = miningPerItMW({
      fleet: [
        { model: s21, share: 0.5 },
        { model: s19, share: 0.5 },
      ],
      hashpriceUsdPerPhDay: 50,
      priceUsdPerMWh: 40,
      terms: bare,
    });
    const ths = (0.5e6 / 3500) * 200 + (0.5e6 / 3250) * 95;
    expect(perItMW.hashrateThs).toBeCloseTo(ths, 6);
    expect(perItMW.efficiencyJPerTh).toBeCloseTo(1e6 / ths, 9);
  });
});
