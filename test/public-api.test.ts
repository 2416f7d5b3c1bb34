/**
 * The public API through the package name, as a user imports it (bitcoinjs-lib style). In vitest the name
 * resolves to src/; the last test runs the built package in a plain Node process, as `npm ci` leaves it.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as switchyard from 'switchyard';
import { describe, expect, it } from 'vitest';

const ISSUE_API = [
  'blockSubsidySats',
  'issuedSupplySats',
  'retargetBits',
  'difficultyFromBits',
  'networkHashrateHs',
  'expectedBlocksPerDay',
  'hashpriceUsdPerPhDay',
  'breakEvenPowerPriceUsdPerMWh',
  'npv',
  'npvExcel',
  'irr',
  'xnpv',
  'xirr',
  'paybackYears',
] as const;

describe('public API', () => {
  const exported: Record<string, unknown> = { ...switchyard };
  it.each(ISSUE_API)('exports %s', (name) => {
    expect(typeof exported[name]).toBe('function');
  });

  it('keeps the documented argument shapes', () => {
    expect(switchyard.blockSubsidySats(840_000)).toBe(312_500_000n);
    expect(switchyard.issuedSupplySats(839_999)).toBe(1_968_750_000_000_000n);
    expect(switchyard.retargetBits(0x1d00ffff, 1262152739 - 1261130161)).toBe(0x1d00d86a);
    expect(switchyard.difficultyFromBits(0x17034219)).toBeCloseTo(86388558925171.02, 1);
    expect(switchyard.expectedBlocksPerDay(switchyard.networkHashrateHs(1e12), 1e12)).toBeCloseTo(144, 9);
    expect(
      switchyard.hashpriceUsdPerPhDay({
        difficulty: 101646843652784.61,
        btcPriceUsd: 87235,
        subsidyBtc: 3.28,
        feesBtcPerBlock: 0,
      }),
    ).toBeCloseTo(56.63, 2);
    expect(
      switchyard.breakEvenPowerPriceUsdPerMWh({
        hashpriceUsdPerPhDay: 55.97,
        efficiencyJPerTh: 17.5,
        pue: 1,
        poolFeeFraction: 0,
      }),
    ).toBeCloseTo(133.26, 2);
    expect(switchyard.npv(0.1, [-1000, 500, 500, 500])).toBeCloseTo(243.43, 2);
    expect(switchyard.npvExcel(0.1, [-10000, 3000, 4200, 6800])).toBeCloseTo(1188.44, 2);
    const result = switchyard.irr([-70000, 12000, 15000, 18000, 21000, 26000]);
    expect(result.ok && result.rate).toBeCloseTo(0.0866309, 6);
    expect(switchyard.irr([1, 2, 3])).toMatchObject({ ok: false });
    expect(switchyard.paybackYears([-100, 10])).toEqual({ kind: 'never' });
    const day = 86_400_000;
    expect(
      switchyard.xnpv(0.09, [
        { atMs: 0, amountUsd: -100 },
        { atMs: 365 * day, amountUsd: 109 },
      ]),
    ).toBeCloseTo(0, 9);
    const x = switchyard.xirr([
      { atMs: 0, amountUsd: -100 },
      { atMs: 365 * day, amountUsd: 110 },
    ]);
    expect(x.ok && x.rate).toBeCloseTo(0.1, 9);
  });

  it('works as an installed package: `import ... from "switchyard"` in plain Node after the build', () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const script =
      "import { blockSubsidySats, hashpriceUsdPerPhDay } from 'switchyard'; console.log(String(blockSubsidySats(1050000)), typeof hashpriceUsdPerPhDay);";
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(out.trim()).toBe('156250000 function');
  });
});
