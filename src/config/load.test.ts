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
    expect(message).toMatch(
      /mining\.fleet: give every model a share \(adding up to 1\) or every model a count.*fix: list the ASIC models/,
    );
    expect(message).toMatch(/ai\.pricing\.utilization: .*got 1\.5; fix: share of GPU-hours sold/);
  });

  it('rejects unknown keys (typos) at the root', () => {
    expect(() => parseSiteText('name: x\nminig: {}\n', 's.yaml')).toThrow(/minig/);
  });

  it('reports YAML syntax errors with the line', () => {
    expect(() => parseSiteText('name: x\nmining: [\n', 's.yaml')).toThrow(/s\.yaml:line \d+: \(syntax\)/);
  });
});

describe('mining fleet by machine count', () => {
  it('turns counts into shares of IT power and the installed IT MW', () => {
    const site = parseSiteText(
      'name: c\nmining:\n  fleet:\n    - { model: antminer-s21, count: 2000 }\n    - { model: antminer-s19-xp, count: 1000 }\n',
      'c.yaml',
    );
    // 2,000 × 3,500 W + 1,000 × 3,010 W = 7 MW + 3.01 MW.
    expect(site.mining.installedItMW).toBeCloseTo(10.01, 9);
    expect(site.mining.fleet.map((f) => f.share)).toEqual([7 / 10.01, 3.01 / 10.01]);
  });

  it('refuses a fleet that mixes shares and counts, naming the field and fix', () => {
    const text =
      'name: c\nmining:\n  fleet:\n    - { model: antminer-s21, count: 2000 }\n    - { model: antminer-s19-xp, share: 0.5 }\n';
    expect(() => parseSiteText(text, 'c.yaml')).toThrow(
      /mining\.fleet: give every model a share \(adding up to 1\) or every model a count/,
    );
  });
});
