/** The model's shape: readable unique row names carrying family and interval, and families only where needed. */
import { describe, expect, it } from 'vitest';
import { benchmarkProblem, coldState, testSite, testWindow } from '../fixtures.ts';
import { buildModel } from './build.ts';
import { evaluateObjective, isMixedInteger } from './linear-model.ts';

describe('buildModel', () => {
  const { site, window, state } = benchmarkProblem(24, true);
  const { model } = buildModel(site, window, state);

  it('names every row <family>_t<interval>, uniquely', () => {
    const names = model.constraints.map((row) => row.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('import_limit_t12');
    for (const row of model.constraints) expect(row.name).toBe(`${row.family}_t${row.interval}`);
    const families = new Set(model.constraints.map((row) => row.family));
    expect([...families].sort()).toEqual([
      'ai_contract',
      'ai_spot_capacity',
      'ai_spot_min_load',
      'ai_spot_min_on',
      'ai_spot_start',
      'battery_no_export',
      'battery_soc',
      'import_limit',
      'mining_ramp',
    ]);
    expect(isMixedInteger(model)).toBe(true);
  });

  it('leaves out families a site does not need', () => {
    const bare = buildModel(testSite(), testWindow({ priceUsdPerMWh: [1, 2, 3] }), coldState).model;
    expect(bare.constraints.map((row) => row.name)).toEqual([
      'import_limit_t0',
      'import_limit_t1',
      'import_limit_t2',
    ]);
    expect(bare.variables.map((v) => v.name)).toEqual(['mining_s0_t0', 'mining_s0_t1', 'mining_s0_t2']);
    // A ramp narrower than the fleet adds one ranged row per interval, the first one anchored on the carried power.
    const ramped = buildModel(
      testSite({ mining: { rampMWPerInterval: 2 } }),
      testWindow({ priceUsdPerMWh: [1, 2, 3] }),
      { ...coldState, miningMW: 5 },
    ).model;
    const first = ramped.constraints.find((row) => row.name === 'mining_ramp_t0')!;
    expect([first.lower, first.upper]).toEqual([3, 7]);
  });

  it('prices each interval separately and the parts add up to the objective', () => {
    const x = model.variables.map((v) => (Number.isFinite(v.upper) ? v.upper / 2 : 0));
    const { totalUsd, byIntervalUsd } = evaluateObjective(model, x);
    expect(byIntervalUsd).toHaveLength(24);
    expect(byIntervalUsd.reduce((s, usd) => s + usd, 0)).toBeCloseTo(totalUsd, 6);
  });
});
