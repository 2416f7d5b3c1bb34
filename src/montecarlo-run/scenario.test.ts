/** The scenario section: defaults apply, and a bad field is named with its fix. */
import { describe, expect, it } from 'vitest';
import { parseSiteText } from '../config/load.ts';
import { ConfigError } from '../errors.ts';

const site = (scenario: string) =>
  `name: t\noperations: { grid: { importLimitMW: 10 } }\nscenario: ${scenario}\n`;

describe('scenario section', () => {
  it('fills every default', () => {
    const parsed = parseSiteText(site('{}'), 'site.yaml').scenario!;
    expect(parsed.years).toBe(10);
    expect(parsed.btc).toEqual({ model: 'bootstrap', windowDays: 1461, meanBlockDays: 25 });
    expect(parsed.gpu.rentalDeclinePerYear).toBe(0.25);
    expect(parsed.electricity.kappaPerYear).toBeUndefined();
  });

  it.each([
    [
      '{ btc: { meanBlockDays: 0 } }',
      'scenario.btc.meanBlockDays',
      /mean block length of the stationary bootstrap/,
    ],
    ['{ btc: { model: garch } }', 'scenario.btc.model', /gbm .* or bootstrap/],
    ['{ gpu: { rentalDeclinePerYear: -1 } }', 'scenario.gpu.rentalDeclinePerYear', /0\.15-0\.55/],
    [
      '{ difficulty: { efficiencyTrendPerYear: 0.2 } }',
      'scenario.difficulty.efficiencyTrendPerYear',
      /S19 → S21/,
    ],
    ['{ capex: { asicUsdPerTh: -3 } }', 'scenario.capex.asicUsdPerTh', /Hashrate Index/],
    ['{ yeers: 5 }', 'scenario', /scenario section/],
  ])('%s → error at %s with its fix', (text, field, fix) => {
    let error: unknown;
    try {
      parseSiteText(site(text), 'site.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const issue = (error as ConfigError).issues.find((i) => i.field === field);
    expect(issue, (error as Error).message).toBeDefined();
    expect(issue!.fix).toMatch(fix);
  });
});
