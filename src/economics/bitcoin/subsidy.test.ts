import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockSubsidySats, issuedSupplySats, nextHalvingHeight, supplyCapSats } from './subsidy.ts';

// ECONOMICS.md §1.1, tagged [C] and consensus [P]: exact integers.
const subsidyCases: ReadonlyArray<[height: number, sats: bigint]> = [
  [0, 5_000_000_000n],
  [209_999, 5_000_000_000n],
  [210_000, 2_500_000_000n],
  [420_000, 1_250_000_000n],
  [629_999, 1_250_000_000n],
  [630_000, 625_000_000n],
  [839_999, 625_000_000n],
  [840_000, 312_500_000n],
  [1_050_000, 156_250_000n],
  [1_260_000, 78_125_000n],
  [32 * 210_000, 1n],
  [33 * 210_000, 0n],
  [64 * 210_000, 0n],
  [100 * 210_000, 0n],
];

describe('blockSubsidySats (ECONOMICS.md §1.1, Bitcoin Core GetBlockSubsidy)', () => {
  it.each(subsidyCases)('height %i pays %i sat', (height, sats) => {
    expect(blockSubsidySats(height)).toBe(sats);
  });

  it('pays in era 32 at the latest (1 sat), nothing from era 33', () => {
    const lastPaying = Math.max(...[...Array(64).keys()].filter((k) => blockSubsidySats(210_000 * k) > 0n));
    expect(lastPaying).toBe(32);
  });

  it('is not fooled by 32-bit shifts: 5e9 >> 1 in int32 would give 352516352', () => {
    expect(blockSubsidySats(210_000)).toBe(2_500_000_000n);
  });

  it('rejects negative and fractional heights with the field named', () => {
    expect(() => blockSubsidySats(-1)).toThrow(/height: must be a whole block height/);
    expect(() => blockSubsidySats(1.5)).toThrow(/fix:/);
  });

  it('never increases with height (property)', () => {
    fc.assert(
      fc.property(fc.nat(30_000_000), fc.nat(30_000_000), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return blockSubsidySats(hi) <= blockSubsidySats(lo);
      }),
    );
  });
});

describe('issuedSupplySats (ECONOMICS.md §1.3)', () => {
  it('caps at 2,099,999,997,690,000 sat, as Core subsidy_limit_test asserts', () => {
    expect(supplyCapSats()).toBe(2_099_999_997_690_000n);
  });

  it('is 19,687,500 BTC at the end of era 3 (heights 0..839,999)', () => {
    expect(issuedSupplySats(839_999)).toBe(1_968_750_000_000_000n);
  });

  it('counts the genesis block (50 BTC at height 0)', () => {
    expect(issuedSupplySats(0)).toBe(5_000_000_000n);
    expect(issuedSupplySats(209_999)).toBe(210_000n * 5_000_000_000n);
  });

  it('equals a naive per-era sum and never exceeds the cap (property)', () => {
    fc.assert(
      fc.property(fc.nat(64 * 210_000 + 500_000), (height) => {
        let naive = 0n;
        for (let era = 0; era * 210_000 <= height; era++) {
          const last = Math.min(height, (era + 1) * 210_000 - 1);
          naive += BigInt(last - era * 210_000 + 1) * blockSubsidySats(era * 210_000);
        }
        const issued = issuedSupplySats(height);
        return issued === naive && issued <= 2_099_999_997_690_000n;
      }),
    );
  });

  it('grows by exactly the block subsidy from one height to the next (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7_000_000 }), (h) => {
        return issuedSupplySats(h) - issuedSupplySats(h - 1) === blockSubsidySats(h);
      }),
    );
  });
});

describe('nextHalvingHeight', () => {
  it('is strictly after the height', () => {
    expect(nextHalvingHeight(839_999)).toBe(840_000);
    expect(nextHalvingHeight(840_000)).toBe(1_050_000);
  });
});
