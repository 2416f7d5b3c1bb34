/**
 * Hand-solvable 3-interval plans (PyPSA's test_lopf_storage style): each objective is worked out in the comment
 * above it and must match to 1e-6 USD; marginal values to 1e-6 USD/MWh.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { coldState, testSite, testWindow } from './fixtures.ts';
import { type Highs, loadHighs } from './highs.ts';
import type { Plan } from './problem.ts';
import { solvePlan } from './solve.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

const PRICES = [20, 80, 40];
const expectSeries = (actual: ArrayLike<number>, expected: readonly number[]): void => {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, t) => {
    expect(actual[t]).toBeCloseTo(value, 6);
  });
};
const expectValueSumsToObjective = (plan: Plan): void => {
  const total = plan.dispatch.valueUsd!.reduce((s, usd) => s + usd, 0);
  expect(total).toBeCloseTo(plan.objectiveUsd, 6);
};

describe('solvePlan: real-time price, mining worth $60/MWh', () => {
  it('mines only when the price is below 60 and values site power at the margin', () => {
    // Mine 10 MW where 60 > price: (60−20)·10 + (60−40)·10 = 400 + 200 = 600 USD; idle at 80.
    // The limit binds in intervals 1 and 3: one more MW there earns 60 − price = 40 and 20 USD/MWh.
    const plan = solvePlan(
      highs,
      testSite(),
      testWindow({ priceUsdPerMWh: PRICES, miningUsdPerMWh: 60 }),
      coldState,
    );
    expect(plan.status).toBe('optimal');
    expect(plan.objectiveUsd).toBeCloseTo(600, 6);
    expectSeries(plan.dispatch.miningMW, [10, 0, 10]);
    expectSeries(plan.dispatch.importMW, [10, 0, 10]);
    expectSeries(plan.marginalValueUsdPerMWh, [40, 0, 20]);
    expectValueSumsToObjective(plan);
  });

  it('weights by interval length: 15-minute intervals earn a quarter, marginal values stay per MWh', () => {
    // Same decisions over 0.25 h each: 600 · 0.25 = 150 USD; duals ÷ 0.25 h give 40, 0, 20 USD/MWh again.
    const window = testWindow({ priceUsdPerMWh: PRICES, miningUsdPerMWh: 60, stepS: 900 });
    const plan = solvePlan(highs, testSite(), window, coldState);
    expect(plan.objectiveUsd).toBeCloseTo(150, 6);
    expectSeries(plan.marginalValueUsdPerMWh, [40, 0, 20]);
  });

  it('adds the adder and the 4CP charge to the price of every imported MWh', () => {
    // Adder 5 and a 4CP charge of 30 in interval 3: costs 25, 85, 75. Mine in interval 1 only: (60−25)·10 = 350.
    const site = testSite({ power: { kind: 'real-time', adderUsdPerMWh: 5 }, fourCpChargeUsdPerMWh: 30 });
    const window = testWindow({ priceUsdPerMWh: PRICES, miningUsdPerMWh: 60, fourCpRisk: [0, 0, 1] });
    const plan = solvePlan(highs, site, window, coldState);
    expect(plan.objectiveUsd).toBeCloseTo(350, 6);
    expectSeries(plan.dispatch.miningMW, [10, 0, 0]);
  });
});

describe('solvePlan: PPA at $30/MWh for 10 MW', () => {
  const window = testWindow({ priceUsdPerMWh: PRICES, miningUsdPerMWh: 60 });

  it('with resale, curtails when the real-time price beats mining and sells the energy back', () => {
    // Marginal cost = RT price, so mine in intervals 1 and 3 and sell the 10 MW back in interval 2.
    // Cash: −30·10·3 (PPA) + 60·10·2 (mining) + 80·10 (resale) = −900 + 1200 + 800 = 1100 USD.
    const site = testSite({ power: { kind: 'ppa', priceUsdPerMWh: 30, volumeMW: 10, resale: true } });
    const plan = solvePlan(highs, site, window, coldState);
    expect(plan.objectiveUsd).toBeCloseTo(1100, 6);
    expectSeries(plan.dispatch.miningMW, [10, 0, 10]);
    expectSeries(plan.dispatch.valueUsd!, [-300 + 600, 800 - 300, -300 + 600]);
  });

  it('without resale, mines through the spike because energy costs the PPA price', () => {
    // Marginal cost = 30 < 60 in every interval: (60 − 30)·10·3 = 900 USD.
    const site = testSite({ power: { kind: 'ppa', priceUsdPerMWh: 30, volumeMW: 10, resale: false } });
    const plan = solvePlan(highs, site, window, coldState);
    expect(plan.objectiveUsd).toBeCloseTo(900, 6);
    expectSeries(plan.dispatch.miningMW, [10, 10, 10]);
  });
});

describe('solvePlan: contract AI and mining share a binding import limit', () => {
  // Limit 10 MW, overhead 1 MW, both PUEs 1.25. Contract 4 MW IT (5 MW facility) at $100/MWh, penalty $200/MWh.
  // Mining at $60/MWh IT in one 20 MW segment.
  const site = testSite({
    overheadMW: 1,
    miningPue: 1.25,
    aiPue: 1.25,
    mining: { segments: [{ widthMW: 20, revenueFactor: 1 }] },
    ai: { contractedMW: 4, contractUsdPerMWh: 100, shortfallPenaltyUsdPerMWh: 200 },
  });

  it("prices the marginal facility MW at the marginal workload's net value", () => {
    // Serving the contract (avoids 200, costs 1.25·price) beats mining everywhere, so it runs at 4 MW (5 MW facility).
    // The remaining 10 − 1 − 5 = 4 MW facility carries 3.2 MW of mining where 60 > 1.25·price (intervals 1 and 3).
    // Objective: contract billed 4·100·3 = 1200; overhead energy −1·(20+80+40) = −140; contract energy
    // −5·140 = −700; mining 3.2·(60 − 25) + 3.2·(60 − 50) = 112 + 32 = 144. Total 504 USD.
    // Marginal value: one more facility MW = 0.8 MW of mining: 0.8·(60 − 1.25·price) = 28, (idle), 8 USD/MWh.
    const plan = solvePlan(
      highs,
      site,
      testWindow({ priceUsdPerMWh: PRICES, miningUsdPerMWh: 60 }),
      coldState,
    );
    expect(plan.status).toBe('optimal');
    expect(plan.objectiveUsd).toBeCloseTo(504, 6);
    expectSeries(plan.dispatch.aiContractMW, [4, 4, 4]);
    expectSeries(plan.dispatch.miningMW, [3.2, 0, 3.2]);
    expectSeries(plan.dispatch.importMW, [10, 6, 10]);
    expectSeries(plan.marginalValueUsdPerMWh, [28, 0, 8]);
    expectValueSumsToObjective(plan);
  });

  it('falls short on the contract when the limit cannot carry it, and values power at rate plus penalty minus price', () => {
    // Limit 4 MW: 4 − 1 = 3 MW facility carries 2.4 MW IT of the 4 MW contract; shortfall 1.6 MW.
    // Objective: billed for what is delivered 2.4·100·3 = 720 − penalty 1.6·200·3 = 960 − energy 4 MW·(20+80+40)
    // = 560 → −800 USD. One more facility MW serves 0.8 MW more: 0.8·(100 + 200) − price = 220, 160, 200 USD/MWh.
    const small = { ...site, importLimitMW: 4 };
    const plan = solvePlan(
      highs,
      small,
      testWindow({ priceUsdPerMWh: PRICES, miningUsdPerMWh: 60 }),
      coldState,
    );
    expect(plan.objectiveUsd).toBeCloseTo(-800, 6);
    expectSeries(plan.dispatch.aiContractMW, [2.4, 2.4, 2.4]);
    expectSeries(plan.dispatch.miningMW, [0, 0, 0]);
    expectSeries(plan.marginalValueUsdPerMWh, [220, 160, 200]);
  });
});

describe('solvePlan: battery', () => {
  it('charges in the cheap hour and discharges into the spike, with √η each way', () => {
    // 5 MW overhead, no workloads. Battery 10 MWh / 5 MW, η = 0.81 (0.9 each way), empty at the start.
    // Charge 5 MW at $20 → 4.5 MWh; discharge 4.5·0.9 = 4.05 MW at $80. Nothing is worth storing past the end.
    // Import 10, 0.95, 5 MW: −(10·20 + 0.95·80 + 5·40) = −(200 + 76 + 200) = −476 USD.
    const site = testSite({
      importLimitMW: 20,
      overheadMW: 5,
      mining: { segments: [] },
      battery: { energyMWh: 10, powerMW: 5, roundTripEfficiency: 0.81, initialEnergyMWh: 0 },
    });
    const plan = solvePlan(highs, site, testWindow({ priceUsdPerMWh: PRICES }), coldState);
    expect(plan.objectiveUsd).toBeCloseTo(-476, 6);
    expectSeries(plan.dispatch.batteryChargeMW, [5, 0, 0]);
    expectSeries(plan.dispatch.batteryDischargeMW, [0, 4.05, 0]);
    expectSeries(plan.dispatch.batteryEnergyMWh, [4.5, 0, 0]);
    expectSeries(plan.dispatch.importMW, [10, 0.95, 5]);
    expectSeries(plan.marginalValueUsdPerMWh, [0, 0, 0]);
  });

  it('never exports: discharge is capped by the site load', () => {
    // Overhead 1 MW only, battery full at 10 MWh, plenty for 3 h of 1 MW (3 / 0.9 = 3.33 MWh). Exporting at $80
    // would pay, but import ≥ 0 caps discharge at the 1 MW load: import 0 in every interval, objective 0 USD.
    const site = testSite({
      overheadMW: 1,
      mining: { segments: [] },
      battery: { energyMWh: 10, powerMW: 5, roundTripEfficiency: 0.81, initialEnergyMWh: 10 },
    });
    const state = { ...coldState, batteryEnergyMWh: 10 };
    const plan = solvePlan(highs, site, testWindow({ priceUsdPerMWh: PRICES }), state);
    expect(plan.objectiveUsd).toBeCloseTo(0, 6);
    expectSeries(plan.dispatch.importMW, [0, 0, 0]);
    // Stored energy is worthless after the window, so charging while discharging is a tie; the net is what counts.
    const netDischargeMW = plan.dispatch.batteryDischargeMW.map(
      (d, t) => d - plan.dispatch.batteryChargeMW[t]!,
    );
    expectSeries(netDischargeMW, [1, 1, 1]);
  });
});

describe('solvePlan: a price-event demand-response program', () => {
  it('stops mining in a called event when the payment beats the mining margin, and earns the baseline credit', () => {
    // Prices 20 throughout, mining worth 60, limit 10 MW. An event in interval 2 pays 100 $/MWh below a 10 MW
    // baseline: mining there would net 60 − 20 − 100 < 0, so it stops and the site earns 100 · 10 = 1,000 USD.
    // Intervals 1 and 3 mine: (60 − 20) · 10 = 400 each. Objective 400 + 1,000 + 400 = 1,800 USD.
    const window = {
      ...testWindow({ priceUsdPerMWh: [20, 20, 20], miningUsdPerMWh: 60 }),
      drEvent: Uint8Array.from([0, 1, 0]),
    };
    const site = testSite({ demandResponse: { baselineMW: 10, paymentUsdPerMWh: 100 } });
    const plan = solvePlan(highs, site, window, coldState);
    expect(plan.objectiveUsd).toBeCloseTo(1800, 6);
    expectSeries(plan.dispatch.miningMW, [10, 0, 10]);
    expectValueSumsToObjective(plan);
  });

  it('keeps mining through an event whose payment is below the mining margin, paying for the excess', () => {
    // Payment 30 < 60 − 20: mine all three intervals; interval 2 pays 30 · (10 − 10) = 0. Objective 3 · 400 = 1,200.
    const window = {
      ...testWindow({ priceUsdPerMWh: [20, 20, 20], miningUsdPerMWh: 60 }),
      drEvent: Uint8Array.from([0, 1, 0]),
    };
    const plan = solvePlan(
      highs,
      testSite({ demandResponse: { baselineMW: 10, paymentUsdPerMWh: 30 } }),
      window,
      coldState,
    );
    expect(plan.objectiveUsd).toBeCloseTo(1200, 6);
    expectSeries(plan.dispatch.miningMW, [10, 10, 10]);
  });
});
