import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.ts';
import { parseSiteText } from './load.ts';

describe('site file', () => {
  it('fills documented defaults', () => {
    const site = parseSiteText('name: test\n', 'site.yaml');
    expect(site.mining.pue).toBe(1.1);
    expect(site.mining.fleet).toEqual([{ model: 'antminer-s21', share: 1 }]);
    expect(site.ai.pricing).toEqual({ kind: 'rental', utilization: 0.8 });
    expect(site.power).toEqual({ kind: 'fixed', priceUsdPerMWh: 45 });
    expect(site.carbon.marginalGPerKWh).toBe(490);
  });

  it('accepts JSON too', () => {
    expect(parseSiteText('{"name": "j", "itPowerMW": 20}', 'site.json').itPowerMW).toBe(20);
  });

  it('names file, field, value and fix for each problem', () => {
    const text = [
      'name: bad',
      'mining:',
      '  pue: 0.9',
      '  fleet:',
      '    - model: antminer-s21',
      '      share: 0.5',
      'ai:',
      '  pricing: { kind: rental, utilization: 1.5 }',
    ].join('\n');
    let error: unknown;
    try {
      parseSiteText(text, 'sites/bad.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/sites\/bad\.yaml: mining\.pue: .*got 0\.9; fix: use 1\.03-1\.20/);
    expect(message).toMatch(/mining\.fleet: shares must add up to 1.*fix: list at least one ASIC model/);
    expect(message).toMatch(/ai\.pricing\.utilization: .*got 1\.5; fix: share of GPU-hours sold/);
  });

  it('rejects unknown keys (typos) at the root', () => {
    expect(() => parseSiteText('name: x\nminig: {}\n', 's.yaml')).toThrow(/minig/);
  });

  it('reports YAML syntax errors with the line', () => {
    expect(() => parseSiteText('name: x\nmining: [\n', 's.yaml')).toThrow(/s\.yaml:line \d+: \(syntax\)/);
  });
});
