/** The CLI end to end on the shipped data: outputs people and scripts rely on, and clear errors. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as run } from './helpers/cli.ts';

const tmp = mkdtempSync(join(tmpdir(), 'switchyard-cli-'));
const site = (name: string, text: string): string => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
};

describe('switchyard compare', () => {
  it('prints the comparison for the latest complete day by default', async () => {
    const { code, out } = await run('compare');
    expect(code).toBe(0);
    expect(out).toMatch(/Mining vs AI per MW of IT capacity on 2025-09-26/);
    expect(out).toMatch(/break-even power price/);
    expect(out).toMatch(/NEXT HALVING: HEIGHT 1,050,000/);
  });

  it('--json gives the numbers: 2024-11-12 hashprice within 3 % of the published $55.97 (check M1)', async () => {
    const { code, out } = await run('compare', '--date', '2024-11-12', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(Math.abs(report.market.hashpriceUsdPerPhDay / 55.97 - 1)).toBeLessThan(0.03);
    expect(report.mining.stability.cvKind).toBe('sample');
    expect(report.mining.stability.sampleCount).toBe(365);
    expect(report.halving.height).toBe(1_050_000);
    expect(typeof report.halving.subsidyAfterSats).toBe('string');
    expect(report.ai.revenueUsdPerDay).toBeGreaterThan(report.mining.revenueUsdPerDay);
  });

  it('says what it assumed after the last shipped difficulty', async () => {
    const { out } = await run('compare', '--date', '2026-01-31');
    expect(out).toMatch(/difficulty: not shipped for 2026-01-31; carried from 2025-09-26/);
  });

  it('rejects an impossible date with exit code 2 and the flag named', async () => {
    const { code, err } = await run('compare', '--date', '2024-13-01');
    expect(code).toBe(2);
    expect(err).toMatch(/--date: must be a calendar date YYYY-MM-DD/);
  });

  it('rejects a date outside the history with exit code 3 and the range', async () => {
    const { code, err } = await run('compare', '--date', '2031-01-01');
    expect(code).toBe(3);
    expect(err).toMatch(/outside the shipped daily history \(2009-01-03 \.\. 2026-01-31\)/);
  });

  it('names an unknown ASIC model and suggests close ids', async () => {
    const path = site(
      'unknown-model.yaml',
      'name: x\nmining:\n  fleet:\n    - { model: antminer-s99, share: 1 }\n',
    );
    const { code, err } = await run('compare', '--site', path);
    expect(code).toBe(3);
    expect(err).toMatch(/antminer-s99/);
  });

  it('names file, field, value and fix for a bad site file', async () => {
    const path = site(
      'bad.yaml',
      'name: x\npower: { kind: fixed, priceUsdPerMWh: "cheap" }\nai:\n  pue: 0.5\n',
    );
    const { code, err } = await run('compare', '--site', path);
    expect(code).toBe(2);
    expect(err).toContain(`${path}: power.priceUsdPerMWh`);
    expect(err).toMatch(/got "cheap"; fix: the all-in \$\/MWh you pay/);
    expect(err).toMatch(/ai\.pue: .*got 0\.5; fix: use 1\.1-1\.5 for an AI hall/);
  });

  it('uses ERCOT real-time prices when the site asks for them', async () => {
    const path = site('ercot.yaml', 'name: ercot\npower: { kind: ercot-rt-hubavg }\n');
    const { out } = await run('compare', '--site', path, '--date', '2024-08-20', '--json');
    const report = JSON.parse(out);
    expect(report.power.source).toMatch(/ERCOT HB_HUBAVG real-time, mean of 2024-08-20/);
    expect(report.power.priceUsdPerMWh).toBeGreaterThan(0);
  });
});

describe('switchyard energy', () => {
  it('gives lower < best < upper and the seed 150 TWh as 17.12 GW', async () => {
    const { code, out } = await run('energy', '--date', '2024-11-12', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(out);
    const [lower, best, upper] = report.bounds;
    expect(lower.energyTWhPerYear).toBeLessThan(best.energyTWhPerYear);
    expect(best.energyTWhPerYear).toBeLessThan(upper.energyTWhPerYear);
    expect(report.seedClaim.continuousGW).toBeCloseTo(17.12, 2);
    expect(report.intensity.method).toBe('average');
  });
});

describe('switchyard invest', () => {
  it('prints NPV/IRR/payback and a sensitivity table, and writes charts with --out', async () => {
    const out = join(tmp, 'invest');
    const result = await run('invest', '--site', 'examples/site.yaml', '--out', out);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/convert − stay/);
    expect(result.out).toMatch(/Sensitivity of the NPV/);
    expect(readFileSync(join(out, 'sensitivity.svg'), 'utf8')).toMatch(/^<svg/);
    expect(readFileSync(join(out, 'cashflows.svg'), 'utf8')).toMatch(/<svg[\s\S]*<\/svg>/);
    expect(JSON.parse(readFileSync(join(out, 'invest.json'), 'utf8')).sensitivity).toHaveLength(11);
  });

  it('explains a site file without an invest section', async () => {
    const path = site('no-invest.yaml', 'name: x\n');
    const { code, err } = await run('invest', '--site', path);
    expect(code).toBe(2);
    expect(err).toMatch(/invest: is missing; fix: add invest: \{ convertItMW: 10 \}/);
  });
});

describe('switchyard backtest', () => {
  it('writes report.html with SVG charts, results.json and CSV, and prints the table', async () => {
    const out = join(tmp, 'backtest');
    const result = await run(
      'backtest',
      '--site',
      'examples/site-20mw.yaml',
      '--from',
      '2024-06-01',
      '--to',
      '2024-06-03',
      '--strategies',
      'static-split,price-threshold,optimizer-forecast',
      '--out',
      out,
    );
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/optimizer-forecast/);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html.match(/<svg/g)?.length).toBe(4);
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).metrics).toHaveLength(3);
    expect(readFileSync(join(out, 'metrics.csv'), 'utf8')).toMatch(/^strategy,forecast,profit_usd/);
    expect(readFileSync(join(out, 'hourly.csv'), 'utf8').trim().split('\n')).toHaveLength(1 + 3 * 72);
  });

  it('names an unknown strategy and the choices', async () => {
    const { code, err } = await run(
      'backtest',
      '--site',
      'examples/site-20mw.yaml',
      '--from',
      '2024-06-01',
      '--to',
      '2024-06-02',
      '--strategies',
      'yolo',
    );
    expect(code).toBe(2);
    expect(err).toMatch(/--strategies: unknown strategy yolo.*fix: choose from mining-only/);
  });

  it('says which price data exist when the range has none', async () => {
    const { code, err } = await run(
      'backtest',
      '--site',
      'examples/site-20mw.yaml',
      '--from',
      '2022-06-01',
      '--to',
      '2022-06-02',
      '--out',
      join(tmp, 'none'),
    );
    expect(code).toBe(3);
    expect(err).toMatch(/no shipped ERCOT prices at HB_HUBAVG cover 2022-06-01/);
  });
});

describe('switchyard simulate', () => {
  it('writes the report folder and gives the same summary on 1 and 2 threads', async () => {
    const args = [
      'simulate',
      '--site',
      'examples/site-20mw.yaml',
      '--paths',
      '120',
      '--years',
      '3',
      '--seed',
      '5',
      '--json',
    ];
    const two = await run(...args, '--threads', '2', '--out', join(tmp, 'mc2'));
    const one = await run(...args, '--threads', '1', '--out', join(tmp, 'mc1'));
    expect(two.code).toBe(0);
    expect(one.out).toBe(two.out);
    const summary = JSON.parse(two.out);
    expect(summary.strategies.map((s: { name: string }) => s.name)).toEqual([
      'mining-only',
      'ai-only',
      'static-split',
      'price-threshold',
      'hybrid',
    ]);
    expect(readFileSync(join(tmp, 'mc2', 'report.html'), 'utf8')).toMatch(/<svg/);
    expect(
      readFileSync(join(tmp, 'mc2', 'paths.csv'), 'utf8')
        .trim()
        .split('\n').length,
    ).toBeGreaterThan(120);
  });

  it('rejects a bad path count naming the flag', async () => {
    const { code, err } = await run('simulate', '--site', 'examples/site-20mw.yaml', '--paths', 'many');
    expect(code).toBe(2);
    expect(err).toMatch(/--paths: must be a whole number/);
  });
});
